/**
 * The evaluator and the generated engine agree to the last byte on the rich generated files (exclusions,
 * missing zero, observed indicators and scenarios, ties in scores and ranks, text groups), with and
 * without a baseline — the gaps of tests/differential/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, evaluate, instantiateEngine, type Model, type Results, type UnitInput } from '@rubric/core';
import { compareScorers } from './fuzz/oracle.js';
import { richRules, unitsFor, validated } from './generators.js';

const RUNS = Number(process.env['DIFF_RUNS'] ?? 60);
/** `npm run fuzz` fixes the seed, so a failure of the long run can be replayed. */
const SEED = process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {};

describe('evaluator ≡ generated engine on rich generated files', () => {
  it('rules are valid as generated', () => {
    fc.assert(fc.property(richRules, (text) => {
      expect(analyze(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }), { numRuns: RUNS, ...SEED });
  });

  it('same bytes on random units, ties included', () => {
    fc.assert(fc.property(richRules, fc.integer({ min: 1, max: 1_000_000 }), (text, seed) => {
      const model = analyze(text).model;
      const units = validated(model, fc.sample(unitsFor(model), { numRuns: 1, seed })[0]!);
      const problems: string[] = [];
      compareScorers(model, units, problems);
      expect(problems).toEqual([]);
    }), { numRuns: RUNS, ...SEED });
  });

  it('same bytes with a baseline (a previous run of other units)', () => {
    fc.assert(fc.property(richRules, fc.integer({ min: 1, max: 1_000_000 }), (text, seed) => {
      const model = analyze(text).model;
      const [b, a] = fc.sample(fc.tuple(unitsFor(model), unitsFor(model)), { numRuns: 1, seed })[0]!;
      const before = validated(model, b);
      const after = validated(model, a);
      let baseline: Results;
      try { baseline = evaluate(model, before); } catch { return; } // a unit with no score: no baseline to take
      const problems: string[] = [];
      const { compareScorersWith } = withBaseline(baseline);
      compareScorersWith(model, after, problems);
      expect(problems).toEqual([]);
    }), { numRuns: Math.ceil(RUNS / 2), ...SEED });
  });
});


function withBaseline(baseline: Results) {
  return {
    compareScorersWith(model: Model, units: UnitInput[], problems: string[]): void {
      let a: string | undefined;
      let b: string | undefined;
      try { a = JSON.stringify(evaluate(model, units, { baseline })); } catch (e) { a = `threw ${(e as Error).message.split(':')[0]}`; }
      try { b = JSON.stringify(instantiateEngine(model).runValidated(units, { baseline })); } catch (e) { b = `threw ${(e as Error).message.split(':')[0]}`; }
      if (a !== b) problems.push(`engine ≠ evaluator with a baseline: ${firstDifference(a, b)}`);
    },
  };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at ${i}: evaluator …${a.slice(Math.max(0, i - 80), i + 80)}… engine …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}
