/**
 * Fragile units: a published score so near a grade threshold that the noise of the analysis could carry
 * it across. The reach of a unit is its own 90th-percentile score shift over the runs plus the threshold
 * noise (the score and the threshold can move towards each other); a unit whose nearest threshold lies
 * within its reach is fragile. The grade probabilities say the same thing in numbers; this is the flag
 * to read at a glance.
 */
import { Q } from '../numeric/exact.js';
import { Assemble } from '../runtime/assemble.js';
import type { GradeSpec } from './perturb.js';
import type { UnitUncertainty } from './types.js';

/** The threshold nearest to a published score (the higher one on a tie), with score − threshold. */
export function nearestBoundary(score: number, grades: GradeSpec, decimals: number): UnitUncertainty['boundary'] {
  let best: UnitUncertainty['boundary'] = null;
  for (const g of grades) {
    if (g.threshold === null) continue;
    const margin = Assemble.delta(score, g.threshold, decimals);
    if (best === null || Math.abs(margin) < Math.abs(best.margin)) best = { grade: g.name, threshold: g.threshold, margin };
  }
  return best;
}

/** Exactly |margin| ≤ reach, on the decimals as printed; no noise at all means nothing is fragile. */
export function isFragile(boundary: UnitUncertainty['boundary'], reach: number): boolean {
  if (boundary === null || reach === 0) return false;
  return Q.cmp(Q.fromNumber(Math.abs(boundary.margin)), Q.fromNumber(reach)) <= 0;
}
