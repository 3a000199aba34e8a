/**
 * One model over one evidence set: validate the evidence against the model's `evidence` block (memoised
 * while the block's meaning is unchanged: most keystrokes do not touch it), then score the valid units
 * with the generated engine (in memory) exactly as `rubric run` does.
 */
import { showType, validateEvidence, type EvidenceProblem, type Model, type Results, type UnitInput } from '@rubric/core';
import type { EngineCache } from './engines.js';
import type { Baseline, EvidenceSet } from './evidence-set.js';

export interface Scored {
  results?: Results;
  /** Why there are no results. */
  reason?: string;
  /** Evidence problems: reading the files, and validating them against this model. */
  problems: EvidenceProblem[];
  /** The valid units, flat (`site.reachable` keys), as the engine scored them. */
  units: UnitInput[];
}

const validations = new WeakMap<EvidenceSet, { key: string; value: ReturnType<typeof validateEvidence> }>();

function fieldsKey(model: Model): string {
  let key = '';
  for (const f of model.fields.values()) key += `${f.path}:${showType(f.type)}:${f.missing};`;
  return key;
}

export function validate(model: Model, set: EvidenceSet): ReturnType<typeof validateEvidence> {
  const key = fieldsKey(model);
  const memo = validations.get(set);
  if (memo?.key === key) return memo.value;
  const value = validateEvidence(model, set.units);
  validations.set(set, { key, value });
  return value;
}

export function score(model: Model, set: EvidenceSet, baseline: Baseline | undefined, engines: EngineCache): Scored {
  const validated = validate(model, set);
  const problems = [...set.problems, ...validated.problems];
  if (validated.units.length === 0) {
    return { reason: set.units.length ? 'No unit has valid evidence.' : 'No evidence matches the preview pattern.', problems, units: [] };
  }
  try {
    const engine = engines.get(model);
    const results = engine.runValidated(validated.units, { baseline: baseline?.results ?? null, explain: false, memo: engines.memo });
    return { results, problems, units: validated.units };
  } catch (e) {
    const err = e as Error;
    return { reason: err.message, problems, units: validated.units };
  }
}
