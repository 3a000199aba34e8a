/** The Monte-Carlo analysis on the real 2022 example: reproducible from its seed, exact at zero noise. */
import { describe, expect, it } from 'vitest';
import { analyzeUncertainty, configOf, mulberry32 } from '@rubric/core';
import { gov2022 } from './helpers.js';

const { model, units } = gov2022();
const quick = { runs: 200, steps: 0, maxChanges: 0 };

describe('the generator', () => {
  it('is mulberry32 as published (seed 1 starts 0.6270739405881613)', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });
});

describe('settings', () => {
  it('default to 1000 runs, seed 1, ±20% weights and no threshold noise; options override', () => {
    expect(configOf(model)).toMatchObject({ runs: 1000, seed: 1, weights: 20, threshold: 0 });
    expect(configOf(model, { runs: 50, threshold: 1 })).toMatchObject({ runs: 50, seed: 1, weights: 20, threshold: 1 });
    expect(() => configOf(model, { weights: 100 })).toThrow(/weights/);
    expect(() => configOf(model, { runs: 0 })).toThrow(/runs/);
  });
});

describe('reproducibility', () => {
  it('gives the same result, to the byte, for the same seed', () => {
    const a = analyzeUncertainty(model, units, { ...quick, seed: 42 });
    const b = analyzeUncertainty(model, units, { ...quick, seed: 42 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives other draws for another seed', () => {
    const a = analyzeUncertainty(model, units, { ...quick, seed: 42 });
    const b = analyzeUncertainty(model, units, { ...quick, seed: 43 });
    expect(JSON.stringify(a.units)).not.toBe(JSON.stringify(b.units));
    // …but the nominal figures are the methodology's own.
    expect(a.units.map((u) => [u.id, u.score, u.rank, u.grade])).toEqual(b.units.map((u) => [u.id, u.score, u.rank, u.grade]));
  });
});

describe('zero noise', () => {
  const r = analyzeUncertainty(model, units, { runs: 50, weights: 0, threshold: 0, steps: 4, maxChanges: 0 });

  it('collapses every rank interval onto the nominal rank', () => {
    for (const u of r.units) {
      expect(u.ranks).toEqual({ mean: u.rank, median: u.rank, p5: u.rank, p95: u.rank, min: u.rank, max: u.rank });
      expect(u.grades.find((g) => g.name === u.grade)!.probability).toBe(1);
      expect(u.scoreShift).toEqual({ median: 0, p90: 0 });
      expect(u.fragile).toBe(false);
    }
    expect(r.indicators.every((i) => i.meanRankShift === 0 && i.maxRankShift === 0)).toBe(true);
  });
});

describe('the 2022 example under ±20% weights', () => {
  const r = analyzeUncertainty(model, units, { runs: 300, steps: 0, maxChanges: 0 });
  const unit = (id: string) => r.units.find((u) => u.id === id)!;

  it('keeps the published scores, ranks and grades as nominal figures', () => {
    expect(r.units).toHaveLength(55);
    expect([unit('beijing').score, unit('beijing').rank, unit('beijing').grade]).toEqual([95.41, 3, '优秀']);
    expect(r.units.map((u) => u.rank)).toEqual([...r.units.map((u) => u.rank)].sort((a, b) => a - b));
  });

  it('answers "would Beijing still be 优秀?": yes, in every run', () => {
    expect(unit('beijing').grades.find((g) => g.name === '优秀')!.probability).toBe(1);
    expect(unit('beijing').fragile).toBe(false);
  });

  it('flags the units next to a threshold as fragile, and only those', () => {
    // 郑州 is published at 80.01, one hundredth above 良好: close to a coin toss.
    const zz = unit('zhengzhou');
    expect(zz.boundary).toEqual({ grade: '良好', threshold: 80, margin: 0.01 });
    expect(zz.fragile).toBe(true);
    const p = zz.grades.find((g) => g.name === '良好')!.probability;
    expect(p).toBeGreaterThan(0.3);
    expect(p).toBeLessThan(0.7);
    for (const u of r.units) {
      if (u.fragile) expect(Math.abs(u.boundary!.margin)).toBeLessThanOrEqual(u.reach);
      // A unit that changes grade in more than 1 run in 20 is within its reach of the threshold.
      const stays = u.grades.find((g) => g.name === u.grade)!.probability;
      if (stays < 0.95) expect(u.fragile).toBe(true);
    }
  });

  it('holds rank intervals around the nominal rank', () => {
    for (const u of r.units) {
      expect(u.ranks.min).toBeLessThanOrEqual(u.ranks.p5);
      expect(u.ranks.p5).toBeLessThanOrEqual(u.ranks.median);
      expect(u.ranks.median).toBeLessThanOrEqual(u.ranks.p95);
      expect(u.ranks.p95).toBeLessThanOrEqual(u.ranks.max);
      expect(Math.abs(u.ranks.median - u.rank)).toBeLessThanOrEqual(2);
      expect(u.grades.reduce((s, g) => s + g.runs, 0)).toBe(300);
    }
  });
});
