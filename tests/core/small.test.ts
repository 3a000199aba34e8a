// Qs (doubles while the terms are safe integers, BigInt beyond) must be Q by another route: the same
// value from every operation, the same published number and the same double, on either form of input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Q, Qs, type AnyRational, type Rational } from '@rubric/core';

const same = (a: AnyRational, b: Rational) => expect(Q.cmp(Qs.big(a), b)).toBe(0);

/** Decimals as evidence and rules write them, now and then huge or with many places (BigInt territory). */
const decimal = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.bigInt({ min: -2_000_000n, max: 2_000_000n }), fc.integer({ min: 0, max: 6 })) },
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 })) },
).map(([n, k]): Rational => [n, 10n ** BigInt(k)]);
const either = (q: Rational): AnyRational[] => [q, Qs.small(q)];

describe('Qs, the fast exact rationals', () => {
  it('computes the same values as Q, whatever the form of the operands', () => {
    fc.assert(fc.property(decimal, decimal, decimal, (a, b, c) => {
      for (const x of either(a)) for (const y of either(b)) {
        same(Qs.add(x, y), Q.add(a, b));
        same(Qs.sub(x, y), Q.sub(a, b));
        same(Qs.mul(x, y), Q.mul(a, b));
        if (b[0] !== 0n) same(Qs.div(x, y), Q.div(a, b));
        else expect(() => Qs.div(x, y)).toThrow(RangeError);
        expect(Qs.cmp(x, y)).toBe(Q.cmp(a, b));
        same(Qs.neg(x), Q.neg(a));
      }
      // Chains keep growing denominators: thirds, sevenths, weights.
      const chain = Qs.div(Qs.add(Qs.mul(Qs.small(a), [1, 3]), Qs.small(c)), b[0] === 0n ? [7, 1] : Qs.small(b));
      const ref = Q.div(Q.add(Q.mul(a, [1n, 3n]), c), b[0] === 0n ? [7n, 1n] : b);
      same(chain, ref);
      for (const d of [0, 1, 2, 4]) {
        expect(Object.is(Qs.publish(chain, d), Q.publish(ref, d))).toBe(true);
        expect(Object.is(Qs.publish(Qs.small(a), d), Q.publish(a, d))).toBe(true);
      }
      expect(Object.is(Qs.toNumber(chain), Q.toNumber(ref))).toBe(true);
    }), { numRuns: 3000 });
  });

  it('rounds every x.xx5 up and never publishes -0', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (k) => {
      const q = Qs.small(Q.parse(`${k < 0 ? '-' : ''}${Math.floor(Math.abs(k) / 100)}.${String(Math.abs(k) % 100).padStart(2, '0')}5`));
      expect(Qs.publish(q, 2)).toBe(Q.publish(Qs.big(q), 2));
    }), { numRuns: 3000 });
    expect(Object.is(Qs.publish([-1, 1000], 2), 0)).toBe(true);
  });

  it('reads a double as the decimal it prints as, as Q does', () => {
    const doubles = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e9, max: 1e9 }).chain((n) => fc.integer({ min: 0, max: 12 }).map((k) => n / 10 ** k)),
      fc.constantFrom(0.1 + 0.2, 1e-7, 5e-324, 2 ** 53, 2 ** 52 + 0.5, Number('123456789.123456789'), -0, 0.30000000000000004),
    );
    fc.assert(fc.property(doubles, (x) => { same(Qs.fromNumber(x), Q.fromNumber(x)); }), { numRuns: 5000 });
    expect(Qs.fromNumber(0.1)).toEqual([1, 10]);
    expect(() => Qs.fromNumber(Number.NaN)).toThrow(RangeError);
  });
});
