/**
 * From per-unit scores to results.json: grades, ranks, means, groups, findings, baseline changes.
 *
 * Shared by the evaluator and by every generated engine, which embeds this class's source verbatim:
 * so it is self-contained (it may use only `Q`, embedded beside it), and both produce byte-identical
 * results from the same published unit figures.
 */
import { Q, type Rational } from '../numeric/exact.js';
import type { Results, UnitResult } from '../results/types.js';

export interface UnitScore {
  id: string;
  name: string;
  groups: Record<string, string>;
  /** Published total. */
  score: number;
  /** Unrounded total, for means; exact values come from `AssembleInput.exact` when a mean is near a tie. */
  raw: number;
  /** Published value per indicator (model order), null when excluded. */
  values: (number | null)[];
  /** Unrounded value per indicator (model order), null when excluded. */
  rawValues: (number | null)[];
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
  exact: (i: number) => { values: (Rational | null)[]; total: Rational };
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
  static mean(raws: number[], exact: () => Rational[], decimals: number): number {
    let sum = 0;
    let maxAbs = 1;
    for (const r of raws) { sum += r; const a = Math.abs(r); if (a > maxAbs) maxAbs = a; }
    const m = sum / raws.length;
    const slack = (raws.length + 2) * maxAbs * 4.5e-16 * 10 ** decimals + 1e-9;
    if (!Assemble.nearTie(m, decimals, slack)) return Assemble.fast(m, decimals);
    const xs = exact();
    let s: Rational = Q.ZERO;
    for (const x of xs) s = Q.add(s, x);
    return Q.publish(Q.div(s, [BigInt(xs.length), 1n]), decimals);
  }

  /** Difference of two published decimals, exact and rounded like every published figure. */
  static delta(now: number, before: number, decimals: number): number {
    return Q.publish(Q.sub(Q.fromNumber(now), Q.fromNumber(before)), decimals);
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
    exact: { values: (Rational | null)[]; total: Rational; findings: string[]; excluded: string[]; explain: UnitResult['explain'] }): UnitScore {
    return {
      id, name, groups,
      score: Q.publish(exact.total, decimals), raw: Q.toNumber(exact.total),
      values: exact.values.map((v) => (v === null ? null : Q.publish(v, decimals))),
      rawValues: exact.values.map((v) => (v === null ? null : Q.toNumber(v))),
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
    const cache = new Map<number, { values: (Rational | null)[]; total: Rational }>();
    const exactOf = (i: number) => {
      let e = cache.get(i);
      if (!e) { e = input.exact(i); cache.set(i, e); }
      return e;
    };
    const indexOf = new Map(units.map((u, i) => [u, i]));

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

    // Summary: overall and per-indicator means over unrounded values.
    const mean = n ? Assemble.mean(units.map((u) => u.raw), () => units.map((u, i) => exactOf(i).total), d) : 0;
    const indicators: Results['summary']['indicators'] = {};
    input.indicators.forEach((ind, k) => {
      const having = units.filter((u) => u.values[k] !== null);
      const published = having.map((u) => u.values[k] as number);
      const entry: Results['summary']['indicators'][string] = {
        label: ind.label,
        units: having.length,
        mean: having.length ? Assemble.mean(having.map((u) => u.rawValues[k] as number), () => having.map((u) => exactOf(indexOf.get(u)!).values[k] as Rational), d) : null,
        min: published.length ? Math.min(...published) : null,
        max: published.length ? Math.max(...published) : null,
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

    const summary: Results['summary'] = { units: n, mean, indicators, grades: gradeCounts };
    if (baseline && typeof baseline.summary?.mean === 'number') {
      summary.baseline = baseline.summary.mean;
      summary.delta = Assemble.delta(mean, baseline.summary.mean, d);
    }
    // Key order: units, mean, baseline, delta, indicators, grades.
    const orderedSummary: Results['summary'] = { units: n, mean, ...(summary.baseline !== undefined ? { baseline: summary.baseline, delta: summary.delta } : {}), indicators, grades: gradeCounts };

    // Groups: mean, best and worst unit, count, and the gap between the highest and lowest mean.
    const groups: Results['groups'] = {};
    const groupGaps: Results['groupGaps'] = {};
    for (const g of input.groups) {
      const present = new Set(units.map((u) => u.groups[g.id]!));
      const values = g.values ? g.values.filter((v) => present.has(v)) : [...present].sort();
      const table: Results['groups'][string] = {};
      for (const v of values) {
        const members = units.filter((u) => u.groups[g.id] === v);
        const cmp = (a: UnitScore, b: UnitScore): number => {
          if (a.score !== b.score) return b.score - a.score;
          if (Math.abs(a.raw - b.raw) > 1e-9 * Math.max(1, Math.abs(a.raw))) return b.raw - a.raw;
          const c = Q.cmp(exactOf(indexOf.get(b)!).total, exactOf(indexOf.get(a)!).total);
          return c || Assemble.byId(a, b);
        };
        const sorted = members.slice().sort(cmp);
        const entry: Results['groups'][string][string] = {
          units: members.length,
          mean: Assemble.mean(members.map((u) => u.raw), () => members.map((u) => exactOf(indexOf.get(u)!).total), d),
          best: sorted[0]!.name,
          worst: sorted[sorted.length - 1]!.name,
        };
        const b = baseline?.groups?.[g.id]?.[v]?.mean;
        if (typeof b === 'number') { entry.baseline = b; entry.delta = Assemble.delta(entry.mean, b, d); }
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
    }

    const unit = (u: UnitScore): UnitResult => {
      const r: UnitResult = {
        id: u.id, name: u.name, score: u.score, grade: gradeOf.get(u)!, rank: rank.get(u)!, groups: u.groups,
        indicators: Object.fromEntries(input.indicators.map((ind, k) => [ind.path, u.values[k] ?? null])),
        findings: u.findings, excluded: u.excluded, explain: u.explain,
      };
      const b = baseUnits.get(u.id);
      if (b && (typeof b.score === 'number' || typeof b.rank === 'number')) {
        r.baseline = {};
        r.delta = {};
        if (typeof b.score === 'number') { r.baseline.score = b.score; r.delta.score = Assemble.delta(u.score, b.score, d); }
        if (typeof b.rank === 'number') { r.baseline.rank = b.rank; r.delta.rank = r.rank - b.rank; }
      }
      return r;
    };

    const findings: Results['findings'] = input.findings.map((f) => {
      const having = order.filter((u) => u.findings.includes(f.id));
      return {
        id: f.id, message: f.message, kind: f.kind, ...(f.indicator ? { indicator: f.indicator } : {}), ...(f.observed ? { observed: true as const } : {}),
        count: having.length, share: n ? Q.publish(Q.make(BigInt(having.length), BigInt(n)), 4) : 0, units: having.map((u) => u.name),
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
