/**
 * The missing-evidence alternative (`imputation`): in that share of runs every declared policy is swapped
 * (zero ↔ exclude). Worked by hand on fixtures/imputation.rubric: p scores 40 as declared (b counts 0) and
 * 80 with b excluded; q scores 60 either way. So p is first and 'high' exactly in the swapped runs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeUncertainty, swappedPolicies } from '@rubric/core';
import { FIXTURES, rules, units } from './helpers.js';

const model = rules(path.join(FIXTURES, 'imputation.rubric'));
const pq = units(model, { p: { a: 80, b: null }, q: { a: 60, b: 60 } });
const base = { runs: 2000, seed: 11, weights: 0, threshold: 0, steps: 0, maxChanges: 0 };
const byId = (r: ReturnType<typeof analyzeUncertainty>) => ['p', 'q'].map((id) => r.units.find((u) => u.id === id)!);

describe('imputation: the other missing-evidence policy in some runs', () => {
  it('swaps zero and exclude, and only declared policies', () => {
    const swapped = swappedPolicies(model)!;
    expect([...swapped.fields.values()].map((f) => [f.path, f.missing])).toEqual([['a', 'error'], ['b', 'exclude']]);
    expect(swappedPolicies(rules(path.join(FIXTURES, 'two-by-two.rubric')))).toBeUndefined();
  });

  it('changes nothing at 0 %', () => {
    const [p, q] = byId(analyzeUncertainty(model, pq, { ...base, imputation: 0 }));
    expect([p!.id, p!.score, p!.ranks.min, p!.ranks.max]).toEqual(['p', 40, 2, 2]);
    expect(q!.ranks).toMatchObject({ min: 1, max: 1 });
  });

  it('scores every run with the swapped policies at 100 %', () => {
    const [p] = byId(analyzeUncertainty(model, pq, { ...base, imputation: 100 }));
    expect(p!.ranks).toMatchObject({ min: 1, max: 1, median: 1 });
    expect(p!.grades.find((g) => g.name === 'high')!.probability).toBe(1);
  });

  it('swaps in about that share of runs', () => {
    const [p] = byId(analyzeUncertainty(model, pq, { ...base, imputation: 30 }));
    // p is first exactly in the swapped runs; 2000 runs give a standard error of about 0.01.
    expect(Math.abs(p!.ranks.mean - (2 - 0.3))).toBeLessThan(0.035);
    expect(Math.abs(p!.grades.find((g) => g.name === 'high')!.probability - 0.3)).toBeLessThan(0.035);
  });

});
