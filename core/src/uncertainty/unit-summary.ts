/** Per unit: the rank interval, grade probabilities, score shift and fragility, from the Monte-Carlo sample. */
import { Q } from '../numeric/exact.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import { isFragile, nearestBoundary } from './fragility.js';
import type { Nominal, Sample } from './monte-carlo.js';
import type { GradeSpec } from './perturb.js';
import { percentile, roundTo } from './ranking.js';
import type { UnitUncertainty } from './types.js';

export function unitSummaries(units: UnitInput[], names: string[], nominal: Nominal, sample: Sample, grades: GradeSpec,
  threshold: number, decimals: number): UnitUncertainty[] {
  const { runs } = sample;
  const out = units.map((unit, i): UnitUncertainty => {
    const ranks = sample.ranks.slice(i * runs, (i + 1) * runs).sort();
    const shifts = sample.shifts.slice(i * runs, (i + 1) * runs).sort();
    const score = nominal.scores[i]!;
    const p90 = roundTo(percentile(shifts, 90), decimals);
    const reach = Number(Q.round(Q.add(Q.fromNumber(p90), Q.fromNumber(threshold)), 10));
    const boundary = nearestBoundary(score, grades, decimals);
    return {
      id: unit.id,
      name: names[i]!,
      score,
      grade: grades[nominal.grades[i]!]!.name,
      rank: nominal.ranks[i]!,
      ranks: { mean: Q.publish(Q.make(BigInt(ranks.reduce((a, b) => a + b, 0)), BigInt(runs)), 4), median: percentile(ranks, 50), p5: percentile(ranks, 5), p95: percentile(ranks, 95), min: ranks[0]!, max: ranks[runs - 1]! },
      grades: grades.map((g, k) => {
        const n = sample.gradeRuns[i * grades.length + k]!;
        return { name: g.name, runs: n, probability: Q.publish(Q.make(BigInt(n), BigInt(runs)), 4) };
      }),
      scoreShift: { median: roundTo(percentile(shifts, 50), decimals), p90 },
      boundary,
      fragile: isFragile(boundary, reach),
      reach,
    };
  });
  // As results.json lists units: by rank, then id.
  return out.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
