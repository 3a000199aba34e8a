/**
 * Why each step of a plan moves the score: the engine's explanation before and after the step, compared
 * rule by rule. Steps are applied one after another, so their gains add up to the plan's gain.
 */
import type { Engine } from '../codegen/instantiate.js';
import type { Model } from '../model/model.js';
import type { ExplainStep } from '../results/types.js';
import { Assemble } from '../runtime/assemble.js';
import { changeCost, type FieldRange } from './candidates.js';
import type { EvidenceChange, EvidenceValue, RuleEffect } from './types.js';

export interface Change { field: string; to: EvidenceValue }

export function attribute(engine: Engine, model: Model, id: string, evidence: Record<string, unknown>, changes: Change[],
  observed: Map<string, FieldRange>): { steps: EvidenceChange[]; score: number } {
  const d = model.evaluation.decimals;
  const counted = new Map(model.allIndicators.filter((i) => !i.observed).map((i) => [i.path, i.label]));
  let ev = evidence;
  let before = engine.scoreFlat(id, ev, true);
  const steps = changes.map((c): EvidenceChange => {
    const field = model.fields.get(c.field)!;
    const from = (ev[c.field] ?? null) as EvidenceValue;
    ev = { ...ev, [c.field]: c.to };
    const after = engine.scoreFlat(id, ev, true);
    const step: EvidenceChange = {
      field: c.field,
      ...(field.description ? { description: field.description } : {}),
      from, to: c.to,
      cost: changeCost(field, from, c.to, observed.get(c.field)),
      gain: Assemble.delta(after.score, before.score, d),
      rules: ruleEffects(before.explain, after.explain, counted),
    };
    before = after;
    return step;
  });
  return { steps, score: before.score };
}

interface Entry { indicator: string; rule: string; points: number | null; note?: string }

/** Explanation entries keyed by indicator, rule text and occurrence (a rule written twice stays two entries). */
function entries(explain: ExplainStep[], counted: Map<string, string>): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const e of explain) {
    if (!counted.has(e.indicator)) continue;
    let n = 0;
    while (out.has(`${e.indicator}\u0000${e.rule}\u0000${n}`)) n++;
    const excluded = e.note?.startsWith('excluded') === true;
    out.set(`${e.indicator}\u0000${e.rule}\u0000${n}`, { indicator: e.indicator, rule: e.rule, points: excluded ? null : e.points, ...(e.note ? { note: e.note } : {}) });
  }
  return out;
}

function ruleEffects(before: ExplainStep[], after: ExplainStep[], counted: Map<string, string>): RuleEffect[] {
  const b = entries(before, counted);
  const a = entries(after, counted);
  const out: RuleEffect[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = b.get(key);
    const y = a.get(key);
    const pb = x?.points ?? null;
    const pa = y?.points ?? null;
    if (pb === pa && x?.note === y?.note) continue;
    const e = (y ?? x)!;
    const note = y?.note ?? x?.note;
    out.push({ indicator: e.indicator, label: counted.get(e.indicator)!, rule: e.rule, before: pb, after: pa, ...(note ? { note } : {}) });
  }
  // Source order of the indicators, so a step reads like the rules file.
  const order = new Map([...counted.keys()].map((p, i) => [p, i]));
  return out.sort((x, y) => order.get(x.indicator)! - order.get(y.indicator)!);
}
