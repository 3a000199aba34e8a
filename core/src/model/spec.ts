/**
 * The static part of results (evaluation info, indicator list, grades, groups, findings) as plain data.
 * The evaluator passes it to `Assemble.run`; the code generator embeds the same data in the engine.
 */
import { Q } from '../numeric/exact.js';
import type { AssembleInput } from '../runtime/assemble.js';
import type { Model } from './model.js';

export type Spec = Omit<AssembleInput, 'units' | 'exact' | 'baseline'>;

/** Weights are published with at least 4 decimals, so 1/3-style effective weights stay readable. */
export function specOf(model: Model): Spec {
  const wd = Math.max(4, model.evaluation.decimals);
  const e = model.evaluation;
  return {
    info: { id: e.id, label: e.label, year: e.year, decimals: e.decimals, scale: { min: Q.publish(e.scale.min, 10), max: Q.publish(e.scale.max, 10) }, rulesHash: model.rulesHash },
    indicators: model.allIndicators.map((i) => ({
      path: i.path, label: i.label,
      weight: i.weight === null ? null : Q.publish(i.weight, wd),
      effectiveWeight: i.effectiveWeight === null ? null : Q.publish(i.effectiveWeight, wd),
      observed: i.observed, ...(i.scenario ? { scenario: i.scenario } : {}), ...(i.parent ? { parent: i.parent } : {}),
    })),
    grades: model.grades.map((g) => ({ name: g.name, threshold: g.threshold === null ? null : Q.publish(g.threshold, 10) })),
    groups: model.groups.map((g) => {
      const f = model.fields.get(g.field);
      return { id: g.id, label: g.label, field: g.field, values: f?.type.kind === 'enum' ? f.type.values : null };
    }),
    scenarios: model.scenarios.map((s) => ({ id: s.id, label: s.label, observed: s.observed })),
    findings: model.findings.map((f) => ({ id: f.id, message: f.message, kind: f.kind, ...(f.indicator ? { indicator: f.indicator } : {}), observed: f.observed })),
    observedScenarios: model.scenarios.filter((s) => s.observed).map((s) => s.id),
  };
}
