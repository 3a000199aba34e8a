/** `rubric fmt`: canonical, idempotent, keeps every comment, and changes no meaning. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, parse } from '@rubric/grammar';
import { analyze } from '@rubric/core';
import { golden, ROOT } from '../helpers/fixtures.js';

const files = [
  'tests/format/comments.rubric',
  'tests/check/fixtures/clean.rubric',
  'tests/parser/ok/full.rubric',
  'examples/gov-service-2022/rules.rubric',
  'examples/county-2023/rules.rubric',
].map((f) => path.join(ROOT, f));

function comments(text: string): string[] {
  return parse(text).comments.map((c) => c.image.trim());
}

function stripSpans(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v) => (['span', 'header', 'keyword', 'opSpan', 'nameSpan'].includes(k) ? undefined : k === 'observed' && v && typeof v === 'object' ? true : typeof v === 'bigint' ? String(v) : v)));
}

describe('format', () => {
  for (const file of files) {
    it(`${path.relative(ROOT, file)}: idempotent, comments kept, same tree`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const once = format(text);
      expect(once.ok).toBe(true);
      if (!once.ok) return;
      const twice = format(once.text);
      expect(twice.ok && twice.text).toBe(once.text);
      expect(comments(once.text)).toEqual(comments(text));
      expect(stripSpans(parse(once.text).tree)).toEqual(stripSpans(parse(text).tree));
    });
  }

  it('lays out a messy file canonically (golden)', () => {
    const file = path.join(ROOT, 'tests/format/comments.rubric');
    const r = format(fs.readFileSync(file, 'utf8'));
    golden(file.replace(/\.rubric$/, '.formatted'), r.ok ? r.text : 'syntax errors');
  });

  it('refuses a file with syntax errors', () => {
    expect(format('indicator x weight {').ok).toBe(false);
  });

  it('the examples are already in canonical form', () => {
    for (const f of files.filter((x) => x.includes('examples/'))) {
      const text = fs.readFileSync(f, 'utf8');
      const r = format(text);
      expect(r.ok && r.text === text, `${path.relative(ROOT, f)} is not formatted: run rubric fmt`).toBe(true);
    }
  });

  it('formatting the 2022 example does not change its model', () => {
    const file = files.find((f) => f.includes('gov-service-2022'))!;
    const text = fs.readFileSync(file, 'utf8');
    const r = format(text);
    if (!r.ok) throw new Error('syntax errors');
    const a = analyze(text).model;
    const b = analyze(r.text).model;
    expect(stripSpans(b.allIndicators)).toEqual(stripSpans(a.allIndicators));
    expect(stripSpans(b.findings)).toEqual(stripSpans(a.findings));
  });
});
