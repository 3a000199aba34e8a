/**
 * The totals a file can produce, from each leaf's interval up the tree by weighted means, with the same
 * rules as the evaluator: a leaf is clamped to the scale, `missing zero` may score it at the bottom of the
 * scale, `missing exclude` may drop it (its siblings then share the parent). Every range here may be wider
 * than the truth, never narrower, so a grade outside it is provably out of reach.
 */
import { Q, type Rational } from '../numeric/exact.js';
import type { Field, Indicator } from '../model/model.js';
import type { Interval } from './interval.js';

export interface Range {
  lo: Rational;
  hi: Rational;
}

interface NodeRange extends Range {
  /** Some unit may have no value here (excluded by missing evidence, or nothing counted below). */
  mayExclude: boolean;
}

type Scale = { min: Rational; max: Rational };

export function totalRange(indicators: Indicator[], leafRanges: Map<string, Interval>, fields: Map<string, Field>, scale: Scale): Range {
  const visit = (ind: Indicator): NodeRange => {
    if (ind.children.length === 0) return leafRange(ind, leafRanges, fields, scale);
    return weightedMean(ind.children.filter((c) => c.weight !== null).map((c) => ({ w: c.weight!, ...visit(c) })), scale);
  };
  return weightedMean(indicators.filter((i) => i.weight !== null).map((i) => ({ w: i.weight!, ...visit(i) })), scale);
}

function leafRange(ind: Indicator, leafRanges: Map<string, Interval>, fields: Map<string, Field>, scale: Scale): NodeRange {
  const iv = ind.leaf ? leafRanges.get(ind.path) : undefined;
  const clamp = (x: Rational | null, otherwise: Rational) => (x === null ? otherwise : Q.clamp(x, scale.min, scale.max));
  let lo = iv ? clamp(iv.lo, scale.min) : scale.min;
  const hi = iv ? clamp(iv.hi, scale.max) : scale.max;
  let mayExclude = false;
  for (const path of ind.reads) {
    const policy = fields.get(path)?.missing;
    if (policy === 'zero') lo = scale.min;
    if (policy === 'exclude') mayExclude = true;
  }
  return { lo, hi, mayExclude };
}

/**
 * The range of `Σ wᵢ·vᵢ / Σ wᵢ` over the children present. Children that are always present are always in
 * the mean; of the others, the lowest mean takes in exactly those below it (lowest first), and the highest
 * those above it — adding a value below a mean lowers it, any other raises or keeps it.
 */
function weightedMean(items: (NodeRange & { w: Rational })[], scale: Scale): NodeRange {
  if (items.length === 0 || items.some((i) => Q.cmp(i.w, Q.ZERO) <= 0)) return { lo: scale.min, hi: scale.max, mayExclude: true };
  const always = items.filter((i) => !i.mayExclude);
  const maybe = items.filter((i) => i.mayExclude);
  const extreme = (key: 'lo' | 'hi', better: (a: Rational, b: Rational) => boolean): Rational => {
    if (always.length === 0) return items.map((i) => i[key]).reduce((a, b) => (better(b, a) ? b : a));
    let sum = always.reduce((s, i) => Q.add(s, Q.mul(i.w, i[key])), Q.ZERO);
    let weights = always.reduce((s, i) => Q.add(s, i.w), Q.ZERO);
    const order = [...maybe].sort((a, b) => (better(a[key], b[key]) ? -1 : better(b[key], a[key]) ? 1 : 0));
    for (const i of order) {
      if (!better(i[key], Q.div(sum, weights))) break;
      sum = Q.add(sum, Q.mul(i.w, i[key]));
      weights = Q.add(weights, i.w);
    }
    return Q.div(sum, weights);
  };
  return {
    lo: extreme('lo', (a, b) => Q.cmp(a, b) < 0),
    hi: extreme('hi', (a, b) => Q.cmp(a, b) > 0),
    mayExclude: always.length === 0,
  };
}
