/**
 * Two units, two indicators (and a third on which both score alike): every figure of the analysis
 * against its answer worked out by hand (fixtures/two-by-two.rubric).
 *
 * p scores 40%·100 + 20%·50 = 50, r scores 40%·90 + 20%·50 = 46. With ±20% on each weight (u_a, u_b
 * uniform on [−1, 1)), r overtakes p iff 90·(1 + 0.2·u_b) > 100·(1 + 0.2·u_a), i.e. 0.18·u_b − 0.2·u_a > 0.1:
 * a corner of the square of area 49/45, so with probability 49/180 ≈ 0.2722. The weight of c cancels.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeUncertainty } from '@rubric/core';
import { FIXTURES, rules, units } from './helpers.js';

const model = rules(path.join(FIXTURES, 'two-by-two.rubric'));
const pr = units(model, { p: { a: 100, b: 0, c: 50 }, r: { a: 0, b: 90, c: 50 } });
const FLIP = 49 / 180;

describe('two units, two indicators', () => {
  const result = analyzeUncertainty(model, pr, { runs: 2000, seed: 7, weights: 20, threshold: 0, steps: 20, maxChanges: 0 });
  const [p, r] = result.units;

  it('has the nominal scores and ranks', () => {
    expect([p!.id, p!.score, p!.rank, p!.grade]).toEqual(['p', 50, 1, 'high']);
    expect([r!.id, r!.score, r!.rank, r!.grade]).toEqual(['r', 46, 2, 'low']);
  });

  it('flips the order in 49/180 of the runs', () => {
    // Mean rank of p is 1 + P(flip); 2000 runs give a standard error of 0.01.
    expect(Math.abs(p!.ranks.mean - (1 + FLIP))).toBeLessThan(0.03);
    expect(Math.abs(r!.ranks.mean - (2 - FLIP))).toBeLessThan(0.03);
    expect(p!.ranks).toMatchObject({ median: 1, p5: 1, p95: 2, min: 1, max: 2 });
    expect(r!.ranks).toMatchObject({ median: 2, p5: 1, p95: 2, min: 1, max: 2 });
  });

  it('varies one weight at a time on a grid, exactly', () => {
    // Grid u = −0.95, −0.85, … 0.95. Weight a alone: r leads iff 0.9 > 1 + 0.2u, u < −0.5: 5 of 20 points,
    // each moving both units by one rank → 10 / 40. Weight b alone: 0.9·(1 + 0.2u) > 1, u > 5/9: 4 points.
    expect(result.indicators.map((i) => [i.path, i.meanRankShift, i.maxRankShift, i.unitsMoved])).toEqual([
      ['a', 0.25, 1, 2], ['b', 0.2, 1, 2], ['c', 0, 0, 0],
    ]);
  });

  it('gives grade probabilities from shifted thresholds', () => {
    // Threshold 50 ± 10: p (50) stays high iff v ≤ 0, r (46) is high iff 50 + 10v ≤ 46, v ≤ −0.4.
    const t = analyzeUncertainty(model, pr, { runs: 20000, weights: 0, threshold: 10, steps: 0, maxChanges: 0 });
    const share = (i: number, g: string) => t.units[i]!.grades.find((x) => x.name === g)!.probability;
    expect(Math.abs(share(0, 'high') - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(share(1, 'high') - 0.3)).toBeLessThan(0.015);
    expect(share(0, 'high') + share(0, 'low')).toBe(1);
    // No weight noise: scores never move, so the reach is the threshold noise itself, and both are fragile.
    expect(t.units.map((u) => [u.scoreShift.p90, u.reach, u.boundary?.margin, u.fragile])).toEqual([[0, 10, 0, true], [0, 10, -4, true]]);
  });

  it('estimates Sobol indices whose intervals hold the exact ones', () => {
    // Y is 1 when the order flips, else 0. With g(x) = P(flip | u_a = x) and h(y) = P(flip | u_b = y):
    // S_a = Var g / V, S_b = Var h / V, S_Ta = E[h(1−h)] / V, S_Tb = E[g(1−g)] / V, V = q(1−q).
    const q = FLIP;
    const V = q * (1 - q);
    const clamp = (x: number) => Math.min(1, Math.max(0, x));
    const M = 100_000;
    let g1 = 0, g2 = 0, h1 = 0, h2 = 0;
    for (let i = 0; i < M; i++) {
      const x = -1 + (2 * i + 1) / M;
      const g = clamp((1 - (0.1 + 0.2 * x) / 0.18) / 2);
      const h = clamp(((0.18 * x - 0.1) / 0.2 + 1) / 2);
      g1 += g; g2 += g * g; h1 += h; h2 += h * h;
    }
    const exact = {
      a: { first: (g2 / M - (g1 / M) ** 2) / V, total: (h1 - h2) / M / V },
      b: { first: (h2 / M - (h1 / M) ** 2) / V, total: (g1 - g2) / M / V },
    };
    const s = analyzeUncertainty(model, pr, { runs: 1, seed: 7, steps: 0, maxChanges: 0, sobol: 1000 }).sobol!;
    expect(s.runs).toBe(1000 * (3 + 2));
    for (const path of ['a', 'b'] as const) {
      const est = s.indices.find((i) => i.path === path)!;
      expect(est.firstCI[0]).toBeLessThanOrEqual(exact[path].first);
      expect(est.firstCI[1]).toBeGreaterThanOrEqual(exact[path].first);
      expect(est.totalCI[0]).toBeLessThanOrEqual(exact[path].total);
      expect(est.totalCI[1]).toBeGreaterThanOrEqual(exact[path].total);
    }
    // c never changes the order: its indices are exactly zero, not merely small.
    expect(s.indices.find((i) => i.path === 'c')).toEqual({ path: 'c', first: 0, firstCI: [0, 0], total: 0, totalCI: [0, 0] });
  });
});
