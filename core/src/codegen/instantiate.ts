/**
 * The generated engine, compiled in memory: what the editor previews with. The compiled function is
 * cached by its body, so an edit that changes only numbers or texts reuses the warm function.
 */
import { z } from 'zod';
import { Q, type Rational } from '../numeric/exact.js';
import { Qs, type AnyRational } from '../numeric/small.js';
import type { Model } from '../model/model.js';
import type { Results, UnitResult } from '../results/types.js';
import { Assemble, type UnitScore } from '../runtime/assemble.js';
import { EvidenceRules } from '../runtime/evidence.js';
import { EvidenceError, ScoreError, Scoring, type ExactMemo, type TopFn } from '../runtime/scoring.js';
import { ENGINE_PARAMS, engineParts, type EngineParts } from './engine.js';
import { TOP_PIECE_PARAMS } from './scorer.js';
import type { UnitInput } from '../evaluate/evaluate.js';

export interface Engine {
  meta: { evaluation: string; year: number | null; rulesHash: string; compilerVersion: string };
  evidenceSchema: z.ZodType;
  scoreUnit(evidence: unknown): UnitResult;
  run(units: { id: string; evidence: unknown }[], options?: { baseline?: Partial<Results> | null }): Results;
  /** One validated, flattened unit → its published figures (no ranks); `explain: false` skips explanations. */
  scoreFlat(id: string, evidence: Record<string, unknown>, explain: boolean): UnitScore;
  /** Scores from `scoreFlat` (in the order of `units`) → results; `units` serve exact recomputation near ties. */
  assemble(scored: UnitScore[], units: UnitInput[], options?: { baseline?: Partial<Results> | null }): Results;
  /** Summary without unit records, for streaming large runs; `exactAt(i)` gives unit i's exact values near ties. */
  summarize(scored: UnitScore[], exactAt: (i: number) => { values: (AnyRational | null)[]; total: AnyRational }, options?: { baseline?: Partial<Results> | null }): { results: Results; order: UnitScore[]; unit: (u: UnitScore) => UnitResult };
  /** A unit's exact values (what the fast path falls back to). */
  exactValues(evidence: Record<string, unknown>): { values: (AnyRational | null)[]; total: AnyRational };
  /** Only the published total and its unrounded value, with ties checked there alone: for ranking analyses. */
  scoreTotal(id: string, evidence: Record<string, unknown>): { score: number; raw: number };
  /**
   * Units already validated and flattened by `validateEvidence`. With `memo`, exact values computed near
   * rounding ties are kept there, by evidence object and by the code and numbers that computed them, for
   * the next run over the same unit objects: an edit recomputes exactly only the values it can change.
   */
  runValidated(units: UnitInput[], options?: { baseline?: Partial<Results> | null; explain?: boolean; memo?: ExactMemo }): Results;
}

export type { ExactMemo };

type Factory = (...args: unknown[]) => Engine;

type TopFactory = (...args: unknown[]) => TopFn;
const bodies = new Map<string, Factory>();
const fastTops = new Map<string, TopFactory>();
const records = new Map<string, (v: unknown[]) => unknown>();
const MAX_CACHED = 16;

/** `reused`: every compiled function came from the cache; `warm` says which did (`tops`: per top-level indicator). */
export type Instantiated = Engine & { reused: boolean; warm: { body: boolean; tops: boolean[]; record: boolean } };

export function instantiateEngine(model: Model): Instantiated {
  return instantiateParts(engineParts(model));
}

/**
 * An engine from generated parts, optionally with other numbers (same length and slots as `parts.nums`):
 * how an analysis re-scores under perturbed weights without generating code again.
 */
export function instantiateParts(p: EngineParts, nums: Rational[] = p.nums, spec: EngineParts['spec'] = p.spec): Instantiated {
  // Both are our own generated code; evidence never reaches them as code, only as data.
  const [factory, bodyReused] = cached(bodies, p.body, () => new Function(...ENGINE_PARAMS, p.body) as Factory);
  const floats = nums.map((q) => Q.toNumber(q));
  const sc = 10 ** spec.info.decimals;
  const topsReused: boolean[] = [];
  const tops = p.fastTops.map((t) => {
    const [makeTop, reused] = cached(fastTops, t.code, () => new Function(...TOP_PIECE_PARAMS, `'use strict';\nreturn ${t.code};`) as TopFactory);
    topsReused.push(reused);
    return makeTop(t.nums.map((i) => floats[i]), t.strs.map((i) => p.strs[i]), t.values, t.flags, sc, Scoring);
  });
  const [recordOf, recordReused] = cached(records, p.record, () => new Function(`'use strict';\nreturn ${p.record};`)() as (v: unknown[]) => unknown);
  const scoreFastValues = Scoring.valuesOf(tops, p.spec.indicators.length);
  const engine = factory(z, Q, Qs, Assemble, EvidenceRules, Scoring, EvidenceError, ScoreError, scoreFastValues, recordOf, floats, nums.map((q) => Qs.small(q)), p.strs, spec, p.fields, p.meta);
  return Object.assign(engine, { reused: bodyReused && recordReused && topsReused.every(Boolean), warm: { body: bodyReused, tops: topsReused, record: recordReused } });
}

/**
 * Compiled functions by their code, the last MAX_CACHED of each kind: an edit that changes only numbers or
 * texts reuses every one warm; one that leaves an indicator's code alone reuses its top's piece, and `recordOf`.
 */
function cached<F>(cache: Map<string, F>, code: string, compile: () => F): [F, boolean] {
  const hit = cache.get(code);
  if (hit) return [hit, true];
  const made = compile();
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(code, made);
  return [made, false];
}
