/**
 * The scoring engine as generated code. Its structure (`body`) depends only on the shape of the rules;
 * every number and shown text is passed in as data, so editing a weight or a threshold yields the same
 * body and the editor can reuse the warm, already-compiled function.
 */
import { Q, type Rational } from '../numeric/exact.js';
import { Qs } from '../numeric/small.js';
import type { Model } from '../model/model.js';
import { specOf } from '../model/spec.js';
import { fieldSpecs } from '../evidence/validate.js';
import { RUNTIME_SOURCE } from '../runtime/embedded.generated.js';
import { exactBackend, fastBackend, type Constants } from './backend.js';
import { genScorer, genTotal } from './scorer.js';
import { fingerprint } from '../util/fingerprint.js';

export const COMPILER_VERSION = '0.1.0';

export interface EngineParts {
  /** The code of `makeEngine(z, Q, Qs, Assemble, EvidenceRules, N, QN, T, SPEC, FIELDS, META)`. */
  body: string;
  nums: Rational[];
  strs: string[];
  /** Index into `nums` of each weighted indicator's weight. */
  weightSlots: Map<string, number>;
  spec: ReturnType<typeof specOf>;
  fields: ReturnType<typeof fieldSpecs>;
  meta: { evaluation: string; year: number | null; rulesHash: string; compilerVersion: string };
}

export const ENGINE_PARAMS = ['z', 'Q', 'Qs', 'Assemble', 'EvidenceRules', 'N', 'QN', 'T', 'SPEC', 'FIELDS', 'META'] as const;

export function engineParts(model: Model): EngineParts {
  const c: Constants = { nums: [], strs: [], weightSlots: new Map() };
  const fast = genScorer(model, fastBackend(c), c, 'scoreFast');
  const blocks = new Map<number, string>();
  const exact = genScorer(model, exactBackend(c), c, 'scoreExact', blocks);
  const memoKeys = exactMemoKeys(model, blocks);
  const groups = model.groups.map((g) => `${JSON.stringify(g.id)}: String(ev[${JSON.stringify(g.field)}])`).join(', ');
  const indIndex = new Map(model.allIndicators.map((ind, k) => [ind, k]));
  const subtree = (ind: (typeof model.allIndicators)[number]): number[] => [indIndex.get(ind)!, ...ind.children.flatMap(subtree)];
  const body = `'use strict';
const D = SPEC.info.decimals;
const SC = 10 ** D;
// Half-up publication of a float; raises S.tie when the float sits too near a rounding tie to be trusted.
function P(x, S) {
  const s = Math.abs(x) * SC;
  const fl = Math.floor(s);
  if (Math.abs(s - fl - 0.5) < 1e-6 || s > 9e15) S.tie = true;
  const r = Math.round(s) / SC;
  return x < 0 && r !== 0 ? -r : r;
}
// Comparisons of computed floats: too close to call means recompute the unit exactly.
function near(a, b, S) { if (Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a) + Math.abs(b))) S.tie = true; }
function cmpEq(a, b, S) { near(a, b, S); return a === b; }
function cmpNe(a, b, S) { near(a, b, S); return a !== b; }
function cmpLt(a, b, S) { near(a, b, S); return a < b; }
function cmpLe(a, b, S) { near(a, b, S); return a <= b; }
function cmpGt(a, b, S) { near(a, b, S); return a > b; }
function cmpGe(a, b, S) { near(a, b, S); return a >= b; }
${fast}
${exact}
class EvidenceError extends Error {
  constructor(issues) {
    super('Invalid evidence:\\n' + issues.map((i) => '  ' + i.unit + (i.field ? ' ' + i.field : '') + ': ' + i.message).join('\\n'));
    this.name = 'EvidenceError';
    this.issues = issues;
  }
}
class ScoreError extends Error {
  constructor(unit, message) { super(message); this.name = 'ScoreError'; this.unit = unit; }
}
// Built on first use: analyses instantiate engines by the thousand and never validate.
let schemaMemo = null;
const schemaOf = () => (schemaMemo ??= EvidenceRules.schema(z, FIELDS));
function groupsOf(ev) { return { ${groups} }; }
// Each indicator's subtree (itself and every descendant), for exact recomputation of some values only.
const SUB = ${JSON.stringify(model.allIndicators.map(subtree))};
const MASK1 = [];
let maskKey = null, maskMemo = null;
/**
 * The mask \`scoreExact\` takes: the indicators \`ks\` and their subtrees. One tied value is the common case:
 * its mask is kept per indicator; for several, the last set is kept, since a summary repeats it per unit.
 */
function maskOf(ks) {
  if (ks.length === 1 && MASK1[ks[0]]) return MASK1[ks[0]];
  const key = ks.length === 1 ? null : ks.join(',');
  if (key !== null && key === maskKey) return maskMemo;
  const m = new Uint8Array(SUB.length);
  for (const k of ks) for (const j of SUB[k]) m[j] = 1;
  if (key === null) return (MASK1[ks[0]] = m);
  maskKey = key;
  return (maskMemo = m);
}
// A caller's memo of exact values across runs (the editor's, between keystrokes): one table per indicator
// and key (the code of its subtree and the numbers it reads), from evidence object to exact value.
const XK = ${JSON.stringify(memoKeys)};
let xkeys = null;
const MEMO_LIMIT = 4 * XK.length + 16;
let TABLES = null;
function tablesOf(memo) {
  xkeys ??= XK.map((x) => x && x[0] + '|' + x[1].map((i) => String(QN[i])).join(';'));
  const tables = xkeys.map((key) => {
    if (key === null) return null;
    let t = memo.get(key);
    if (t) memo.delete(key);
    else t = new WeakMap();
    memo.set(key, t);
    return t;
  });
  // Least recently used keys go first; those of this run were just touched.
  for (const key of memo.keys()) { if (memo.size <= MEMO_LIMIT) break; memo.delete(key); }
  return tables;
}
const KIDS = ${JSON.stringify(model.allIndicators.map((ind) => ind.children.map((ch) => indIndex.get(ch)!)))};
const TOPS = ${JSON.stringify(model.indicators.filter((t) => t.weight !== null).map((t) => indIndex.get(t)!))};
const PLAN = new Uint8Array(SUB.length);
const KNOWN = new Array(SUB.length);
/** Marks what unit \`ev\` needs for indicator k: its memoised value (2), or computing it (1) from its children's. */
function plan(ev, k) {
  const t = TABLES[k];
  const v = t === null ? undefined : t.get(ev);
  if (v !== undefined) { PLAN[k] = 2; KNOWN[k] = v; return; }
  PLAN[k] = 1;
  for (const c of KIDS[k]) if (PLAN[c] === 0) plan(ev, c);
}
/** Exact values of one unit at indicators \`ks\` (other entries may be missing): what the memo lacks is computed and kept. */
function exactSome(ev, ks) {
  if (!TABLES) return scoreExact(ev, null, false, maskOf(ks)).values;
  PLAN.fill(0);
  let compute = false;
  for (const k of ks) { if (PLAN[k] === 0) plan(ev, k); if (PLAN[k] === 1) compute = true; }
  if (!compute) return KNOWN; // read at once by every caller, before the next unit
  const values = scoreExact(ev, null, false, PLAN, KNOWN);
  for (let k = 0; k < PLAN.length; k++) if (PLAN[k] === 1 && TABLES[k] !== null) TABLES[k].set(ev, values.values[k]);
  return values.values;
}
/** The exact total of one unit from its top indicators' exact values (with a memo: mostly memoised). */
function exactTotal(ev) {
  const v = exactSome(ev, TOPS);
  let total;
${genTotal(model, exactBackend(c), (k) => `v[${k}]`).map((l) => `  ${l}`).join('\n')}
  return total;
}
// Units scored without explanations share one empty list (a preview of 3,000 units made 3,000 of them).
const NO_STEPS = Object.freeze([]);
function exactOf(ev, X = true) {
  const r = scoreExact(ev, null, X);
  return { values: r.values, total: r.total, findings: r.findings, excluded: r.excluded, explain: r.explain ?? [] };
}
/**
 * One validated, flattened unit → its published figures; exact arithmetic only where floats could mislead.
 * \`keep\` (optional) receives the exact values when the unit was recomputed, for \`assemble\` to reuse.
 */
function scoreFlat(id, ev, X, keep, at) {
  const name = typeof ev.name === 'string' && ev.name !== '' ? ev.name : id;
  const S = { tie: false };
  const r = scoreFast(ev, S, X);
  if (r.total === null) throw new ScoreError(id, Assemble.noScore(id));
  if (!S.tie) {
    const score = P(r.total, S);
    if (!S.tie) {
      // Values near a rounding tie are recomputed exactly, alone (with their subtrees); a near comparison or a
      // tied total or explanation point (S.tie) recomputes the whole unit below.
      const n = r.values.length;
      const values = new Array(n);
      const T = { tie: false };
      let tied = null;
      for (let k = 0; k < n; k++) {
        const x = r.values[k];
        if (x === null) { values[k] = null; continue; }
        values[k] = P(x, T);
        if (T.tie) { (tied ??= []).push(k); T.tie = false; }
      }
      let rawValues = r.values;
      if (tied) {
        const exactValues = exactSome(ev, tied);
        rawValues = r.values.slice();
        for (const k of tied) {
          const v = exactValues[k];
          values[k] = v === null ? null : Qs.publish(v, D);
          rawValues[k] = v === null ? null : Qs.toNumber(v);
        }
      }
      return { id, name, groups: groupsOf(ev), score, raw: r.total, values, rawValues, findings: r.findings, excluded: r.excluded, explain: r.explain || NO_STEPS };
    }
  }
  const e = exactOf(ev, X);
  if (keep) keep[at] = e;
  return Assemble.fromExact(D, id, name, groupsOf(ev), e);
}
/** Only the published total (and its unrounded value): what ranking analyses need, checked for ties there alone. */
function scoreTotal(id, ev) {
  const S = { tie: false };
  const r = scoreFast(ev, S, false);
  if (r.total === null) throw new ScoreError(id, Assemble.noScore(id));
  if (!S.tie) {
    const score = P(r.total, S);
    if (!S.tie) return { score, raw: r.total };
  }
  const e = scoreExact(ev, null, false);
  return { score: Qs.publish(e.total, D), raw: Qs.toNumber(e.total) };
}
function validate(units) {
  const issues = [];
  const flat = [];
  for (const u of units) {
    const r = schemaOf().safeParse(u.evidence, { reportInput: true });
    if (!r.success) { for (const i of EvidenceRules.issues(r.error, FIELDS)) issues.push({ unit: u.id, field: i.path, message: i.message }); continue; }
    flat.push({ id: u.id, evidence: EvidenceRules.flatten(u.evidence, FIELDS) });
  }
  if (issues.length) throw new EvidenceError(issues);
  return flat;
}
/** Units already validated and flattened (as the CLI and the editor hold them) → results. */
// A unit's \`indicators\` record as one object literal: V8 builds it with a single shape, no per-key transitions.
function recordOf(v) {
  let x;
  return { ${model.allIndicators.map((ind, k) => `${JSON.stringify(ind.path)}: (x = v[${k}]) == null || x !== x ? null : x`).join(', ')} };
}
function assembleInput(scored, exactAt, options, exactSome, exactTotal) {
  return { ...SPEC, units: scored, baseline: options?.baseline ?? null, exact: exactAt, record: recordOf, ...(exactSome ? { exactSome } : {}), ...(exactTotal ? { exactTotal } : {}) };
}
function assemble(scored, units, options) {
  return Assemble.run(assembleInput(scored, (i) => exactOf(units[i].evidence, false), options));
}
/** For runs too large to hold: summary now, unit records one by one (evidence re-read by \`exactAt\` near ties). */
function summarize(scored, exactAt, options) {
  return Assemble.summarize(assembleInput(scored, exactAt, options));
}
function runValidated(units, options) {
  const X = options?.explain !== false;
  const exact = new Array(units.length);
  TABLES = options?.memo ? tablesOf(options.memo) : null;
  try {
    const scored = units.map((u, i) => scoreFlat(u.id, u.evidence, X, exact, i));
    // With a memo, an exact total (for a mean on a tie) is taken from the tops' memoised values.
    return Assemble.run(assembleInput(scored, (i) => exact[i] ?? exactOf(units[i].evidence, false), options,
      (i, ks) => exact[i]?.values ?? exactSome(units[i].evidence, ks),
      TABLES ? (i) => exact[i]?.total ?? exactTotal(units[i].evidence) : undefined));
  } finally {
    TABLES = null;
  }
}
function run(units, options) { return runValidated(validate(units), options); }
function scoreUnit(evidence) {
  const id = evidence && typeof evidence.id === 'string' ? evidence.id : 'unit';
  return run([{ id, evidence }]).units[0];
}
return { meta: META, get evidenceSchema() { return schemaOf(); }, scoreUnit, run, runValidated, scoreFlat, scoreTotal, assemble, summarize, exactValues: (ev) => exactOf(ev, false), EvidenceError, ScoreError };`;
  return {
    body, nums: c.nums, strs: c.strs, weightSlots: c.weightSlots, spec: specOf(model), fields: fieldSpecs(model),
    meta: { evaluation: model.evaluation.id, year: model.evaluation.year, rulesHash: model.rulesHash, compilerVersion: COMPILER_VERSION },
  };
}

/**
 * Each indicator's memo key, as [fingerprint of its subtree's exact code, slots of the numbers that code
 * reads] (null for an indicator without code: its value is always null). The code is normalised so that
 * positions elsewhere in the rules do not matter: fields by path, numbers by slot order, the indicator's own
 * variable and its children's by role, scratch variables and finding flags by order of use. An edit then
 * changes the keys of the indicators whose values it can change (and their ancestors), no others.
 */
function exactMemoKeys(model: Model, blocks: Map<number, string>): ([string, number[]] | null)[] {
  const fieldPaths = [...model.fields.values()].map((f) => f.path);
  const index = new Map(model.allIndicators.map((ind, k) => [ind, k]));
  const keys: ([string, number[]] | null)[] = new Array(model.allIndicators.length).fill(null);
  const keyOf = (ind: Model['allIndicators'][number]): [string, number[]] | null => {
    const k = index.get(ind)!;
    const kids = ind.children.map(keyOf);
    const block = blocks.get(k);
    if (block === undefined) return (keys[k] = null);
    const role = new Map<number, string>([[k, '@'], ...ind.children.map((ch, i) => [index.get(ch)!, `<${i}>`] as [number, string])]);
    const slots: number[] = [];
    const scratch = new Map<string, number>();
    const text = block.replace(/\bQN\[(\d+)\]|\bT\[\d+\]|\b([fqvzth])(\d+)\b/g, (all, slot: string | undefined, kind: string | undefined, i: string | undefined) => {
      if (slot !== undefined) { slots.push(Number(slot)); return 'QN#'; }
      if (kind === undefined) return 'T#';
      if (kind === 'f' || kind === 'q') return `${kind}⟨${fieldPaths[Number(i)]}⟩`;
      if (kind === 'v' || kind === 'z') return `${kind}${role.get(Number(i)) ?? i}`;
      const name = `${kind}${i}`;
      if (!scratch.has(name)) scratch.set(name, scratch.size);
      return `${kind}#${scratch.get(name)}`;
    });
    const key = fingerprint(`${text}\u0000${kids.map((x) => (x ? x[0] : '-')).join(',')}`);
    return (keys[k] = [key, [...slots, ...kids.flatMap((x) => (x ? x[1] : []))]]);
  };
  for (const top of model.indicators) keyOf(top);
  return keys;
}

/** Embedded runtime: the very classes the evaluator uses, as source (see scripts/build-runtime.mjs). */
export function runtimeSource(): string {
  return RUNTIME_SOURCE.trimEnd();
}

/** In the form `Qs` computes fastest: doubles while they hold the terms exactly. */
function rationalLiteral(q: Rational): string {
  const s = Qs.small(q);
  return typeof s[0] === 'number' ? `[${s[0]}, ${s[1]}]` : `[${q[0]}n, ${q[1]}n]`;
}

/** Safe inside a JS string or template: JSON plus escapes for line separators. */
export function jsLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The standalone ES module `rubric compile` writes: imports nothing but zod. */
export function generateEngine(model: Model): string {
  const p = engineParts(model);
  return `// Scoring engine for "${p.meta.evaluation}", generated by Rubric ${COMPILER_VERSION}. Do not edit: change the
// .rubric file and run \`rubric compile\` again. Rules: ${p.meta.rulesHash}
import { z } from 'zod';

${runtimeSource()}

function makeEngine(${ENGINE_PARAMS.join(', ')}) {
${p.body}
}

const engine = makeEngine(
  z, Q, Qs, Assemble, EvidenceRules,
  ${jsLiteral(p.nums.map((q) => Q.toNumber(q)))},
  [${p.nums.map(rationalLiteral).join(', ')}],
  ${jsLiteral(p.strs)},
  ${jsLiteral(p.spec)},
  ${jsLiteral(p.fields)},
  ${jsLiteral(p.meta)},
);

/** { evaluation, year, rulesHash, compilerVersion } */
export const meta = engine.meta;
/** A zod schema of one unit's evidence. */
export const evidenceSchema = engine.evidenceSchema;
/** Scores one unit's evidence (throws EvidenceError on invalid evidence); its rank is among itself. */
export const scoreUnit = engine.scoreUnit;
/** Scores units [{ id, evidence }] → the results.json that \`rubric run\` writes. */
export const run = engine.run;
export const runValidated = engine.runValidated;
export const EvidenceError = engine.EvidenceError;
export const ScoreError = engine.ScoreError;
`;
}
