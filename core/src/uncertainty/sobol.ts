/**
 * Variance-based sensitivity (Sobol indices) of one scalar: Y = the mean over units of |rank − nominal
 * rank|, the output COINr analyses by default. Inputs are the weights' noises u_i, independent and uniform
 * on [−1, 1) (renormalisation is a fixed function of them, so independence holds). Estimators: Saltelli
 * et al. 2010 for first order, Jansen 1999 for total order, on the radial A/B/A_B^i design of N·(k+2)
 * runs; 95% intervals by bootstrap over the N base rows. The design is drawn from its own stream of the
 * seed, so enabling it leaves the Monte-Carlo figures unchanged.
 */
import type { EngineParts } from '../codegen/engine.js';
import { instantiateParts } from '../codegen/instantiate.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import type { Nominal } from './monte-carlo.js';
import { perturbedNums, type WeightPlan } from './perturb.js';
import { signed, stream, type Rng } from './prng.js';
import { competitionRanks, percentile, publishedScores, roundTo } from './ranking.js';
import type { SobolResult } from './types.js';

const BOOTSTRAP = 500;

export function sobolIndices(parts: EngineParts, plan: WeightPlan, units: UnitInput[], nominal: Nominal, weights: number, samples: number, seed: number): SobolResult {
  const k = plan.indicators.length;
  const N = samples;
  const rng = stream(seed, 1);
  const draw = () => Array.from({ length: N }, () => Float64Array.from({ length: k }, () => signed(rng)));
  const A = draw();
  const B = draw();
  const n = units.length;
  const scores = new Float64Array(n);
  const ranks = new Int32Array(n);
  const Y = (u: Float64Array): number => {
    if (weights === 0 || n === 0) return 0;
    publishedScores(instantiateParts(parts, perturbedNums(parts, plan, u, weights)), units, scores);
    competitionRanks(scores, ranks);
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(ranks[i]! - nominal.ranks[i]!);
    return s / n;
  };
  const fA = A.map(Y);
  const fB = B.map(Y);
  const fAB = plan.indicators.map((_, i) => A.map((a, j) => { const row = a.slice(); row[i] = B[j]![i]!; return Y(row); }));

  const estimate = (rows: ArrayLike<number>) => {
    const m = rows.length;
    let mean = 0;
    for (let r = 0; r < m; r++) mean += fA[rows[r]!]! + fB[rows[r]!]!;
    mean /= 2 * m;
    let v = 0;
    for (let r = 0; r < m; r++) v += (fA[rows[r]!]! - mean) ** 2 + (fB[rows[r]!]! - mean) ** 2;
    v /= 2 * m;
    return fAB.map((f) => {
      if (v === 0) return { first: 0, total: 0 };
      let s = 0;
      let t = 0;
      for (let r = 0; r < m; r++) {
        const j = rows[r]!;
        s += fB[j]! * (f[j]! - fA[j]!);
        t += (fA[j]! - f[j]!) ** 2;
      }
      return { first: s / m / v, total: t / (2 * m) / v };
    });
  };
  const all = Int32Array.from({ length: N }, (_, j) => j);
  const point = estimate(all);
  const boot = bootstrap(rng, N, estimate);
  const variance = roundTo(variance2(fA, fB), 6);
  return {
    samples: N,
    runs: N * (k + 2),
    variance,
    indices: plan.indicators.map((ind, i) => ({
      path: ind.path,
      first: roundTo(point[i]!.first, 4),
      firstCI: interval(boot.map((b) => b[i]!.first)),
      total: roundTo(point[i]!.total, 4),
      totalCI: interval(boot.map((b) => b[i]!.total)),
    })),
  };
}

function bootstrap<T>(rng: Rng, N: number, estimate: (rows: Int32Array) => T): T[] {
  const out: T[] = [];
  const rows = new Int32Array(N);
  for (let b = 0; b < BOOTSTRAP && N > 1; b++) {
    for (let r = 0; r < N; r++) rows[r] = Math.floor(rng() * N);
    out.push(estimate(rows));
  }
  return out;
}

function interval(xs: number[]): [number, number] {
  if (xs.length === 0) return [0, 0];
  const sorted = Float64Array.from(xs).sort();
  return [roundTo(percentile(sorted, 2.5), 4), roundTo(percentile(sorted, 97.5), 4)];
}

function variance2(a: number[], b: number[]): number {
  const all = [...a, ...b];
  if (all.length === 0) return 0;
  const mean = all.reduce((s, x) => s + x, 0) / all.length;
  return all.reduce((s, x) => s + (x - mean) ** 2, 0) / all.length;
}
