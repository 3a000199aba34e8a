/**
 * The same exact rationals as `Q`, computed on doubles while every term is a safe integer, on BigInt
 * (through `Q`) beyond. Evidence is decimals with a few digits and weights are percentages, so nearly every
 * exact computation stays below 2^53; BigInt costs 10–20× more per operation. Used by the generated
 * engines' exact scorers and by `Assemble`; `Q` stays the plain reference the evaluator and the checker use.
 *
 * A value is `[n, d]` with d > 0, either both numbers (safe integers) or both bigints (a `Rational`);
 * every method takes either form. 9007199254740992 is 2^53: a double holds every integer of smaller
 * magnitude exactly, and a sum or product of such integers that stays below it is computed exactly. Embedded verbatim in every generated engine beside `Q`, so it references
 * nothing but `Q` and its own class binding.
 */
import { Q, type Rational } from './exact.js';

export type SmallRational = readonly [n: number, d: number];
export type AnyRational = Rational | SmallRational;

export class Qs {
  static readonly ZERO: SmallRational = [0, 1];
  /** Powers of ten that doubles hold exactly (to 10^22). */
  static readonly POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

  /** The number form when it fits, else the BigInt form (reduced once it has grown past 64 bits). */
  static small(a: AnyRational): AnyRational {
    if (typeof a[0] === 'number') return a;
    const n = a[0] as bigint;
    const d = a[1] as bigint;
    if (n < 9007199254740992n && n > -9007199254740992n && d < 9007199254740992n) return [Number(n), Number(d)];
    return a;
  }

  /** The BigInt form, for `Q`. */
  static big(a: AnyRational): Rational {
    return typeof a[0] === 'number' ? [BigInt(a[0]), BigInt(a[1])] : (a as Rational);
  }

  /** Keeps the terms small: reduces by the gcd once the denominator grows (costs a few `%` on doubles). */
  static norm(n: number, d: number): SmallRational {
    if (d <= 1048576) return [n, d];
    let a = n < 0 ? -n : n;
    let b = d;
    while (b !== 0) {
      const t = a % b;
      a = b;
      b = t;
    }
    return a === 1 ? [n, d] : [n / a, d / a];
  }

  /** The decimal a JavaScript number prints as (as `Q.fromNumber`), found without printing it when it is short. */
  static fromNumber(x: number): AnyRational {
    if (Number.isInteger(x)) {
      if (x > -9007199254740992 && x < 9007199254740992) return [x === 0 ? 0 : x, 1];
    } else if (Number.isFinite(x)) {
      // The first k with an integer n, |n| < 2^52, and n / 10^k === x: below 2^52 the decimals with k places
      // are further apart than x's ulp, so n·10^-k is the one shortest decimal that reads back as x.
      for (let k = 1; k <= 12; k++) {
        const p = Qs.POW10[k]!;
        const n = Math.round(x * p);
        if (n > -4503599627370496 && n < 4503599627370496 && n / p === x) return [n, p];
      }
    }
    return Qs.small(Q.fromNumber(x));
  }

  static add(a: AnyRational, b: AnyRational): AnyRational {
    const an = a[0], ad = a[1], bn = b[0], bd = b[1];
    if (typeof an === 'number' && typeof bn === 'number') {
      if (ad === bd) {
        const n = an + bn;
        if (n > -9007199254740992 && n < 9007199254740992) return [n, ad as number];
      } else {
        const x = an * (bd as number);
        const y = bn * (ad as number);
        const d = (ad as number) * (bd as number);
        const n = x + y;
        if (x > -9007199254740992 && x < 9007199254740992 && y > -9007199254740992 && y < 9007199254740992 && d < 9007199254740992 && n > -9007199254740992 && n < 9007199254740992) return Qs.norm(n, d);
      }
    }
    return Qs.small(Q.add(Qs.big(a), Qs.big(b)));
  }

  static sub(a: AnyRational, b: AnyRational): AnyRational {
    return Qs.add(a, Qs.neg(b));
  }

  static mul(a: AnyRational, b: AnyRational): AnyRational {
    const an = a[0], bn = b[0];
    if (typeof an === 'number' && typeof bn === 'number') {
      const n = an * bn;
      const d = (a[1] as number) * (b[1] as number);
      if (n > -9007199254740992 && n < 9007199254740992 && d < 9007199254740992) return Qs.norm(n === 0 ? 0 : n, d);
    }
    return Qs.small(Q.mul(Qs.big(a), Qs.big(b)));
  }

  static div(a: AnyRational, b: AnyRational): AnyRational {
    const an = a[0], bn = b[0];
    if (typeof an === 'number' && typeof bn === 'number') {
      if (bn === 0) throw new RangeError('division by zero');
      let n = an * (b[1] as number);
      let d = (a[1] as number) * bn;
      if (n > -9007199254740992 && n < 9007199254740992 && d > -9007199254740992 && d < 9007199254740992) {
        if (d < 0) { n = -n; d = -d; }
        return Qs.norm(n === 0 ? 0 : n, d);
      }
    }
    return Qs.small(Q.div(Qs.big(a), Qs.big(b)));
  }

  static neg(a: AnyRational): AnyRational {
    if (typeof a[0] === 'number') return a[0] === 0 ? a : [-a[0], a[1] as number];
    return Q.neg(a as Rational);
  }

  static cmp(a: AnyRational, b: AnyRational): number {
    const an = a[0], bn = b[0];
    if (typeof an === 'number' && typeof bn === 'number') {
      const l = an * (b[1] as number);
      const r = bn * (a[1] as number);
      if (l > -9007199254740992 && l < 9007199254740992 && r > -9007199254740992 && r < 9007199254740992) return l < r ? -1 : l > r ? 1 : 0;
    }
    return Q.cmp(Qs.big(a), Qs.big(b));
  }

  static min(a: AnyRational, b: AnyRational): AnyRational {
    return Qs.cmp(a, b) <= 0 ? a : b;
  }

  static max(a: AnyRational, b: AnyRational): AnyRational {
    return Qs.cmp(a, b) >= 0 ? a : b;
  }

  static clamp(x: AnyRational, lo: AnyRational, hi: AnyRational): AnyRational {
    return Qs.cmp(x, lo) < 0 ? lo : Qs.cmp(x, hi) > 0 ? hi : x;
  }

  /** As `Q.publish`: half away from zero to `decimals` places, then the nearest double to that decimal. */
  static publish(a: AnyRational, decimals: number): number {
    const n = a[0];
    if (typeof n === 'number' && decimals <= 22) {
      const d = a[1] as number;
      const p = Qs.POW10[decimals]!;
      const scaled = (n < 0 ? -n : n) * p;
      if (scaled < 9007199254740992) {
        // The double quotient is within one of the integer one; the remainder settles it exactly.
        let q = Math.floor(scaled / d);
        let r = scaled - q * d;
        if (r < 0) { q -= 1; r += d; } else if (r >= d) { q += 1; r -= d; }
        if (r * 2 >= d) q += 1;
        const out = (n < 0 ? -q : q) / p;
        return out === 0 ? 0 : out;
      }
    }
    return Q.publish(Qs.big(a), decimals);
  }

  /** As `Q.toNumber`: the nearest double. */
  static toNumber(a: AnyRational): number {
    if (typeof a[0] === 'number') return a[0] / (a[1] as number);
    return Q.toNumber(a as Rational);
  }
}
