/**
 * One fixture per bug found by fuzzing (RELIABILITY.md): its diagnostics are golden (`.expected`), and where
 * it formats, its canonical layout too (`.formatted`), which must format to itself and keep every comment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, runTests } from '@rubric/core';
import { format, parse } from '@rubric/grammar';
import { golden, listFixtures, showDiagnostics } from '../helpers/fixtures.js';
import { examine } from './fuzz/oracle.js';

const dir = path.join(import.meta.dirname, 'fixtures');

describe('regression fixtures', () => {
  for (const file of listFixtures(dir, '.rubric')) {
    it(path.basename(file), () => {
      const text = fs.readFileSync(file, 'utf8');
      expect(examine(text, { seed: 1 }).problems).toEqual([]);
      golden(file.replace(/\.rubric$/, '.expected'), showDiagnostics(text, analyze(text).diagnostics));
      const once = format(text);
      if (!once.ok) return;
      golden(file.replace(/\.rubric$/, '.formatted'), once.text);
      const twice = format(once.text);
      expect(twice.ok && twice.text).toBe(once.text);
      const comments = (t: string) => parse(t).comments.map((c) => c.image.split('\n').map((l) => l.trim()).join('\n'));
      expect(comments(once.text)).toEqual(comments(text));
    });
  }

  it('the test blocks of the fixtures without errors pass, before and after formatting', () => {
    for (const file of listFixtures(dir, '.rubric')) {
      const text = fs.readFileSync(file, 'utf8');
      if (analyze(text).hasErrors) continue;
      const once = format(text);
      expect(once.ok).toBe(true);
      for (const t of [text, once.ok ? once.text : '']) {
        const failed = runTests(analyze(t).model).filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.map((f) => f.message).join('; ')}`);
        expect(failed, path.basename(file)).toEqual([]);
      }
    }
  });

  it('object-names.rubric: Object.prototype is left alone', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    analyze(fs.readFileSync(path.join(dir, 'object-names.rubric'), 'utf8'));
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });
});
