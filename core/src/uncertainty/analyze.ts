/**
 * `analyzeUncertainty`: the whole analysis of one methodology over validated units. Pure (no files,
 * no clock, no `Math.random`): the same model, units and configuration always give the same result.
 */
import { engineParts } from '../codegen/engine.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import type { Model } from '../model/model.js';
import { configOf, MAX_SAMPLE, type UncertaintyOptions } from './config.js';
import { monteCarlo, nominalRun } from './monte-carlo.js';
import { nextBands } from './next-band.js';
import { weightPlan } from './perturb.js';
import { oneAtATime } from './sensitivity.js';
import { sobolIndices } from './sobol.js';
import type { UncertaintyResult } from './types.js';
import { unitSummaries } from './unit-summary.js';

/** Throws RangeError on a bad configuration, and the engine's ScoreError for a unit that has no score. */
export function analyzeUncertainty(model: Model, units: UnitInput[], options: UncertaintyOptions = {}): UncertaintyResult {
  const config = configOf(model, options);
  const parts = engineParts(model);
  const plan = weightPlan(model, parts);
  const grades = parts.spec.grades;
  const decimals = model.evaluation.decimals;
  const nominal = nominalRun(parts, units);
  if (units.length * config.runs > MAX_SAMPLE) {
    throw new RangeError(`runs: ${config.runs.toLocaleString('en-US')} runs over ${units.length.toLocaleString('en-US')} units is more than this analysis holds (${MAX_SAMPLE.toLocaleString('en-US')} unit-runs); lower runs to ${Math.floor(MAX_SAMPLE / Math.max(1, units.length)).toLocaleString('en-US')} or fewer`);
  }
  const swapped = config.imputation > 0 ? swappedPolicies(model) : undefined;
  const alternative = swapped ? (() => { const p = engineParts(swapped); return { parts: p, plan: weightPlan(swapped, p) }; })() : undefined;
  const sample = monteCarlo(parts, plan, units, nominal, config, alternative);
  const names = units.map((u) => (typeof u.evidence['name'] === 'string' && u.evidence['name'] !== '' ? u.evidence['name'] : u.id));
  const summaries = unitSummaries(units, names, nominal, sample, grades, config.threshold, decimals);
  if (config.maxChanges > 0) {
    const bands = nextBands(parts, model, units, nominal, config.maxChanges);
    const byId = new Map(units.map((u, i) => [u.id, bands[i]!]));
    for (const s of summaries) s.nextBand = byId.get(s.id)!;
  }
  const e = model.evaluation;
  const result: UncertaintyResult = {
    evaluation: { id: e.id, label: e.label, year: e.year, rulesHash: model.rulesHash, decimals },
    config,
    grades: grades.map((g) => ({ name: g.name, threshold: g.threshold })),
    units: summaries,
    indicators: oneAtATime(parts, plan, units, nominal, config.weights, config.steps),
  };
  if (config.sobol > 0) result.sobol = sobolIndices(parts, plan, units, nominal, config.weights, config.sobol, config.seed);
  return result;
}

/**
 * The model with every declared missing-evidence policy swapped (zero ↔ exclude): the alternative imputation
 * of the same evidence. Fields without a policy never miss a value (validation refuses it), so they stay.
 * Undefined when no field declares a policy: there is no alternative to draw.
 */
export function swappedPolicies(model: Model): Model | undefined {
  if (![...model.fields.values()].some((f) => f.missing !== 'error')) return undefined;
  const fields = new Map([...model.fields].map(([path, f]) => [path, f.missing === 'error' ? f : { ...f, missing: f.missing === 'zero' ? 'exclude' as const : 'zero' as const }]));
  return { ...model, fields };
}
