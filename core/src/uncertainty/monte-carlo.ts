/**
 * The Monte-Carlo runs: in each, every counted weight gets uniform noise and every grade threshold a
 * uniform shift, and (with `imputation`) the run may use the other missing-evidence policies; every unit is
 * re-scored by the compiled engine of that methodology and ranked and graded anew.
 */
import type { EngineParts } from '../codegen/engine.js';
import { instantiateParts } from '../codegen/instantiate.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import { mulberry32, signed } from './prng.js';
import { perturbedNums, shiftedGrades, type GradeSpec, type WeightPlan } from './perturb.js';
import { competitionRanks, gradeIndex, publishedScores } from './ranking.js';

export interface Nominal {
  scores: Float64Array;
  ranks: Int32Array;
  /** Grade index (declared order) of each unit. */
  grades: Int32Array;
}

/** Per unit and run, unit-major (`u * runs + r`), so one unit's runs are contiguous for sorting. */
export interface Sample {
  runs: number;
  ranks: Int32Array;
  /** |published score − nominal published score|. */
  shifts: Float64Array;
  /** Runs per unit and grade (`u * grades + g`). */
  gradeRuns: Int32Array;
}

export function nominalRun(parts: EngineParts, units: UnitInput[]): Nominal {
  const scores = publishedScores(instantiateParts(parts), units);
  return { scores, ranks: competitionRanks(scores), grades: Int32Array.from(scores, (s) => gradeIndex(s, parts.spec.grades)) };
}

/** The methodology with every declared missing-evidence policy swapped: its engine and weight plan. */
export interface Alternative { parts: EngineParts; plan: WeightPlan }

/**
 * Draws are taken from mulberry32(seed) in a fixed order: per run, one per counted weight (model order),
 * then one per threshold (declared order), whatever the noise levels, then — only when an imputation
 * alternative is analysed — one that picks the policies. So the same seed gives the same draws at any
 * noise level, and results differ between levels only by the noise itself.
 */
export function monteCarlo(parts: EngineParts, plan: WeightPlan, units: UnitInput[], nominal: Nominal,
  config: { runs: number; seed: number; weights: number; threshold: number; imputation: number }, alternative?: Alternative): Sample {
  const n = units.length;
  const { runs } = config;
  const grades: GradeSpec = parts.spec.grades;
  const thresholds = grades.filter((g) => g.threshold !== null).length;
  const rng = mulberry32(config.seed);
  const u = new Float64Array(plan.indicators.length);
  const v = new Float64Array(thresholds);
  const scores = new Float64Array(n);
  const ranks = new Int32Array(n);
  const sample: Sample = { runs, ranks: new Int32Array(n * runs), shifts: new Float64Array(n * runs), gradeRuns: new Int32Array(n * grades.length) };
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < u.length; k++) u[k] = signed(rng);
    for (let j = 0; j < v.length; j++) v[j] = signed(rng);
    // (signed(rng) + 1) / 2 is uniform on [0, 1): below imputation % the run swaps the policies.
    const swap = alternative !== undefined && (signed(rng) + 1) * 50 < config.imputation;
    if (swap) {
      publishedScores(instantiateParts(alternative.parts, perturbedNums(alternative.parts, alternative.plan, u, config.weights)), units, scores);
      competitionRanks(scores, ranks);
    } else if (config.weights === 0) { scores.set(nominal.scores); ranks.set(nominal.ranks); } else {
      publishedScores(instantiateParts(parts, perturbedNums(parts, plan, u, config.weights)), units, scores);
      competitionRanks(scores, ranks);
    }
    const shifted = shiftedGrades(grades, v, config.threshold);
    for (let i = 0; i < n; i++) {
      sample.ranks[i * runs + r] = ranks[i]!;
      sample.shifts[i * runs + r] = Math.abs(scores[i]! - nominal.scores[i]!);
      sample.gradeRuns[i * grades.length + gradeIndex(scores[i]!, shifted)] += 1;
    }
  }
  return sample;
}
