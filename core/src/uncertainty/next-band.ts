/**
 * Distance to the next band: for a unit below the top grade, the fewest evidence changes that lift its
 * published score into the grade above, then the cheapest such changes. Every candidate is scored by the
 * engine itself (nominal weights), so a plan's score is exactly what `rubric run` would publish.
 *
 * Search: (1) every candidate value of every counted field, alone; those that raise the score are the
 * options. (2) Sets of 1, then 2, then 3… fields (up to `maxChanges`), each at its best option, until some
 * set reaches the grade; when a size has more than 20,000 sets, only the fields most helpful alone are
 * combined. Sets of changes that only help together (e.g. `when a and b`) are not found.
 * (3) The most promising reaching sets (fewest bool/enum changes, then highest score) are made as
 * small as they can be while still reaching: numbers move the least distance on the field's precision
 * grid (bisection, which assumes the score is monotone between the current and the chosen value and is
 * checked afterwards), enums take the least helpful value that still reaches. (4) Plans are ranked by
 * cost, then by the higher score (more margin above the threshold), then by field order.
 */
import type { EngineParts } from '../codegen/engine.js';
import { instantiateParts, type Engine } from '../codegen/instantiate.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import type { Field, Model } from '../model/model.js';
import { Assemble } from '../runtime/assemble.js';
import { attribute, type Change } from './attribute.js';
import { candidateValues, changeCost, countedFields, fieldConstants, gridDecimals, type FieldRange } from './candidates.js';
import type { Nominal } from './monte-carlo.js';
import { gradeIndex, roundTo } from './ranking.js';
import type { EvidenceValue, NextBand, NextBandPlan } from './types.js';

/** Reaching sets minimised per unit: a bound on the work, since each costs a bisection per number. */
const MINIMISE = 12;
/** Sets of one size tried per unit at most: beyond, only the most helpful fields are combined. */
const COMBINATIONS = 20_000;
const ALTERNATIVES = 2;

interface Option { value: EvidenceValue; raw: number }
interface FieldOptions { field: Field; options: Option[] }

export function nextBands(parts: EngineParts, model: Model, units: UnitInput[], nominal: Nominal, maxChanges: number): (NextBand | null)[] {
  const engine = instantiateParts(parts);
  const fields = countedFields(model);
  const constants = fieldConstants(model);
  const observed = observedRanges(fields, units);
  const grades = parts.spec.grades;
  return units.map((unit, i) => {
    const g = nominal.grades[i]!;
    if (g === 0) return null;
    const target = grades[g - 1]!;
    const score = nominal.scores[i]!;
    const band: NextBand = { from: grades[g]!.name, to: target.name, threshold: target.threshold!, gap: Assemble.delta(target.threshold!, score, model.evaluation.decimals), plan: null, alternatives: [], closest: null };
    if (maxChanges === 0) return band;
    const search = new Search(engine, unit, g - 1, grades);
    const options = fields.map((field): FieldOptions => ({
      field,
      options: search.improving(field.path, candidateValues(field, (unit.evidence[field.path] ?? null) as EvidenceValue, constants.get(field.path) ?? [], observed.get(field.path))),
    })).filter((f) => f.options.length > 0);
    // Best-first, so sets are tried (and tie-broken) from the most helpful fields down.
    options.sort((a, b) => b.options[0]!.raw - a.options[0]!.raw);
    const { reaching, closest } = search.smallestReachingSets(options, maxChanges);
    const plans = reaching
      .sort((a, b) => discrete(a) - discrete(b) || b.raw - a.raw)
      .slice(0, MINIMISE)
      .map((set) => search.minimise(set, constants, observed));
    plans.sort((a, b) => a.cost - b.cost || b.score - a.score || a.order - b.order);
    const explained = (changes: Change[]): NextBandPlan => {
      const r = attribute(engine, model, unit.id, unit.evidence, changes, observed);
      return { changes: r.steps, score: r.score, grade: Assemble.grade(r.score, grades), gain: Assemble.delta(r.score, score, model.evaluation.decimals), cost: roundTo(r.steps.reduce((s, c) => s + c.cost, 0), 4) };
    };
    const chosen = plans.slice(0, 1 + ALTERNATIVES).map((p) => explained(p.changes));
    band.plan = chosen[0] ?? null;
    band.alternatives = chosen.slice(1);
    if (!band.plan && closest) band.closest = explained(closest.picks.map(toChange));
    return band;
  });
}

interface Picked { field: Field; options: Option[]; option: Option }
interface ReachingSet { picks: Picked[]; raw: number; order: number }

/** Changes that cannot shrink (bools, enums): the likely cost floor of a set before it is minimised. */
const discrete = (s: ReachingSet) => s.picks.filter((p) => typeof p.option.value !== 'number').length;

class Search {
  private readonly raw0: number;
  constructor(private readonly engine: Engine, private readonly unit: UnitInput, private readonly targetIndex: number,
    private readonly grades: { name: string; threshold: number | null }[]) {
    this.raw0 = engine.scoreTotal(unit.id, unit.evidence).raw;
  }

  score(changes: Change[]): { score: number; raw: number } {
    const ev = { ...this.unit.evidence };
    for (const c of changes) ev[c.field] = c.to;
    return this.engine.scoreTotal(this.unit.id, ev);
  }

  reaches(changes: Change[]): boolean {
    return gradeIndex(this.score(changes).score, this.grades) <= this.targetIndex;
  }

  /** The candidate values that raise the unit's unrounded total on their own, most helpful first. */
  improving(field: string, values: EvidenceValue[]): Option[] {
    return values.map((value) => ({ value, raw: this.score([{ field, to: value }]).raw }))
      .filter((o) => o.raw > this.raw0 + 1e-9)
      .sort((a, b) => b.raw - a.raw);
  }

  /**
   * All sets of the smallest size (≤ max) whose fields, each at its best option, reach the target grade;
   * when none does, the set of the largest size that comes closest.
   */
  smallestReachingSets(options: FieldOptions[], max: number): { reaching: ReachingSet[]; closest: ReachingSet | null } {
    let closest: ReachingSet | null = null;
    for (let k = 1; k <= Math.min(max, options.length); k++) {
      const found: ReachingSet[] = [];
      closest = null;
      let order = 0;
      let m = options.length;
      while (m > k && binomial(m, k) > COMBINATIONS) m--;
      for (const combo of combinations(m, k)) {
        const picks = combo.map((j) => ({ field: options[j]!.field, options: options[j]!.options, option: options[j]!.options[0]! }));
        const r = this.score(picks.map(toChange));
        const set = { picks, raw: r.raw, order: order++ };
        if (gradeIndex(r.score, this.grades) <= this.targetIndex) found.push(set);
        else if (!closest || r.raw > closest.raw) closest = set;
      }
      if (found.length) return { reaching: found, closest: null };
    }
    return { reaching: [], closest };
  }

  /**
   * Each change as small as it can be while the whole set still reaches. Shrinking one change leaves less
   * room for the next, so both orders (set order and reversed) are tried and the cheaper kept.
   */
  minimise(set: ReachingSet, constants: Map<string, number[]>, observed: Map<string, FieldRange>): { changes: Change[]; cost: number; score: number; order: number } {
    const forward = this.shrink(set, set.picks.map((_, j) => j), constants, observed);
    if (set.picks.length === 1) return forward;
    const backward = this.shrink(set, set.picks.map((_, j) => set.picks.length - 1 - j), constants, observed);
    return backward.cost < forward.cost ? backward : forward;
  }

  private shrink(set: ReachingSet, sequence: number[], constants: Map<string, number[]>, observed: Map<string, FieldRange>): { changes: Change[]; cost: number; score: number; order: number } {
    const changes = set.picks.map(toChange);
    for (const j of sequence) {
      const p = set.picks[j]!;
      const current = (this.unit.evidence[p.field.path] ?? null) as EvidenceValue;
      const tryValue = (v: EvidenceValue) => { const c = changes.slice(); c[j] = { field: p.field.path, to: v }; return this.reaches(c); };
      if (typeof current === 'number' && typeof p.option.value === 'number') {
        const d = gridDecimals(p.field, current, constants.get(p.field.path) ?? []);
        const scale = 10 ** d;
        const a = Math.round(current * scale);
        const b = Math.round(p.option.value * scale);
        const dir = Math.sign(b - a);
        let lo = 0;
        let hi = Math.abs(b - a);
        // Invariant: `hi` steps from the current value reach; `lo` steps do not (lo = 0 is the current value).
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (tryValue((a + dir * mid) / scale)) hi = mid; else lo = mid;
        }
        const v = (a + dir * hi) / scale;
        if (tryValue(v)) changes[j] = { field: p.field.path, to: v };
      } else if (p.field.type.kind !== 'bool') {
        // Least helpful option first: the smallest change of an enum (or of a missing value) that still reaches.
        const weakest = p.options.slice().reverse().find((o) => tryValue(o.value));
        if (weakest) changes[j] = { field: p.field.path, to: weakest.value };
      }
    }
    const cost = changes.reduce((s, c, j) => s + changeCost(set.picks[j]!.field, (this.unit.evidence[c.field] ?? null) as EvidenceValue, c.to, observed.get(c.field)), 0);
    return { changes, cost: roundTo(cost, 4), score: this.score(changes).score, order: set.order };
  }
}

const toChange = (p: Picked): Change => ({ field: p.field.path, to: p.option.value });

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Index sets of size k from 0..n−1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/** Each numeric field's least and greatest value among the units (for candidates and for costs). */
function observedRanges(fields: Field[], units: UnitInput[]): Map<string, FieldRange> {
  const out = new Map<string, FieldRange>();
  for (const f of fields) {
    const xs = units.map((u) => u.evidence[f.path]).filter((x): x is number => typeof x === 'number');
    if (xs.length) out.set(f.path, { min: Math.min(...xs), max: Math.max(...xs) });
  }
  return out;
}
