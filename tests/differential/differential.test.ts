/**
 * The evaluator (the plain reference semantics) and the generated engine (what the editor previews and
 * the yearly run execute) must agree to the last byte: on the examples, on random evidence that lands on
 * rounding ties, and on random rule files.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, evaluate, instantiateEngine, type ExactMemo, type Model, type UnitInput } from '@rubric/core';
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
  // With a memo of exact values (the editor's): the run that fills it and the run that reads it.
  const memo: ExactMemo = new Map();
  expect(JSON.stringify(engine.runValidated(units, { explain: false, memo }))).toBe(JSON.stringify(plain));
  expect(JSON.stringify(engine.runValidated(units, { explain: false, memo }))).toBe(JSON.stringify(plain));
  expect(JSON.stringify(engine.runValidated(units, { memo }))).toBe(reference);
}

/**
 * Edits as the editor sees them, one after another over the same unit objects and one memo: each must
 * score exactly as a fresh engine without a memo. Weights, a leaf's formula, a constant every leaf reads
 * (the scale), fields declared in another order (their positions change, their meaning not), an
 * indicator inserted before the others (every position shifts), and back to the start.
 */
const EDITS: [string, (t: string) => string][] = [
  ['as it is', (t) => t],
  ['two sibling weights', (t) => t.replace('"全程网办" weight 40', '"全程网办" weight 30').replace('"证照送达" weight 10', '"证照送达" weight 20')],
  ['a leaf formula', (t) => t.replace('100 * site.reachable', '90 * site.reachable')],
  ['fields reordered', (t) => t.replace(/( {2}site\.reachable:[^\n]*\n)( {2}site\.valid_links:[^\n]*\n)/, '$2$1')],
  ['an indicator first', (t) => t.replace(/\nindicator /, '\nindicator first "F" observed { score = 100 * site.reachable }\n\nindicator ')],
  ['the scale', (t) => t.replace('scale 0..100', 'scale 0..120')],
  ['as it is again', (t) => t],
];

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

  it('edit after edit with one memo of exact values, on random evidence for the 2022 example', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/gov-service-2022/rules.rubric'), 'utf8');
    const models = EDITS.map(([name, edit]) => {
      const edited = edit(text);
      if (name !== 'as it is' && name !== 'as it is again') expect(edited, name).not.toBe(text);
      const a = analyze(edited);
      expect(a.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      return a.model;
    });
    fc.assert(fc.property(fc.array(evidenceFor(models[0]!), { minLength: 1, maxLength: 12 }), (evs) => {
      const units = evs.map((evidence, i) => ({ id: `u${i}`, evidence }));
      const memo: ExactMemo = new Map();
      for (const m of models) {
        const engine = instantiateEngine(m);
        expect(JSON.stringify(engine.runValidated(units, { explain: false, memo }))).toBe(JSON.stringify(engine.runValidated(units, { explain: false })));
      }
    }), { numRuns: RUNS });
  });

  it('on random rule files with random evidence', () => {
    fc.assert(fc.property(rulesText, fc.integer({ min: 1, max: 1_000_000 }), (text, seed) => {
      const a = analyze(text);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const evs = fc.sample(fc.array(evidenceFor(a.model), { minLength: 1, maxLength: 8 }), { numRuns: 1, seed })[0]!;
      same(a.model, evs.map((evidence, i) => ({ id: `u${i}`, evidence })));
    }), { numRuns: RUNS });
  });
});
