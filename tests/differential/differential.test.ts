/**
 * The evaluator (the plain reference semantics) and the generated engine (what the editor previews and
 * the yearly run execute) must agree to the last byte: on the examples, on random evidence that lands on
 * rounding ties, and on random rule files.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, evaluate, instantiateEngine, type Model, type UnitInput } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';
import { evidenceFor, rulesText } from './generators.js';

const RUNS = Number(process.env['DIFF_RUNS'] ?? 60);

function same(model: Model, units: UnitInput[]): void {
  let reference: string;
  try {
    reference = JSON.stringify(evaluate(model, units));
  } catch (e) {
    // A unit with no score must fail in both.
    expect(() => instantiateEngine(model).runValidated(units)).toThrow((e as Error).message.split(':')[0]);
    return;
  }
  const engine = instantiateEngine(model);
  expect(JSON.stringify(engine.runValidated(units))).toBe(reference);
  // Without explanations (the editor's preview) a value near a tie is recomputed alone, not the whole unit.
  const plain = JSON.parse(reference) as { units: { explain: unknown[] }[] };
  for (const u of plain.units) u.explain = [];
  expect(JSON.stringify(engine.runValidated(units, { explain: false }))).toBe(JSON.stringify(plain));
}

function model(file: string): Model {
  const a = analyze(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  expect(a.hasErrors).toBe(false);
  return a.model;
}

describe('evaluator ≡ generated engine', () => {
  it('on the 2022 example with its evidence', async () => {
    const m = model('examples/gov-service-2022/rules.rubric');
    const { validateEvidence } = await import('@rubric/core');
    const dir = path.join(ROOT, 'examples/gov-service-2022/evidence');
    const raw = fs.readdirSync(dir).sort().map((f) => ({ id: f.replace(/\.json$/, ''), source: f, data: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
    const v = validateEvidence(m, raw);
    expect(v.problems).toEqual([]);
    same(m, v.units);
  });

  for (const file of ['examples/gov-service-2022/rules.rubric', 'examples/county-2023/rules.rubric', 'tests/check/fixtures/clean.rubric']) {
    it(`on random evidence for ${file}`, () => {
      const m = model(file);
      fc.assert(fc.property(fc.array(evidenceFor(m), { minLength: 1, maxLength: 12 }), (evs) => {
        same(m, evs.map((evidence, i) => ({ id: `u${String(i).padStart(2, '0')}`, evidence })));
      }), { numRuns: RUNS });
    });
  }

  it('on random rule files with random evidence', () => {
    fc.assert(fc.property(rulesText, fc.integer({ min: 1, max: 1_000_000 }), (text, seed) => {
      const a = analyze(text);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const evs = fc.sample(fc.array(evidenceFor(a.model), { minLength: 1, maxLength: 8 }), { numRuns: 1, seed })[0]!;
      same(a.model, evs.map((evidence, i) => ({ id: `u${i}`, evidence })));
    }), { numRuns: RUNS });
  });
});
