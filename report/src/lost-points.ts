/**
 * Where a unit lost its points, exactly, from the kinds of its explain steps. Every leaf starts from full
 * marks (the scale's max); each step moves it:
 *
 * - `score` sets the leaf (from `score =` or `check`): it loses max − points;
 * - `start` begins below (or at) full marks: it loses max − points;
 * - `deduct` loses its points, `add` gains them;
 * - `clamp` pulls the leaf back onto the scale: it gains or loses the difference to the value before;
 * - `zero` scores the minimum for missing evidence: it loses max − min;
 * - `excluded` takes the leaf out: nothing is lost at the leaf, its weight goes to its siblings.
 *
 * A leaf's points reach the total through its weight in the total *for this unit*: the product of its
 * and its ancestors' weights, each divided by the weights of the siblings the unit has a value for (an
 * excluded sibling's weight is shared, as the evaluator shares it). With that, the effects of all steps
 * add up to max − score, up to the rounding of published figures.
 */
import type { ExplainStep, Results, UnitResult } from '@rubric/core';

export interface LostStep {
  step: ExplainStep;
  /** Points this step moved the leaf, against full marks: negative lost, positive gained. */
  change: number;
  /** change × the leaf's weight in the total; null when the leaf does not count (observed, excluded). */
  effect: number | null;
}

export interface LostLeaf {
  path: string;
  /** The unit's published value, null when excluded. */
  value: number | null;
  observed: boolean;
  excluded: boolean;
  /** Fraction of the total this leaf carries for this unit (0–1); null when it does not count. */
  weight: number | null;
  /** value − max, summed over the steps (negative: lost). */
  change: number;
  effect: number | null;
  steps: LostStep[];
}

export interface LostPoints {
  /** Leaves that lost points or were excluded or zeroed: scored ones costliest first, then observed ones. */
  leaves: LostLeaf[];
  /** scale.max − score: the points lost in all, as published. */
  lost: number;
}

/** Rounding noise of binary floating point, far below any published decimal. */
const EPS = 1e-9;

/** The fraction of the total each indicator carries for this unit, following the evaluator's renormalisation. */
export function unitWeights(results: Results, unit: UnitResult): Map<string, number> {
  const indicators = results.summary.indicators;
  const counts = (path: string): boolean => {
    const s = indicators[path];
    const value = unit.indicators[path];
    return s !== undefined && !s.observed && s.weight !== undefined && value !== null && value !== undefined;
  };
  const parentOf = (path: string): string | undefined => {
    const parent = indicators[path]?.parent;
    return parent !== undefined && parent in indicators ? parent : undefined;
  };
  const siblingWeights = new Map<string | undefined, number>();
  for (const path of Object.keys(indicators)) {
    if (!counts(path)) continue;
    const parent = parentOf(path);
    siblingWeights.set(parent, (siblingWeights.get(parent) ?? 0) + (indicators[path].weight as number));
  }
  const weights = new Map<string, number>();
  const weightOf = (path: string, seen: Set<string>): number | null => {
    if (weights.has(path)) return weights.get(path) as number;
    if (!counts(path) || seen.has(path)) return null;
    seen.add(path);
    const parent = parentOf(path);
    const within = (indicators[path].weight as number) / (siblingWeights.get(parent) as number);
    const above = parent === undefined ? 1 : weightOf(parent, seen);
    if (above === null || !Number.isFinite(within)) return null;
    weights.set(path, within * above);
    return within * above;
  };
  for (const path of Object.keys(indicators)) weightOf(path, new Set());
  return weights;
}

export function lostPoints(results: Results, unit: UnitResult): LostPoints {
  const { max, min } = results.evaluation.scale;
  const indicators = results.summary.indicators;
  const weights = unitWeights(results, unit);
  const excluded = new Set(unit.excluded);

  const byLeaf = new Map<string, ExplainStep[]>();
  for (const step of unit.explain) {
    const list = byLeaf.get(step.indicator) ?? [];
    list.push(step);
    byLeaf.set(step.indicator, list);
  }

  const leaves: LostLeaf[] = [];
  for (const [path, steps] of byLeaf) {
    const weight = weights.get(path) ?? null;
    let running = max;
    const moves: LostStep[] = steps.map((step) => {
      let change: number;
      switch (step.kind) {
        case 'score':
        case 'start':
          change = step.points - running;
          running = step.points;
          break;
        case 'deduct':
        case 'add':
          change = step.points;
          running += step.points;
          break;
        case 'clamp':
          change = step.points - running;
          running = step.points;
          break;
        case 'zero':
          change = min - running;
          running = min;
          break;
        case 'excluded':
        default:
          change = 0;
      }
      if (Math.abs(change) < EPS) change = 0;
      return { step, change, effect: weight === null ? null : change * weight };
    });
    const value = unit.indicators[path] ?? null;
    const isExcluded = excluded.has(path) || steps.some((s) => s.kind === 'excluded');
    const change = moves.reduce((sum, m) => sum + m.change, 0);
    const special = steps.some((s) => s.kind === 'excluded' || s.kind === 'zero');
    // A leaf at full marks lost nothing, whatever its steps did on the way (start 90, add 10).
    if (!special && !(change < -EPS)) continue;
    leaves.push({
      path,
      value,
      observed: indicators[path]?.observed === true,
      excluded: isExcluded,
      weight,
      change,
      effect: weight === null ? null : change * weight,
      steps: moves.filter((m) => m.change !== 0 || m.step.kind === 'excluded' || m.step.kind === 'zero' || m.step.kind === 'clamp'),
    });
  }

  // Costliest first; leaves that do not count (observed, excluded) after those that do; ties in step order.
  const order = new Map(leaves.map((leaf, i) => [leaf.path, i]));
  // Observed leaves by what they lost at the leaf, since they carry no weight in the total. Compared at a
  // fixed precision, so float noise never decides between two equal costs.
  const rank = (leaf: LostLeaf) => (leaf.observed ? 2 : leaf.effect === null ? 1 : 0);
  const cost = (leaf: LostLeaf) => Math.round((leaf.observed ? leaf.change : (leaf.effect ?? 0)) * 1e6);
  leaves.sort(
    (a, b) => rank(a) - rank(b) || cost(a) - cost(b) || (order.get(a.path) as number) - (order.get(b.path) as number),
  );
  return { leaves, lost: Number((max - unit.score).toFixed(results.evaluation.decimals)) };
}
