/**
 * How much each weight alone drives the ranking: one weight at a time varies over its whole noise range,
 * on a deterministic midpoint grid (ranks are step functions of one weight, so a grid estimates the mean
 * shift better than as many random draws, and needs no seed). This ignores interactions between weights;
 * the Sobol indices (sobol.ts) account for them, at a much higher cost.
 */
import { Q } from '../numeric/exact.js';
import type { EngineParts } from '../codegen/engine.js';
import { instantiateParts } from '../codegen/instantiate.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import type { Nominal } from './monte-carlo.js';
import { perturbedNums, type WeightPlan } from './perturb.js';
import { competitionRanks, publishedScores } from './ranking.js';
import type { IndicatorSensitivity } from './types.js';

export function oneAtATime(parts: EngineParts, plan: WeightPlan, units: UnitInput[], nominal: Nominal, weights: number, steps: number): IndicatorSensitivity[] {
  const n = units.length;
  const scores = new Float64Array(n);
  const ranks = new Int32Array(n);
  const u = new Float64Array(plan.indicators.length);
  return plan.indicators.map((ind, k) => {
    const base = { path: ind.path, label: ind.label, weight: Q.publish(ind.weight!, 4), effectiveWeight: Q.publish(ind.effectiveWeight!, 4) };
    if (steps === 0) return { ...base, meanRankShift: null, maxRankShift: null, unitsMoved: null };
    let total = 0;
    let max = 0;
    const moved = new Uint8Array(n);
    if (weights > 0 && n > 1) {
      for (let j = 0; j < steps; j++) {
        u.fill(0);
        u[k] = -1 + (2 * j + 1) / steps;
        publishedScores(instantiateParts(parts, perturbedNums(parts, plan, u, weights)), units, scores);
        competitionRanks(scores, ranks);
        for (let i = 0; i < n; i++) {
          const d = Math.abs(ranks[i]! - nominal.ranks[i]!);
          total += d;
          if (d > max) max = d;
          if (d > 0) moved[i] = 1;
        }
      }
    }
    const unitsMoved = moved.reduce((a, b) => a + b, 0);
    return { ...base, meanRankShift: Q.publish(Q.make(BigInt(total), BigInt(steps * Math.max(n, 1))), 4), maxRankShift: max, unitsMoved };
  });
}
