/** Golden generated engines: the code `rubric compile` emits, reviewed as a diff when the generator changes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, generateEngine } from '@rubric/core';
import { golden, ROOT } from '../helpers/fixtures.js';

describe('generated engine', () => {
  for (const file of ['tests/check/fixtures/clean.rubric', 'tests/eval/missing-and-observed/rules.rubric']) {
    it(file, () => {
      const model = analyze(fs.readFileSync(path.join(ROOT, file), 'utf8')).model;
      golden(path.join(import.meta.dirname, `${path.basename(path.dirname(file))}-${path.basename(file, '.rubric')}.engine.mjs`), generateEngine(model));
    });
  }
});

describe('embedded runtime', () => {
  it('is plain source of Q, Assemble and EvidenceRules, with no imports or tool rewrites', async () => {
    const { RUNTIME_SOURCE } = await import('@rubric/core/runtime/embedded.generated');
    expect(RUNTIME_SOURCE).not.toMatch(/\bimport\b|__vite|require\(/);
    const [Q, Assemble, EvidenceRules] = new Function(`${RUNTIME_SOURCE}\nreturn [Q, Assemble, EvidenceRules];`)() as [{ round(q: unknown, d: number): string; parse(s: string): unknown }, { fast(x: number, d: number): number }, { describeKind(f: unknown): string }];
    expect(Q.round(Q.parse('2.345'), 2)).toBe('2.35');
    expect(Assemble.fast(1.25, 1)).toBe(1.3);
    expect(EvidenceRules.describeKind({ kind: 'ratio' })).toBe('a ratio from 0 to 1');
  });
});
