/**
 * Perturbed methodologies: the engine's numbers with noisy weights, and grades with shifted thresholds.
 * Only numbers change, so every run reuses the one compiled engine function (`instantiateParts`).
 */
import { Q, type Rational } from '../numeric/exact.js';
import type { Indicator, Model } from '../model/model.js';
import type { EngineParts } from '../codegen/engine.js';

/** The counted weights (weighted indicators outside observed subtrees) and their sibling sets. */
export interface WeightPlan {
  /** Model order, parents before children: the order in which noise is drawn. */
  indicators: Indicator[];
  /** Index into the engine's `nums` of each indicator's weight. */
  slots: number[];
  /** Each sibling set (the weighted children of one parent, or the top level) as indices into `indicators`. */
  sets: number[][];
}

export function weightPlan(model: Model, parts: EngineParts): WeightPlan {
  const indicators = model.allIndicators.filter((i) => i.weight !== null && !i.observed);
  const slots = indicators.map((i) => {
    const s = parts.weightSlots.get(i.path);
    if (s === undefined) throw new Error(`internal: no weight slot for ${i.path}`);
    return s;
  });
  const byParent = new Map<string, number[]>();
  indicators.forEach((ind, k) => {
    const key = ind.parent ?? '';
    const set = byParent.get(key);
    if (set) set.push(k); else byParent.set(key, [k]);
  });
  return { indicators, slots, sets: [...byParent.values()] };
}

/** 1 + u·pct/100 as an exact decimal of 9 places: zero noise is exactly 1, so nominal weights come back unchanged. */
function multiplier(u: number, pct: number): Rational {
  return Q.make(BigInt(Math.round((1 + (u * pct) / 100) * 1e9)), 1_000_000_000n);
}

/**
 * The engine's numbers with each counted weight w_i multiplied by (1 + u_i·pct/100), u_i in [−1, 1), then
 * each sibling set rescaled to sum to 100. The rescaling changes no score (a parent divides by the sum
 * of its present children's weights) but keeps every perturbed weight a readable percentage.
 */
export function perturbedNums(parts: EngineParts, plan: WeightPlan, u: ArrayLike<number>, pct: number): Rational[] {
  const nums = parts.nums.slice();
  for (const set of plan.sets) {
    if (set.every((k) => u[k] === 0) || pct === 0) continue;
    const scaled = set.map((k) => Q.mul(parts.nums[plan.slots[k]!]!, multiplier(u[k]!, pct)));
    const sum = scaled.reduce((a, b) => Q.add(a, b), Q.ZERO);
    set.forEach((k, j) => { nums[plan.slots[k]!] = Q.div(Q.mul(scaled[j]!, Q.HUNDRED), sum); });
  }
  return nums;
}

export type GradeSpec = { name: string; threshold: number | null }[];

/** Every threshold moved by v_j·points, v_j in [−1, 1) drawn per threshold; `otherwise` stays open. */
export function shiftedGrades(grades: GradeSpec, v: ArrayLike<number>, points: number): GradeSpec {
  if (points === 0) return grades;
  let j = 0;
  return grades.map((g) => (g.threshold === null ? g : { name: g.name, threshold: g.threshold + v[j++]! * points }));
}
