/**
 * From per-unit scores to results.json: grades, ranks, means, groups, findings, baseline changes.
 *
 * Shared by the evaluator and by every generated engine, which embeds this class's source verbatim:
 * so it is self-contained (it may use only `Q` and `Qs`, embedded beside it), and both produce byte-identical
 * results from the same published unit figures.
 */
import { Qs, type AnyRational } from '../numeric/small.js';
import type { Results, UnitResult } from '../results/types.js';

export interface UnitScore {
  id: string;
  name: string;
  groups: Record<string, string>;
  /** Published total. */
  score: number;
  /** Unrounded total, for means; exact values come from `AssembleInput.exact` when a mean is near a tie. */
  raw: number;
  /**
   * Published value per indicator (model order), null when excluded. A large run may hold these as a
   * Float64Array with NaN for null (a tenth of the memory); scores are never NaN, so the two cannot mix.
   */
  values: (number | null)[] | Float64Array;
  /** Unrounded value per indicator (model order), null (or NaN, as above) when excluded. */
  rawValues: (number | null)[] | Float64Array;
  findings: string[];
  excluded: string[];
  explain: UnitResult['explain'];
}

export interface AssembleInput {
  info: { id: string; label: string; year: number | null; decimals: number; scale: { min: number; max: number }; rulesHash: string };
  indicators: { path: string; label: string; weight: number | null; effectiveWeight: number | null; observed: boolean; scenario?: string; parent?: string }[];
  grades: { name: string; threshold: number | null }[];
  groups: { id: string; label: string; field: string; values: string[] | null }[];
  scenarios: { id: string; label: string; observed: boolean }[];
  findings: { id: string; message: string; kind: 'defect' | 'good'; indicator?: string; observed: boolean }[];
  observedScenarios: string[];
  units: UnitScore[];
  /** Exact unrounded values of unit `i`: per indicator (model order) and the total. */
  exact: (i: number) => { values: (AnyRational | null)[]; total: AnyRational };
  /** Optional, cheaper: exact values of unit `i` at least at indicators `ks` (others may be missing). */
  exactSome?: (i: number, ks: number[]) => (AnyRational | null)[];
  /** Optional, cheaper (with `exactSome`): the exact total of unit `i` alone. */
  exactTotal?: (i: number) => AnyRational;
  /** Optional, faster: a unit's published values (model order; NaN or null when none) as \`indicators\` of results.json. */
  record?: (values: UnitScore['values']) => Record<string, number | null>;
  baseline?: Partial<Results> | null;
}

export class Assemble {
  /** Half-up publication of a float known not to sit near a tie. */
  static fast(x: number, decimals: number): number {
    const p = 10 ** decimals;
    const r = Math.round(Math.abs(x) * p) / p;
    return x < 0 && r !== 0 ? -r : r;
  }

  /**
   * Whether a float may round differently from the exact value it approximates: its scaled fraction
   * lies within `slack` of one half. `slack` bounds the float error in units of the last decimal.
   */
  static nearTie(x: number, decimals: number, slack: number): boolean {
    const scaled = Math.abs(x) * 10 ** decimals;
    return Math.abs(scaled - Math.floor(scaled) - 0.5) <= slack || scaled > 9e15;
  }

  /** A mean over floats, rounded exactly: falls back to exact sums when the float mean is near a tie. */
  static mean(raws: number[], exact: () => AnyRational[], decimals: number): number {
    let sum = 0;
    let maxAbs = 1;
    for (const r of raws) { sum += r; const a = Math.abs(r); if (a > maxAbs) maxAbs = a; }
    return Assemble.meanOf(raws.length, sum, maxAbs, exact, decimals);
  }

  /**
   * Whether the mean of `count` floats summed (in order) to `sum`, the largest magnitude being `maxAbs`
   * (at least 1), may round differently from the exact mean: the float error bound reaches a tie.
   */
  static meanNearTie(count: number, sum: number, maxAbs: number, decimals: number): boolean {
    const slack = (count + 2) * maxAbs * 4.5e-16 * 10 ** decimals + 1e-9;
    return Assemble.nearTie(sum / count, decimals, slack);
  }

  /** The same from a float sum already taken (see `meanNearTie`). */
  static meanOf(count: number, sum: number, maxAbs: number, exact: () => AnyRational[], decimals: number): number {
    if (!Assemble.meanNearTie(count, sum, maxAbs, decimals)) return Assemble.fast(sum / count, decimals);
    const xs = exact();
    let s: AnyRational = Qs.ZERO;
    for (const x of xs) s = Qs.add(s, x);
    return Qs.publish(Qs.div(s, [xs.length, 1]), decimals);
  }

  /** Difference of two published decimals, exact and rounded like every published figure. */
  static delta(now: number, before: number, decimals: number): number {
    // Two figures with at most `decimals` places (as published ones are): their difference is a whole
    // number of last places, and one division gives the double nearest to it, as `Qs.publish` would.
    const p = 10 ** decimals;
    const a = Math.round(now * p);
    const b = Math.round(before * p);
    if (a / p === now && b / p === before && Math.abs(a) < 2 ** 51 && Math.abs(b) < 2 ** 51) {
      const r = (a - b) / p;
      return r === 0 ? 0 : r;
    }
    return Qs.publish(Qs.sub(Qs.fromNumber(now), Qs.fromNumber(before)), decimals);
  }

  static grade(score: number, grades: AssembleInput['grades']): string {
    for (const g of grades) if (g.threshold === null || score >= g.threshold) return g.name;
    return grades.length ? grades[grades.length - 1]!.name : '';
  }

  static byId(a: { id: string }, b: { id: string }): number {
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  /** What a baseline file says of itself; only what it states, never invented. */
  static baselineInfo(b: Partial<Results>): { id?: string; label?: string; year?: number | null } {
    const e = (b.evaluation ?? {}) as Partial<Results['evaluation']>;
    return { ...(typeof e.id === 'string' ? { id: e.id } : {}), ...(typeof e.label === 'string' ? { label: e.label } : {}), ...(typeof e.year === 'number' ? { year: e.year } : {}) };
  }

  /** Why a unit cannot be scored: the same words from the evaluator and the engine. */
  static noScore(id: string): string {
    return `Unit ${id} has no score: every indicator it has evidence for is excluded. Supply the missing evidence.`;
  }

  /** A unit scored exactly → its published figures. Shared by the evaluator and the engine's exact path. */
  static fromExact(decimals: number, id: string, name: string, groups: Record<string, string>,
    exact: { values: (AnyRational | null)[]; total: AnyRational; findings: string[]; excluded: string[]; explain: UnitResult['explain'] }): UnitScore {
    return {
      id, name, groups,
      score: Qs.publish(exact.total, decimals), raw: Qs.toNumber(exact.total),
      values: exact.values.map((v) => (v === null ? null : Qs.publish(v, decimals))),
      rawValues: exact.values.map((v) => (v === null ? null : Qs.toNumber(v))),
      findings: exact.findings, excluded: exact.excluded, explain: exact.explain,
    };
  }

  static run(input: AssembleInput): Results {
    const s = Assemble.summarize(input);
    s.results.units = s.order.map(s.unit);
    return s.results;
  }

  /**
   * Everything but the per-unit records: `results.units` is empty, `order` lists the units by rank and
   * `unit` builds one record, so a large run can write units one at a time instead of holding them all.
   */
  static summarize(input: AssembleInput): { results: Results; order: UnitScore[]; unit: (u: UnitScore) => UnitResult } {
    const d = input.info.decimals;
    const units = input.units;
    const n = units.length;
    // Positions of units, needed only when two totals or a group mean sit too close for floats.
    let positions: Map<UnitScore, number> | null = null;
    const indexOf = (u: UnitScore) => (positions ??= new Map(units.map((x, i) => [x, i]))).get(u)!;

    // Ranks from published scores, competition style; listed by rank, then id.
    const order = units.slice().sort((a, b) => b.score - a.score || Assemble.byId(a, b));
    const rank = new Map<UnitScore, number>();
    order.forEach((u, i) => rank.set(u, i > 0 && order[i - 1]!.score === u.score ? rank.get(order[i - 1]!)! : i + 1));

    const gradeCounts: Record<string, number> = {};
    for (const g of input.grades) gradeCounts[g.name] = 0;
    const gradeOf = new Map<UnitScore, string>();
    for (const u of units) {
      const g = Assemble.grade(u.score, input.grades);
      gradeOf.set(u, g);
      gradeCounts[g] = (gradeCounts[g] ?? 0) + 1;
    }

    const baseline = input.baseline ?? null;
    const baseUnits = new Map<string, { score?: number; rank?: number }>();
    for (const bu of baseline?.units ?? []) if (bu && typeof bu.id === 'string') baseUnits.set(bu.id, bu);

    // Means are float sums unless one sits near a rounding tie; then it is summed exactly. Which ones do
    // is known from the floats, so one pass computes exactly just what they need, and none of it is kept
    // (a large run would otherwise hold every unit's exact values).
    const stats = (pick: (u: UnitScore) => number | null | undefined, of: UnitScore[] = units) => {
      let count = 0, sum = 0, maxAbs = 1, min = Infinity, max = -Infinity;
      for (const u of of) {
        const v = pick(u);
        if (v === null || v === undefined || v !== v) continue;
        count++;
        sum += v;
        const a = Math.abs(v);
        if (a > maxAbs) maxAbs = a;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { count, sum, maxAbs, min, max, tie: count > 0 && Assemble.meanNearTie(count, sum, maxAbs, d) };
    };
    const overall = stats((u) => u.raw);
    // Every indicator in one pass over the units (a closure per indicator and unit cost a preview of
    // 3,000 units several milliseconds): raw figures for the mean, published ones for min and max.
    const K = input.indicators.length;
    const cnt = new Float64Array(K), sums = new Float64Array(K), maxAbs = new Float64Array(K).fill(1);
    const mins = new Float64Array(K).fill(Infinity), maxs = new Float64Array(K).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const vs = units[i]!.values;
      const rs = units[i]!.rawValues;
      for (let k = 0; k < K; k++) {
        const v = vs[k];
        if (v === null) continue;
        const r = rs[k];
        if (r !== null && r !== undefined && r === r) {
          cnt[k]++;
          sums[k] += r;
          const a = r < 0 ? -r : r;
          if (a > maxAbs[k]!) maxAbs[k] = a;
        }
        if (v !== undefined && v === v) {
          if (v < mins[k]!) mins[k] = v;
          if (v > maxs[k]!) maxs[k] = v;
        }
      }
    }
    const perIndicator = input.indicators.map((_ind, k) => {
      const count = cnt[k]!, sum = sums[k]!;
      return { count, sum, maxAbs: maxAbs[k]!, min: mins[k]!, max: maxs[k]!, tie: count > 0 && Assemble.meanNearTie(count, sum, maxAbs[k]!, d) };
    });
    const groupMembers = input.groups.map((g) => {
      const byValue = new Map<string, UnitScore[]>();
      for (const u of units) {
        const v = u.groups[g.id]!;
        let list = byValue.get(v);
        if (!list) byValue.set(v, (list = []));
        list.push(u);
      }
      return byValue;
    });
    const groupTie = groupMembers.some((byValue) => [...byValue.values()].some((members) => stats((u) => u.raw, members).tie));
    let exactTotals: AnyRational[] | null = overall.tie || groupTie ? new Array<AnyRational>(n) : null;
    const exactValues = new Map<number, (AnyRational | null)[]>();
    perIndicator.forEach((st, k) => { if (st.tie) exactValues.set(k, new Array<AnyRational | null>(n)); });
    if (exactTotals || exactValues.size) {
      const ks = [...exactValues.keys()];
      for (let i = 0; i < n; i++) {
        let values: (AnyRational | null)[] | null = null;
        if (input.exactSome && (!exactTotals || input.exactTotal)) {
          if (exactTotals) exactTotals[i] = input.exactTotal!(i);
          if (ks.length) values = input.exactSome(i, ks);
        } else {
          const e = input.exact(i);
          if (exactTotals) exactTotals[i] = e.total;
          values = e.values;
        }
        if (values) for (const [k, xs] of exactValues) xs[i] = values[k] ?? null;
      }
    }
    const totalAt = (i: number) => exactTotals?.[i] ?? (input.exactTotal ? input.exactTotal(i) : input.exact(i).total);
    const exactMean = (xs: AnyRational[]) => {
      let sum: AnyRational = Qs.ZERO;
      for (const x of xs) sum = Qs.add(sum, x);
      return Qs.publish(Qs.div(sum, [xs.length, 1]), d);
    };
    const meanOf = (st: { count: number; sum: number; tie: boolean }, exact: () => AnyRational[]) => (st.tie ? exactMean(exact()) : Assemble.fast(st.sum / st.count, d));

    const mean = n ? meanOf(overall, () => units.map((_u, i) => totalAt(i))) : 0;
    const indicators: Results['summary']['indicators'] = {};
    input.indicators.forEach((ind, k) => {
      const st = perIndicator[k]!;
      const entry: Results['summary']['indicators'][string] = {
        label: ind.label,
        units: st.count,
        mean: st.count ? meanOf(st, () => exactValues.get(k)!.filter((x): x is AnyRational => x !== null)) : null,
        min: st.count ? st.min : null,
        max: st.count ? st.max : null,
      };
      if (ind.weight !== null) entry.weight = ind.weight;
      if (ind.effectiveWeight !== null) entry.effectiveWeight = ind.effectiveWeight;
      if (ind.observed) entry.observed = true;
      if (ind.scenario) entry.scenario = ind.scenario;
      if (ind.parent) entry.parent = ind.parent;
      if (baseline) {
        const b = baseline.summary?.indicators?.[ind.path]?.mean;
        if (typeof b === 'number' && entry.mean !== null) { entry.baseline = b; entry.delta = Assemble.delta(entry.mean, b, d); } else entry.baselineMissing = true;
      }
      indicators[ind.path] = entry;
    });

    // What a given baseline lacks is marked (`baselineMissing`), never a change from zero: here, in groups and units.
    const baseMean = baseline?.summary?.mean;
    const vsBaseline = !baseline ? {} : typeof baseMean === 'number' ? { baseline: baseMean, delta: Assemble.delta(mean, baseMean, d) } : { baselineMissing: true as const };
    // Key order: units, mean, baseline and delta (or baselineMissing), indicators, grades.
    const orderedSummary: Results['summary'] = { units: n, mean, ...vsBaseline, indicators, grades: gradeCounts };

    // Groups: mean, best and worst unit, count, and the gap between the highest and lowest mean.
    const groups: Results['groups'] = {};
    const groupGaps: Results['groupGaps'] = {};
    input.groups.forEach((g, gi) => {
      const byValue = groupMembers[gi]!;
      const present = new Set(byValue.keys());
      const values = g.values ? g.values.filter((v) => present.has(v)) : [...present].sort();
      const table: Results['groups'][string] = {};
      for (const v of values) {
        const members = byValue.get(v)!;
        const cmp = (a: UnitScore, b: UnitScore): number => {
          if (a.score !== b.score) return b.score - a.score;
          if (Math.abs(a.raw - b.raw) > 1e-9 * Math.max(1, Math.abs(a.raw))) return b.raw - a.raw;
          const c = Qs.cmp(totalAt(indexOf(b)), totalAt(indexOf(a)));
          return c || Assemble.byId(a, b);
        };
        const sorted = members.slice().sort(cmp);
        const entry: Results['groups'][string][string] = {
          units: members.length,
          mean: meanOf(stats((u) => u.raw, members), () => members.map((u) => totalAt(indexOf(u)))),
          best: sorted[0]!.name,
          worst: sorted[sorted.length - 1]!.name,
        };
        const b = baseline?.groups?.[g.id]?.[v]?.mean;
        if (typeof b === 'number') { entry.baseline = b; entry.delta = Assemble.delta(entry.mean, b, d); } else if (baseline) entry.baselineMissing = true;
        table[v] = entry;
      }
      groups[g.id] = table;
      if (values.length >= 2) {
        let hi = values[0]!;
        let lo = values[0]!;
        for (const v of values) {
          if (table[v]!.mean > table[hi]!.mean) hi = v;
          if (table[v]!.mean < table[lo]!.mean) lo = v;
        }
        groupGaps[g.id] = { highest: hi, lowest: lo, gap: Assemble.delta(table[hi]!.mean, table[lo]!.mean, d) };
      }
    });
    // The closures returned below share this scope: let the exact values go.
    exactTotals = null;
    exactValues.clear();

    const paths = input.indicators.map((ind) => ind.path);
    const indicatorRecord = input.record ? (u: UnitScore) => input.record!(u.values) : (u: UnitScore) => {
      const o: Record<string, number | null> = {};
      for (let k = 0; k < paths.length; k++) { const v = u.values[k]; o[paths[k]!] = v === undefined || v !== v ? null : v; }
      return o;
    };
    const unit = (u: UnitScore): UnitResult => {
      const r: UnitResult = {
        id: u.id, name: u.name, score: u.score, grade: gradeOf.get(u)!, rank: rank.get(u)!, groups: u.groups,
        indicators: indicatorRecord(u),
        findings: u.findings, excluded: u.excluded, explain: u.explain,
      };
      const b = baseUnits.get(u.id);
      if (b && (typeof b.score === 'number' || typeof b.rank === 'number')) {
        r.baseline = {};
        r.delta = {};
        if (typeof b.score === 'number') { r.baseline.score = b.score; r.delta.score = Assemble.delta(u.score, b.score, d); }
        if (typeof b.rank === 'number') { r.baseline.rank = b.rank; r.delta.rank = r.rank - b.rank; }
      } else if (baseline) r.baselineMissing = true;
      return r;
    };

    // Units by finding, in rank order: one pass over the units, not one per finding.
    const byFinding = new Map<string, UnitScore[]>(input.findings.map((f) => [f.id, []]));
    for (const u of order) for (const id of u.findings) byFinding.get(id)?.push(u);
    const findings: Results['findings'] = input.findings.map((f) => {
      const having = byFinding.get(f.id)!;
      return {
        id: f.id, message: f.message, kind: f.kind, ...(f.indicator ? { indicator: f.indicator } : {}), ...(f.observed ? { observed: true as const } : {}),
        count: having.length, share: n ? Qs.publish([having.length, n], 4) : 0, units: having.map((u) => u.name),
      };
    });

    const results: Results = {
      evaluation: {
        id: input.info.id, label: input.info.label, year: input.info.year, rulesHash: input.info.rulesHash, decimals: d, scale: input.info.scale,
        grades: input.grades.map((g) => ({ name: g.name, min: g.threshold })),
        groups: input.groups.map((g) => ({ id: g.id, label: g.label, field: g.field })),
        scenarios: input.scenarios,
        ...(baseline ? { baseline: Assemble.baselineInfo(baseline) } : {}),
      },
      summary: orderedSummary,
      units: [],
      groups,
      groupGaps,
      findings,
      observed: { scenarios: input.observedScenarios, indicators: input.indicators.filter((i) => i.observed).map((i) => i.path) },
    };
    return { results, order, unit };
  }
}
