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
import { genScorer, genTotal, TOP_PIECE_PARAMS, type ScorerParts, type TopPiece } from './scorer.js';
import { fingerprint } from '../util/fingerprint.js';
import { COMPILER_VERSION } from '../version.js';

export { COMPILER_VERSION };

export interface EngineParts {
  /** The code of `makeEngine(...ENGINE_PARAMS)`: the rules' scorers and shape over the shared runtime. */
  body: string;
  /**
   * The indicators' float code, one piece per top-level indicator (scorer.ts, `TopPiece`): compiled apart
   * from the body and cached by its own text, so an edit leaves the tops it does not touch warm. The body
   * receives them joined as the parameter `scoreFastValues` (`Scoring.valuesOf`).
   */
  fastTops: TopPiece[];
  /**
   * The code of `function recordOf(v)`, a unit's \`indicators\` record as one object literal (V8 builds it
   * with a single shape, no per-key transitions): compiled apart like `fastTops`, as it depends only on
   * the indicators' paths. The body receives it as the parameter `recordOf`.
   */
  record: string;
  nums: Rational[];
  strs: string[];
  /** Index into `nums` of each weighted indicator's weight. */
  weightSlots: Map<string, number>;
  spec: ReturnType<typeof specOf>;
  fields: ReturnType<typeof fieldSpecs>;
  meta: { evaluation: string; year: number | null; rulesHash: string; compilerVersion: string };
}

export const ENGINE_PARAMS = ['z', 'Q', 'Qs', 'Assemble', 'EvidenceRules', 'Scoring', 'EvidenceError', 'ScoreError', 'scoreFastValues', 'recordOf', 'N', 'QN', 'T', 'SPEC', 'FIELDS', 'META'] as const;

export function engineParts(model: Model): EngineParts {
  const c: Constants = { nums: [], strs: [], weightSlots: new Map() };
  const parts: ScorerParts = { blocks: new Map(), tops: [] };
  const fast = genScorer(model, fastBackend(c), c, 'scoreFast', parts);
  const exact = genScorer(model, exactBackend(c), c, 'scoreExact', parts);
  const memoKeys = exactMemoKeys(model, parts.blocks);
  const groups = model.groups.map((g) => `${JSON.stringify(g.id)}: String(ev[${JSON.stringify(g.field)}])`).join(', ');
  const indIndex = new Map(model.allIndicators.map((ind, k) => [ind, k]));
  const subtree = (ind: (typeof model.allIndicators)[number]): number[] => [indIndex.get(ind)!, ...ind.children.flatMap(subtree)];
  const body = `'use strict';
const D = SPEC.info.decimals;
${fast}
${exact}
function totalOf(v) {
  let total;
${genTotal(model, exactBackend(c), (k) => `v[${k}]`).map((l) => `  ${l}`).join('\n')}
  return total;
}
function groupsOf(ev) { return { ${groups} }; }
// Everything else an engine does is the shared runtime's (Scoring), warm across every body compiled.
const R = new Scoring({
  scoreFast, scoreExact, totalOf, groupsOf, recordOf, qn: QN, spec: SPEC, fields: FIELDS, z,
  // Each indicator's subtree (itself and every descendant), children, and the weighted tops.
  sub: ${JSON.stringify(model.allIndicators.map(subtree))},
  kids: ${JSON.stringify(model.allIndicators.map((ind) => ind.children.map((ch) => indIndex.get(ch)!)))},
  tops: ${JSON.stringify(model.indicators.filter((t) => t.weight !== null).map((t) => indIndex.get(t)!))},
  // Keys of each indicator's exact values in a caller's memo (see exactMemoKeys).
  memoKeys: ${JSON.stringify(memoKeys)},
});
return {
  meta: META,
  get evidenceSchema() { return R.schema(); },
  scoreUnit: (evidence) => R.scoreUnit(evidence),
  run: (units, options) => R.run(units, options),
  runValidated: (units, options) => R.runValidated(units, options),
  scoreFlat: (id, ev, X, keep, at) => R.scoreFlat(id, ev, X, keep, at),
  scoreTotal: (id, ev) => R.scoreTotal(id, ev),
  assemble: (scored, units, options) => R.assemble(scored, units, options),
  summarize: (scored, exactAt, options) => R.summarize(scored, exactAt, options),
  exactValues: (ev) => R.exactOf(ev, false),
  EvidenceError, ScoreError,
};`;
  return {
    body, fastTops: parts.tops,
    record: `function recordOf(v) {\n  let x;\n  return { ${model.allIndicators.map((ind, k) => `${JSON.stringify(ind.path)}: (x = v[${k}]) == null || x !== x ? null : x`).join(', ')} };\n}`,
    nums: c.nums, strs: c.strs, weightSlots: c.weightSlots, spec: specOf(model), fields: fieldSpecs(model),
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

${p.fastTops.map((t, i) => `function makeTop${i}(${TOP_PIECE_PARAMS.join(', ')}) {\nreturn ${t.code};\n}`).join('\n\n')}

${p.record}

function makeEngine(${ENGINE_PARAMS.join(', ')}) {
${p.body}
}

const NUMS = ${jsLiteral(p.nums.map((q) => Q.toNumber(q)))};
const TEXTS = ${jsLiteral(p.strs)};
const SPEC = ${jsLiteral(p.spec)};
const engine = makeEngine(
  z, Q, Qs, Assemble, EvidenceRules, Scoring, EvidenceError, ScoreError,
  Scoring.valuesOf([
${p.fastTops.map((t, i) => `    makeTop${i}(${JSON.stringify(t.nums)}.map((i) => NUMS[i]), ${JSON.stringify(t.strs)}.map((i) => TEXTS[i]), ${JSON.stringify(t.values)}, ${JSON.stringify(t.flags)}, 10 ** SPEC.info.decimals, Scoring),`).join('\n')}
  ], ${model.allIndicators.length}),
  recordOf,
  NUMS,
  [${p.nums.map(rationalLiteral).join(', ')}],
  TEXTS,
  SPEC,
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
export { EvidenceError, ScoreError };
`;
}
