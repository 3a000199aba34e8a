/** Published figures round half-up on the exact decimal, even where binary floats land just below the tie. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Assemble, Qs, analyze, evaluate, instantiateEngine } from '@rubric/core';

const rules = `evaluation r "R" { year 2024 scale 0..100 round 2 half-up }
evidence { r: ratio  g: enum(a, b) }
grades { top >= 88.55 rest otherwise }
group g
indicator i "I" weight 100 { score = 100 * r }`;

describe('rounding at ties', () => {
  const model = analyze(rules).model;

  it('a unit at exactly 1.005 is published 1.01, where floats say 1.00', () => {
    expect(Math.round(100 * 0.01005 * 100) / 100).toBe(1); // the float is below the tie…
    const units = [{ id: 'u', evidence: { r: 0.01005, g: 'a' } }];
    for (const results of [evaluate(model, units), instantiateEngine(model).runValidated(units)]) {
      expect(results.units[0]!.score).toBe(1.01); // …the published figure is not
      expect(results.units[0]!.explain[0]!.points).toBe(1.01);
    }
  });

  it('a unit published as 88.55 is graded at 88.55', () => {
    const units = [{ id: 'u', evidence: { r: 0.885451, g: 'a' } }, { id: 'v', evidence: { r: 0.885449, g: 'a' } }];
    const r = instantiateEngine(model).runValidated(units);
    expect(r.units.map((u) => [u.score, u.grade])).toEqual([[88.55, 'top'], [88.54, 'rest']]);
  });

  it('a mean at exactly x.xx5 rounds up', () => {
    const units = [{ id: 'a', evidence: { r: 0.8854, g: 'a' } }, { id: 'b', evidence: { r: 0.8855, g: 'a' } }];
    for (const results of [evaluate(model, units), instantiateEngine(model).runValidated(units)]) {
      expect(results.summary.mean).toBe(88.55);
      expect(results.groups['g']!['a']!.mean).toBe(88.55);
    }
  });

  it('a change between two figures is their exact difference, rounded like any published figure', () => {
    const exact = (a: number, b: number, d: number) => Qs.publish(Qs.sub(Qs.fromNumber(a), Qs.fromNumber(b)), d);
    expect(Assemble.delta(88.41, 87.95, 2)).toBe(0.46); // floats say 0.45999999999999375
    expect(Assemble.delta(0.1, 0.3, 2)).toBe(-0.2);
    expect(Assemble.delta(1.005, 0, 2)).toBe(1.01); // more places than published: rounded half-up, exactly
    fc.assert(fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (d, a, b, extra) => {
      const x = a / 10 ** (d + (extra % 3));
      const y = b / 10 ** d;
      expect(Assemble.delta(x, y, d)).toBe(exact(x, y, d));
    }), { numRuns: 2000 });
  });

  it('equal published scores share a rank (1, 1, 3), listed by id', () => {
    const units = [{ id: 'c', evidence: { r: 0.9, g: 'a' } }, { id: 'b', evidence: { r: 0.95, g: 'b' } }, { id: 'a', evidence: { r: 0.95, g: 'b' } }];
    const r = instantiateEngine(model).runValidated(units);
    expect(r.units.map((u) => [u.id, u.rank])).toEqual([['a', 1], ['b', 1], ['c', 3]]);
  });

  it('a weight edit reuses the compiled engine; a structural edit does not', () => {
    const first = instantiateEngine(analyze(rules.replace('weight 100', 'weight 100 ')).model);
    const weightEdit = instantiateEngine(analyze(rules.replace('>= 88.55', '>= 80')).model);
    const structural = instantiateEngine(analyze(rules.replace('100 * r', '90 * r + 10')).model);
    expect(first).toBeTruthy();
    expect(weightEdit.reused).toBe(true);
    expect(structural.reused).toBe(false);
    expect(structural.warm.tops).toEqual([false]);
  });

  it("a leaf's new formula compiles its own top-level indicator's code again, not the others'", () => {
    const two = rules.replace('weight 100 { score = 100 * r }', 'weight 60 { score = 100 * r }\nindicator j "J" weight 40 { score = 50 * r }');
    instantiateEngine(analyze(two).model);
    const edited = instantiateEngine(analyze(two.replace('50 * r', '50 * r * r')).model);
    expect(edited.warm.tops).toEqual([true, false]);
    const r = edited.runValidated([{ id: 'a', evidence: { r: 0.5, g: 'a' } }]);
    expect(r.units[0]!.indicators).toEqual({ i: 50, j: 12.5 });
  });

  it("a finding's new condition compiles a new body but keeps the indicators' float code", () => {
    const withFinding = rules.replace('score = 100 * r }', 'score = 100 * r }\nfinding low "Low" when r < 0.5');
    instantiateEngine(analyze(withFinding).model);
    const edited = instantiateEngine(analyze(withFinding.replace('r < 0.5', 'r <= 0.25')).model);
    expect(edited.warm).toEqual({ body: false, tops: [true], record: true });
    const units = [{ id: 'a', evidence: { r: 0.2, g: 'a' } }, { id: 'b', evidence: { r: 0.3, g: 'b' } }];
    expect(edited.runValidated(units).findings[0]!.units).toEqual(['a']);
  });
});
