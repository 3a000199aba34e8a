/**
 * The part of every generated engine that does not depend on the rules: publication of floats with tie
 * detection, the exact fallbacks, the memo of exact values, validation and assembly. It is one class, in
 * the embedded runtime, not text in each engine's body: when an edit changes the rules' structure the
 * editor compiles a new body, and this code stays compiled and warm (a cold copy per body cost a 3,000-unit
 * preview ~10 ms). The body supplies what the rules decide: the two scorers and the tree's shape.
 */
import { Qs, type AnyRational } from '../numeric/small.js';
import type { Results, UnitResult } from '../results/types.js';
import { Assemble, type AssembleInput, type UnitScore } from './assemble.js';
import { EvidenceRules, type FieldSpec } from './evidence.js';

type Values = (AnyRational | null)[];
type Steps = UnitResult['explain'];
interface Flag { tie: boolean }
interface Flat { id: string; evidence: Record<string, unknown> }
/** A memo of exact values across runs: owned by the caller and passed to every run that should share it; it bounds its own size. */
export type ExactMemo = Map<string, WeakMap<object, AnyRational | null>>;
interface Options { baseline?: Partial<Results> | null; explain?: boolean; memo?: ExactMemo }
interface Exact { values: Values; total: AnyRational; findings: string[]; excluded: string[]; explain: Steps }

/** What a generated body gives its engine. */
export interface ScoringParts {
  /** The float scorer: values (model order, null when excluded), total, findings, exclusions, steps when `X`. */
  scoreFast(ev: Record<string, unknown>, S: Flag, X: boolean): { values: (number | null)[]; total: number | null; findings: string[]; excluded: string[]; explain: Steps | null };
  /** The exact scorer; with `M`, only the masked indicators (1: compute, 2: take from `V`), values alone. */
  scoreExact(ev: Record<string, unknown>, S: null, X: boolean, M?: Uint8Array | null, V?: Values): { values: Values; total: AnyRational; findings: string[]; excluded: string[]; explain: Steps | null };
  /** The exact total from the top indicators' exact values. */
  totalOf(v: Values): AnyRational;
  groupsOf(ev: Record<string, unknown>): Record<string, string>;
  recordOf(v: UnitScore['values']): Record<string, number | null>;
  /** Per indicator: itself and every descendant; its children; the weighted tops. */
  sub: number[][];
  kids: number[][];
  tops: number[];
  /** Per indicator: [fingerprint of its subtree's exact code, slots of the numbers it reads], or null. */
  memoKeys: ([string, number[]] | null)[];
  /** The rules' numbers as exact rationals (what the memo keys read). */
  qn: AnyRational[];
  spec: Omit<AssembleInput, 'units' | 'exact' | 'exactSome' | 'exactTotal' | 'record' | 'baseline'>;
  fields: FieldSpec[];
  z: Parameters<typeof EvidenceRules.schema>[0];
}

/** One top-level indicator's float code (a generated piece): writes its subtree's values into `V`, its flags into `F`. */
export type TopFn = (ev: Record<string, unknown>, S: Flag, X: boolean, E: Steps | null, V: (number | null)[], F: Uint8Array) => void;

export class EvidenceError extends Error {
  readonly issues: { unit: string; field?: string; message: string }[];
  constructor(issues: { unit: string; field?: string; message: string }[]) {
    super('Invalid evidence:\n' + issues.map((i) => '  ' + i.unit + (i.field ? ' ' + i.field : '') + ': ' + i.message).join('\n'));
    this.name = 'EvidenceError';
    this.issues = issues;
  }
}

export class ScoreError extends Error {
  readonly unit: string;
  constructor(unit: string, message: string) {
    super(message);
    this.name = 'ScoreError';
    this.unit = unit;
  }
}

// Units scored without explanations share one empty list (a preview of 3,000 units made 3,000 of them).
const NO_STEPS: Steps = Object.freeze([]) as unknown as Steps;

export class Scoring {
  /** Half-up publication of a float at scale `sc` (10^decimals); raises S.tie when too near a tie to trust. */
  static P(x: number, sc: number, S: Flag): number {
    const s = Math.abs(x) * sc;
    const fl = Math.floor(s);
    if (Math.abs(s - fl - 0.5) < 1e-6 || s > 9e15) S.tie = true;
    const r = Math.round(s) / sc;
    return x < 0 && r !== 0 ? -r : r;
  }

  // Comparisons of computed floats: too close to call means recompute the unit exactly.
  static near(a: number, b: number, S: Flag): void {
    if (Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a) + Math.abs(b))) S.tie = true;
  }
  static cmpEq(a: number, b: number, S: Flag): boolean { Scoring.near(a, b, S); return a === b; }
  static cmpNe(a: number, b: number, S: Flag): boolean { Scoring.near(a, b, S); return a !== b; }
  static cmpLt(a: number, b: number, S: Flag): boolean { Scoring.near(a, b, S); return a < b; }
  static cmpLe(a: number, b: number, S: Flag): boolean { Scoring.near(a, b, S); return a <= b; }
  static cmpGt(a: number, b: number, S: Flag): boolean { Scoring.near(a, b, S); return a > b; }
  static cmpGe(a: number, b: number, S: Flag): boolean { Scoring.near(a, b, S); return a >= b; }

  /** The float values of every indicator from the tops' pieces (shared code: it stays warm across bodies). */
  static valuesOf(tops: TopFn[], n: number): (ev: Record<string, unknown>, S: Flag, X: boolean, E: Steps | null, F: Uint8Array) => (number | null)[] {
    const empty: (number | null)[] = [];
    for (let k = 0; k < n; k++) empty.push(null);
    return (ev, S, X, E, F) => {
      const V = empty.slice();
      for (let i = 0; i < tops.length; i++) tops[i]!(ev, S, X, E, V, F);
      return V;
    };
  }

  private readonly d: number;
  private readonly sc: number;
  private readonly mask1: Uint8Array[] = [];
  private maskKey: string | null = null;
  private maskMemo: Uint8Array | null = null;
  private keys: (string | null)[] | null = null;
  private tables: (WeakMap<object, AnyRational | null> | null)[] | null = null;
  private readonly planned: Uint8Array;
  private readonly known: Values;
  private schemaMemo: ReturnType<typeof EvidenceRules.schema> | null = null;

  constructor(private readonly p: ScoringParts) {
    this.d = p.spec.info.decimals;
    this.sc = 10 ** this.d;
    this.planned = new Uint8Array(p.sub.length);
    this.known = new Array<AnyRational | null>(p.sub.length);
  }

  /** Built on first use: analyses instantiate engines by the thousand and never validate. */
  schema(): ReturnType<typeof EvidenceRules.schema> {
    return (this.schemaMemo ??= EvidenceRules.schema(this.p.z, this.p.fields));
  }

  /**
   * The mask `scoreExact` takes: the indicators `ks` and their subtrees. One tied value is the common case:
   * its mask is kept per indicator; for several, the last set is kept, since a summary repeats it per unit.
   */
  maskOf(ks: number[]): Uint8Array {
    if (ks.length === 1 && this.mask1[ks[0]!]) return this.mask1[ks[0]!]!;
    const key = ks.length === 1 ? null : ks.join(',');
    if (key !== null && key === this.maskKey) return this.maskMemo!;
    const m = new Uint8Array(this.p.sub.length);
    for (const k of ks) for (const j of this.p.sub[k]!) m[j] = 1;
    if (key === null) return (this.mask1[ks[0]!] = m);
    this.maskKey = key;
    return (this.maskMemo = m);
  }

  /**
   * A caller's memo of exact values across runs (the editor's, between keystrokes): one table per indicator
   * and key (the code of its subtree and the numbers it reads), from evidence object to exact value.
   */
  private tablesOf(memo: ExactMemo): (WeakMap<object, AnyRational | null> | null)[] {
    this.keys ??= this.p.memoKeys.map((x) => x && x[0] + '|' + x[1].map((i) => String(this.p.qn[i])).join(';'));
    const tables = this.keys.map((key) => {
      if (key === null) return null;
      let t = memo.get(key);
      if (t) memo.delete(key);
      else t = new WeakMap();
      memo.set(key, t);
      return t;
    });
    // Least recently used keys go first; those of this run were just touched.
    const limit = 4 * this.p.memoKeys.length + 16;
    for (const key of memo.keys()) {
      if (memo.size <= limit) break;
      memo.delete(key);
    }
    return tables;
  }

  /** Marks what unit `ev` needs for indicator k: its memoised value (2), or computing it (1) from its children's. */
  private plan(ev: object, k: number): void {
    const t = this.tables![k];
    const v = t === null || t === undefined ? undefined : t.get(ev);
    if (v !== undefined) {
      this.planned[k] = 2;
      this.known[k] = v;
      return;
    }
    this.planned[k] = 1;
    for (const c of this.p.kids[k]!) if (this.planned[c] === 0) this.plan(ev, c);
  }

  /** Exact values of one unit at indicators `ks` (other entries may be missing): what the memo lacks is computed and kept. */
  exactSome(ev: Record<string, unknown>, ks: number[]): Values {
    if (!this.tables) return this.p.scoreExact(ev, null, false, this.maskOf(ks)).values;
    const planned = this.planned;
    planned.fill(0);
    let compute = false;
    for (const k of ks) {
      if (planned[k] === 0) this.plan(ev, k);
      if (planned[k] === 1) compute = true;
    }
    if (!compute) return this.known; // read at once by every caller, before the next unit
    const values = this.p.scoreExact(ev, null, false, planned, this.known).values;
    for (let k = 0; k < planned.length; k++) if (planned[k] === 1) this.tables[k]?.set(ev, values[k] ?? null);
    return values;
  }

  /** The exact total of one unit from its top indicators' exact values (with a memo: mostly memoised). */
  exactTotal(ev: Record<string, unknown>): AnyRational {
    return this.p.totalOf(this.exactSome(ev, this.p.tops));
  }

  exactOf(ev: Record<string, unknown>, X = true): Exact {
    const r = this.p.scoreExact(ev, null, X);
    return { values: r.values, total: r.total, findings: r.findings, excluded: r.excluded, explain: r.explain ?? [] };
  }

  /**
   * One validated, flattened unit → its published figures; exact arithmetic only where floats could mislead.
   * `keep` (optional) receives the exact values when the unit was recomputed, for `assemble` to reuse.
   */
  scoreFlat(id: string, ev: Record<string, unknown>, X: boolean, keep?: (Exact | undefined)[], at?: number): UnitScore {
    const name = typeof ev['name'] === 'string' && ev['name'] !== '' ? ev['name'] : id;
    const S = { tie: false };
    const r = this.p.scoreFast(ev, S, X);
    if (r.total === null) throw new ScoreError(id, Assemble.noScore(id));
    const sc = this.sc;
    if (!S.tie) {
      const score = Scoring.P(r.total, sc, S);
      if (!S.tie) {
        // Values near a rounding tie are recomputed exactly, alone; a near comparison or a tied total or
        // explanation point (S.tie) recomputes the whole unit below.
        const n = r.values.length;
        const values = new Array<number | null>(n);
        const T = { tie: false };
        let tied: number[] | null = null;
        for (let k = 0; k < n; k++) {
          const x = r.values[k]!;
          if (x === null) {
            values[k] = null;
            continue;
          }
          values[k] = Scoring.P(x, sc, T);
          if (T.tie) {
            (tied ??= []).push(k);
            T.tie = false;
          }
        }
        let rawValues = r.values;
        if (tied) {
          const exact = this.exactSome(ev, tied);
          rawValues = r.values.slice();
          for (const k of tied) {
            const v = exact[k] ?? null;
            values[k] = v === null ? null : Qs.publish(v, this.d);
            rawValues[k] = v === null ? null : Qs.toNumber(v);
          }
        }
        return { id, name, groups: this.p.groupsOf(ev), score, raw: r.total, values, rawValues, findings: r.findings, excluded: r.excluded, explain: r.explain || NO_STEPS };
      }
    }
    const e = this.exactOf(ev, X);
    if (keep) keep[at!] = e;
    return Assemble.fromExact(this.d, id, name, this.p.groupsOf(ev), e);
  }

  /** Only the published total (and its unrounded value): what ranking analyses need, checked for ties there alone. */
  scoreTotal(id: string, ev: Record<string, unknown>): { score: number; raw: number } {
    const S = { tie: false };
    const r = this.p.scoreFast(ev, S, false);
    if (r.total === null) throw new ScoreError(id, Assemble.noScore(id));
    if (!S.tie) {
      const score = Scoring.P(r.total, this.sc, S);
      if (!S.tie) return { score, raw: r.total };
    }
    const e = this.p.scoreExact(ev, null, false);
    return { score: Qs.publish(e.total, this.d), raw: Qs.toNumber(e.total) };
  }

  validate(units: { id: string; evidence: unknown }[]): Flat[] {
    const issues: { unit: string; field?: string; message: string }[] = [];
    const flat: Flat[] = [];
    for (const u of units) {
      const r = this.schema().safeParse(u.evidence, { reportInput: true });
      if (!r.success) {
        for (const i of EvidenceRules.issues(r.error, this.p.fields)) issues.push({ unit: u.id, field: i.path, message: i.message });
        continue;
      }
      flat.push({ id: u.id, evidence: EvidenceRules.flatten(u.evidence as Record<string, unknown>, this.p.fields) });
    }
    if (issues.length) throw new EvidenceError(issues);
    return flat;
  }

  private input(scored: UnitScore[], exact: AssembleInput['exact'], options: Options | undefined, exactSome?: AssembleInput['exactSome'], exactTotal?: AssembleInput['exactTotal']): AssembleInput {
    return { ...this.p.spec, units: scored, baseline: options?.baseline ?? null, exact, record: this.p.recordOf, ...(exactSome ? { exactSome } : {}), ...(exactTotal ? { exactTotal } : {}) };
  }

  assemble(scored: UnitScore[], units: Flat[], options?: Options): Results {
    return Assemble.run(this.input(scored, (i) => this.exactOf(units[i]!.evidence, false), options));
  }

  /** For runs too large to hold: summary now, unit records one by one (evidence re-read by `exactAt` near ties). */
  summarize(scored: UnitScore[], exactAt: AssembleInput['exact'], options?: Options): ReturnType<typeof Assemble.summarize> {
    return Assemble.summarize(this.input(scored, exactAt, options));
  }

  /** Units already validated and flattened (as the CLI and the editor hold them) → results. */
  runValidated(units: Flat[], options?: Options): Results {
    const X = options?.explain !== false;
    const exact = new Array<Exact | undefined>(units.length);
    this.tables = options?.memo ? this.tablesOf(options.memo) : null;
    try {
      const scored = units.map((u, i) => this.scoreFlat(u.id, u.evidence, X, exact, i));
      // With a memo, an exact total (for a mean on a tie) is taken from the tops' memoised values.
      return Assemble.run(this.input(scored, (i) => exact[i] ?? this.exactOf(units[i]!.evidence, false), options,
        (i, ks) => exact[i]?.values ?? this.exactSome(units[i]!.evidence, ks),
        this.tables ? (i) => exact[i]?.total ?? this.exactTotal(units[i]!.evidence) : undefined));
    } finally {
      this.tables = null;
    }
  }

  run(units: { id: string; evidence: unknown }[], options?: Options): Results {
    return this.runValidated(this.validate(units), options);
  }

  scoreUnit(evidence: unknown): UnitResult {
    const e = evidence as { id?: unknown } | null;
    const id = e && typeof e.id === 'string' ? e.id : 'unit';
    return this.run([{ id, evidence }]).units[0]!;
  }
}
