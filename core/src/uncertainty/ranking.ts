/**
 * Scores, ranks and grades of one run, computed as `Assemble.run` does (published scores, competition
 * ranks 1, 1, 3, first grade whose threshold the score reaches), without building a whole results.json.
 */
import type { Engine } from '../codegen/instantiate.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import { Assemble } from '../runtime/assemble.js';
import type { GradeSpec } from './perturb.js';

/** Published total of every unit, in input order. */
export function publishedScores(engine: Engine, units: UnitInput[], out = new Float64Array(units.length)): Float64Array {
  for (let i = 0; i < units.length; i++) out[i] = engine.scoreTotal(units[i]!.id, units[i]!.evidence).score;
  return out;
}

/** Competition ranks of published scores: equal scores share a rank, the next rank skips (1, 1, 3). */
export function competitionRanks(scores: ArrayLike<number>, out = new Int32Array(scores.length)): Int32Array {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  order.forEach((u, i) => {
    const prev = order[i - 1];
    out[u] = prev !== undefined && scores[prev] === scores[u] ? out[prev]! : i + 1;
  });
  return out;
}

/** Index of a score's grade in declared order (the engine's own rule). */
export function gradeIndex(score: number, grades: GradeSpec): number {
  const name = Assemble.grade(score, grades);
  return grades.findIndex((g) => g.name === name);
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const k = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[k - 1]!;
}

/** A figure computed in floats from published decimals, back on the evaluation's decimals. */
export function roundTo(x: number, decimals: number): number {
  const s = 10 ** decimals;
  const r = Math.round(Math.abs(x) * s) / s;
  return x < 0 && r !== 0 ? -r : r;
}
