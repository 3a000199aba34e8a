import type { Model } from '../model/model.js';
import { specOf } from '../model/spec.js';
import type { Results } from '../results/types.js';
import { Assemble, type UnitScore } from '../runtime/assemble.js';
import { evaluateUnit, type Evidence, type ExactUnit } from './unit.js';

export interface UnitInput {
  id: string;
  /** Evidence as validated: a flat record keyed by dotted field path. */
  evidence: Evidence;
}

export class EvaluationError extends Error {
  constructor(readonly unit: string, message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

export function toUnitScore(model: Model, id: string, ev: Evidence, exact: ExactUnit): UnitScore {
  const d = model.evaluation.decimals;
  if (exact.total === null) throw new EvaluationError(id, Assemble.noScore(id));
  const groups: Record<string, string> = {};
  for (const g of model.groups) groups[g.id] = String(ev[g.field]);
  const name = typeof ev['name'] === 'string' && ev['name'] !== '' ? ev['name'] : id;
  return Assemble.fromExact(d, id, name, groups, { ...exact, total: exact.total });
}

/** Scores every unit with the reference semantics. Throws EvaluationError for a unit with no score. */
export function evaluate(model: Model, units: UnitInput[], options: { baseline?: Partial<Results> | null } = {}): Results {
  const exacts = units.map((u) => evaluateUnit(model, u.evidence));
  const scores = units.map((u, i) => toUnitScore(model, u.id, u.evidence, exacts[i]!));
  return Assemble.run({
    ...specOf(model), units: scores, baseline: options.baseline ?? null,
    exact: (i) => ({ values: exacts[i]!.values, total: exacts[i]!.total! }),
  });
}
