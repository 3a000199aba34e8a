import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Q, sha256 } from '@rubric/core';

describe('exact decimal arithmetic', () => {
  it('rounds half away from zero, as Excel ROUND', () => {
    expect(Q.round(Q.parse('2.25'), 1)).toBe('2.3');
    expect(Q.round(Q.parse('-2.25'), 1)).toBe('-2.3');
    expect(Q.round(Q.parse('88.545'), 2)).toBe('88.55');
    expect(Q.round(Q.parse('88.5449999'), 2)).toBe('88.54');
    expect(Q.round(Q.parse('-0.004'), 2)).toBe('0');
    expect(Q.round(Q.parse('1.005'), 2)).toBe('1.01');
  });

  it('rounds every x.xx5 up, where binary floating point does not', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (k) => {
      const text = `${Math.floor(k / 100)}.${String(k % 100).padStart(2, '0')}5`;
      const expected = (k + 1) / 100;
      expect(Q.publish(Q.parse(text), 2)).toBe(Number(expected.toFixed(2)));
    }), { numRuns: 2000 });
  });

  it('means of exact thirds are exact', () => {
    const third = Q.div(Q.ONE, [3n, 1n]);
    expect(Q.cmp(Q.add(Q.add(third, third), third), Q.ONE)).toBe(0);
  });

  it('reads numbers as the decimals JSON wrote', () => {
    expect(Q.fromNumber(0.1)).toEqual([1n, 10n]);
    expect(Q.fromNumber(1e-7)).toEqual([1n, 10000000n]);
    expect(() => Q.fromNumber(Number.NaN)).toThrow();
  });
});

describe('sha256', () => {
  it('matches node:crypto on ASCII and Chinese text', () => {
    for (const t of ['', 'abc', '在线政务服务质量评估', 'x'.repeat(1000)]) {
      expect(sha256(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
    }
  });
});
