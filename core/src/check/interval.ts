/**
 * Interval analysis over exact rationals: proves that a leaf stays on the scale and that a divisor
 * cannot be zero. `null` bounds are unbounded.
 */
import { Q, type Rational } from '../numeric/exact.js';

export interface Interval {
  lo: Rational | null;
  hi: Rational | null;
  /**
   * The value is known not to be zero although the bounds straddle it (a `!= 0` guard on a field that
   * ranges over both signs). Operations drop it, which is safe: it only ever lets a division through.
   */
  nonZero?: true;
}

export const UNBOUNDED: Interval = { lo: null, hi: null };

export function point(v: Rational): Interval {
  return { lo: v, hi: v };
}

export function hull(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === null || b.lo === null ? null : Q.min(a.lo, b.lo),
    hi: a.hi === null || b.hi === null ? null : Q.max(a.hi, b.hi),
  };
}

export function add(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === null || b.lo === null ? null : Q.add(a.lo, b.lo),
    hi: a.hi === null || b.hi === null ? null : Q.add(a.hi, b.hi),
  };
}

export function neg(a: Interval): Interval {
  return { lo: a.hi === null ? null : Q.neg(a.hi), hi: a.lo === null ? null : Q.neg(a.lo) };
}

export function sub(a: Interval, b: Interval): Interval {
  return add(a, neg(b));
}

export function mul(a: Interval, b: Interval): Interval {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) {
    // Unbounded: only the sign-preserving cases are worth keeping (e.g. 100 * ratio with an unbounded factor is rare).
    const nonNeg = (x: Interval) => x.lo !== null && Q.cmp(x.lo, Q.ZERO) >= 0;
    if (nonNeg(a) && nonNeg(b)) return { lo: Q.mul(a.lo!, b.lo!), hi: null };
    return UNBOUNDED;
  }
  const products = [Q.mul(a.lo, b.lo), Q.mul(a.lo, b.hi), Q.mul(a.hi, b.lo), Q.mul(a.hi, b.hi)];
  return { lo: products.reduce(Q.min), hi: products.reduce(Q.max) };
}

/** Whether the bounds include zero, whatever else is known. */
function spansZero(a: Interval): boolean {
  return (a.lo === null || Q.cmp(a.lo, Q.ZERO) <= 0) && (a.hi === null || Q.cmp(a.hi, Q.ZERO) >= 0);
}

/** Whether the value can be zero: a divisor must not. */
export function containsZero(a: Interval): boolean {
  return !a.nonZero && spansZero(a);
}

export function div(a: Interval, b: Interval): Interval {
  // A divisor that straddles zero without reaching it still has an unbounded reciprocal.
  if (spansZero(b) || b.lo === null || b.hi === null) return UNBOUNDED;
  return mul(a, { lo: Q.div(Q.ONE, b.hi), hi: Q.div(Q.ONE, b.lo) });
}

export function min(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === null || b.lo === null ? null : Q.min(a.lo, b.lo),
    hi: a.hi === null ? b.hi : b.hi === null ? a.hi : Q.min(a.hi, b.hi),
  };
}

export function max(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo === null ? b.lo : b.lo === null ? a.lo : Q.max(a.lo, b.lo),
    hi: a.hi === null || b.hi === null ? null : Q.max(a.hi, b.hi),
  };
}

export function within(a: Interval, outer: { min: Rational; max: Rational }): boolean {
  return a.lo !== null && a.hi !== null && Q.cmp(a.lo, outer.min) >= 0 && Q.cmp(a.hi, outer.max) <= 0;
}

export function disjoint(a: Interval, outer: { min: Rational; max: Rational }): boolean {
  return (a.lo !== null && Q.cmp(a.lo, outer.max) > 0) || (a.hi !== null && Q.cmp(a.hi, outer.min) < 0);
}

export function show(a: Interval): string {
  const f = (x: Rational | null, inf: string) => (x === null ? inf : Q.round(x, 6));
  return `[${f(a.lo, '−∞')}, ${f(a.hi, '+∞')}]`;
}
