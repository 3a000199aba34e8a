/**
 * Exact rational arithmetic on BigInt: the reference semantics of every number in Rubric.
 *
 * This class is also embedded verbatim (via `toString()`) in every generated engine, which must not import
 * the toolchain: so it references nothing outside its own body, and internal calls go through the class
 * binding `Q`, which stays valid even if a bundler renames the class.
 */
export type Rational = readonly [n: bigint, d: bigint];

export class Q {
  static readonly ZERO: Rational = [0n, 1n];
  static readonly ONE: Rational = [1n, 1n];
  static readonly HUNDRED: Rational = [100n, 1n];

  static gcd(a: bigint, b: bigint): bigint {
    if (a < 0n) a = -a;
    if (b < 0n) b = -b;
    while (b !== 0n) {
      const t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * Reduction by the gcd is the costly part of every operation, and nothing needs a reduced fraction
   * (comparison and rounding work on any): so reduce only once the terms grow past 64 bits.
   */
  static make(n: bigint, d: bigint): Rational {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d < 18446744073709551616n && n < 18446744073709551616n && n > -18446744073709551616n) return [n, d];
    const g = Q.gcd(n, d);
    return g === 1n ? [n, d] : [n / g, d / g];
  }

  /** The fraction in lowest terms: for display and for equality of representations. */
  static reduce(a: Rational): Rational {
    const g = Q.gcd(a[0], a[1]);
    return g === 1n ? a : [a[0] / g, a[1] / g];
  }

  /** Parses a decimal as written: `-12.5`, `0.9773`, `1e-7` (the last from JavaScript's number formatting). */
  static parse(text: string): Rational {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal number: ${text}`);
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    let d = 10n ** BigInt(frac.length);
    const exp = m[4] ? Number(m[4]) : 0;
    if (exp > 0) n *= 10n ** BigInt(exp);
    else if (exp < 0) d *= 10n ** BigInt(-exp);
    if (m[1] === '-') n = -n;
    return Q.make(n, d);
  }

  /** A JavaScript number as the decimal it prints as (the shortest that round-trips, as JSON wrote it). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x) && Math.abs(x) < 9007199254740992) return [BigInt(x), 1n];
    return Q.parse(String(x));
  }

  static add(a: Rational, b: Rational): Rational {
    return a[1] === b[1] ? Q.make(a[0] + b[0], a[1]) : Q.make(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
  }

  static sub(a: Rational, b: Rational): Rational {
    return a[1] === b[1] ? Q.make(a[0] - b[0], a[1]) : Q.make(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
  }

  static mul(a: Rational, b: Rational): Rational {
    return Q.make(a[0] * b[0], a[1] * b[1]);
  }

  static div(a: Rational, b: Rational): Rational {
    return Q.make(a[0] * b[1], a[1] * b[0]);
  }

  static neg(a: Rational): Rational {
    return [-a[0], a[1]];
  }

  static cmp(a: Rational, b: Rational): number {
    const l = a[0] * b[1];
    const r = b[0] * a[1];
    return l < r ? -1 : l > r ? 1 : 0;
  }

  static min(a: Rational, b: Rational): Rational {
    return Q.cmp(a, b) <= 0 ? a : b;
  }

  static max(a: Rational, b: Rational): Rational {
    return Q.cmp(a, b) >= 0 ? a : b;
  }

  static clamp(x: Rational, lo: Rational, hi: Rational): Rational {
    return Q.cmp(x, lo) < 0 ? lo : Q.cmp(x, hi) > 0 ? hi : x;
  }

  /** Half away from zero (Excel's ROUND), to `decimals` places, as a decimal string: `88.54`, `-2.30`→`-2.3`. */
  static round(a: Rational, decimals: number): string {
    const scale = 10n ** BigInt(decimals);
    const n = a[0] < 0n ? -a[0] : a[0];
    const scaled = n * scale;
    let q = scaled / a[1];
    if ((scaled % a[1]) * 2n >= a[1]) q += 1n;
    let digits = q.toString();
    let out: string;
    if (decimals === 0) out = digits;
    else {
      digits = digits.padStart(decimals + 1, '0');
      const intPart = digits.slice(0, digits.length - decimals);
      const fracPart = digits.slice(digits.length - decimals).replace(/0+$/, '');
      out = fracPart ? `${intPart}.${fracPart}` : intPart;
    }
    return a[0] < 0n && /[1-9]/.test(out) ? `-${out}` : out;
  }

  /** |a| × 10^decimals rounded half up, as an integer, with the sign of `a`. */
  static scaledHalfUp(a: Rational, decimals: number): bigint {
    const n = a[0] < 0n ? -a[0] : a[0];
    const scaled = n * 10n ** BigInt(decimals);
    let q = scaled / a[1];
    if ((scaled % a[1]) * 2n >= a[1]) q += 1n;
    return a[0] < 0n ? -q : q;
  }

  /**
   * The published number: exact rounding first, then the nearest double to that decimal. An integer
   * below 2^53 divided by a power of ten is correctly rounded by IEEE division, so it equals
   * Number("88.54") without building the string.
   */
  static publish(a: Rational, decimals: number): number {
    const q = Q.scaledHalfUp(a, decimals);
    if (q < 9007199254740992n && q > -9007199254740992n && decimals <= 22) {
      const r = Number(q) / 10 ** decimals;
      return r === 0 ? 0 : r;
    }
    return Number(Q.round(a, decimals));
  }

  /** The nearest double (IEEE division of exact integers rounds correctly); for raw figures, never published ones. */
  static toNumber(a: Rational): number {
    if (a[0] < 9007199254740992n && a[0] > -9007199254740992n && a[1] < 9007199254740992n) return Number(a[0]) / Number(a[1]);
    const r = Q.reduce(a);
    if (r[0] < 9007199254740992n && r[0] > -9007199254740992n && r[1] < 9007199254740992n) return Number(r[0]) / Number(r[1]);
    // A quotient of at least 64 bits with a sticky bit for any remainder converts with one correct rounding.
    const n = r[0] < 0n ? -r[0] : r[0];
    const shift = BigInt(Math.max(0, r[1].toString(2).length - n.toString(2).length + 66));
    const scaled = n << shift;
    let q = scaled / r[1];
    if (q * r[1] !== scaled) q |= 1n;
    let x = Number(q);
    for (let s = Number(shift); s > 0; s -= 960) x *= 2 ** -Math.min(s, 960);
    return r[0] < 0n ? -x : x;
  }
}
