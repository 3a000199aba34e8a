/**
 * Distance to the next grade: the fewest evidence changes, then the smallest, each explained by the rules
 * it moves. Plans are checked against the reference evaluator, not against the engine that found them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeUncertainty, evaluate, type Model, type NextBandPlan, type UnitInput } from '@rubric/core';
import { FIXTURES, gov2022, rules, units } from './helpers.js';

/** The published score and grade of a unit after a plan, by the tree-walking evaluator. */
function scoreAfter(model: Model, unit: UnitInput, plan: NextBandPlan, upTo = plan.changes.length): { score: number; grade: string } {
  const evidence = { ...unit.evidence };
  for (const c of plan.changes.slice(0, upTo)) evidence[c.field] = c.to;
  const u = evaluate(model, [{ id: unit.id, evidence }]).units[0]!;
  return { score: u.score, grade: u.grade };
}

describe('next band on a fixture', () => {
  const model = rules(path.join(FIXTURES, 'next-band.rubric'));
  const input = units(model, {
    best: { portal: { online: true }, hotline: 'answered', coverage: 1, wait: { days: 1 }, errors: 0 },
    one: { portal: { online: true }, hotline: 'unhelpful', coverage: 0.6, wait: { days: 8 }, errors: 0 },
    two: { portal: { online: false }, hotline: 'unhelpful', coverage: 1, wait: { days: 1 }, errors: 0 },
    gone: { portal: { online: true }, hotline: 'answered', coverage: 1, errors: 1 },
  });
  const r = analyzeUncertainty(model, input, { runs: 10, steps: 0 });
  const band = (id: string) => r.units.find((u) => u.id === id)!.nextBand;
  const brief = (p: NextBandPlan | null | undefined) => p && [p.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`), p.score, p.grade, p.cost];

  it('has none for a unit in the top grade', () => {
    expect(band('best')).toBeNull();
  });

  it('takes the smallest move of a number: the band bound, not the end of the range', () => {
    const b = band('one')!;
    expect([b.from, b.to, b.threshold, b.gap]).toEqual(['D', 'C', 70, 3.8]);
    // wait.days 8 → 5 reaches the `<= 5` arm (+9 points) at a cost of 3/30 of its range.
    expect(brief(b.plan)).toEqual([['wait.days: 8 → 5'], 75.2, 'C', 0.1]);
    expect(b.plan!.changes[0]!.rules).toEqual([{ indicator: 'service.speed', label: 'Speed', rule: 'score = band wait.days { <= 1 => 100, <= 5 => 80, otherwise => 50 }', before: 50, after: 80 }]);
    // Coverage needs 66.2 + 32Δ ≥ 69.995 (the published score rounds to 70.00): 0.7186, not 0.7188.
    expect(b.alternatives.map(brief)).toEqual([[['coverage: 0.6 → 0.7186'], 70, 'C', 0.1186], [['hotline: unhelpful → answered'], 72.2, 'C', 1]]);
  });

  it('needs two changes when no single one reaches, and attributes each to its rule', () => {
    const b = band('two')!;
    expect(b.gap).toBe(9);
    expect(brief(b.plan)).toEqual([['portal.online: false → true', 'hotline: unhelpful → answered'], 100, 'A', 2]);
    expect(b.plan!.changes.map((c) => [c.gain, c.rules.map((e) => [e.indicator, e.rule, e.before, e.after])])).toEqual([
      [8, [['access.online', 'check portal.online', 0, 100]]],
      [6, [['service.consult', 'deduct 20 when hotline == unhelpful', -20, null]]],
    ]);
    expect(b.alternatives).toEqual([]);
  });

  it('supplies missing evidence as a change, and says the leaf was excluded', () => {
    const b = band('gone')!;
    expect(brief(b.plan)).toEqual([['errors: 1 → 0'], 100, 'A', 1]);
    const supply = b.alternatives[0]!;
    expect(brief(supply)).toEqual([['wait.days: null → 1'], 97, 'A', 1]);
    expect(supply.changes[0]!.rules[0]).toMatchObject({ indicator: 'service.speed', before: null, after: 100, note: 'excluded: wait.days missing' });
  });

  it('reports the closest it can get when the grade is out of reach', () => {
    const far = analyzeUncertainty(model, input, { runs: 10, steps: 0, maxChanges: 1 });
    const b = far.units.find((u) => u.id === 'two')!.nextBand!;
    expect(b.plan).toBeNull();
    expect(brief(b.closest)).toEqual([['portal.online: false → true'], 94, 'B', 1]);
  });
});

describe('next band on the 2022 example', () => {
  const { model, units: cities } = gov2022();
  const r = analyzeUncertainty(model, cities, { runs: 20, steps: 0, maxChanges: 3 });
  const byId = new Map(cities.map((u) => [u.id, u]));

  it('finds a plan for every unit below 优秀 that 3 changes can lift, and the evaluator agrees with each', () => {
    const below = r.units.filter((u) => u.grade !== '优秀');
    expect(below.length).toBe(32);
    for (const u of below) {
      const b = u.nextBand!;
      expect(b.to).toBe(u.grade === '良好' ? '优秀' : '良好');
      for (const p of [b.plan, ...b.alternatives, b.closest]) {
        if (!p) continue;
        const after = scoreAfter(model, byId.get(u.id)!, p);
        expect(after).toEqual({ score: p.score, grade: p.grade });
        // Step gains are differences of published scores, so they add up to the plan's gain.
        expect(p.changes.reduce((s, c) => s + c.gain, 0)).toBeCloseTo(p.gain, 6);
      }
      if (b.plan) expect(b.plan.score).toBeGreaterThanOrEqual(b.threshold);
      else expect(b.closest!.score).toBeLessThan(b.threshold);
    }
  });

  it('lifts 乌鲁木齐 into 良好 with one change of the least size', () => {
    const b = r.units.find((u) => u.id === 'wulumuqi')!.nextBand!;
    expect([b.from, b.to, b.gap]).toEqual(['中等', '良好', 0.69]);
    expect(b.plan!.changes).toHaveLength(1);
    const c = b.plan!.changes[0]!;
    expect(b.plan!.score).toBe(80);
    // One step (0.0001) less would not reach 80.
    const less = { ...b.plan!, changes: [{ ...c, to: Number(((c.to as number) - 0.0001).toFixed(4)) }] };
    expect(scoreAfter(model, byId.get('wulumuqi')!, less).grade).toBe('中等');
    expect(c.rules.length).toBeGreaterThan(0);
  });

  it('needs two changes for 南通, one of them its unanswered complaint', () => {
    const p = r.units.find((u) => u.id === 'nantong')!.nextBand!.plan!;
    expect(p.changes).toHaveLength(2);
    expect(p.changes.map((c) => c.field)).toContain('complaint.reply');
  });
});
