import { z } from 'zod';
import { Q } from '../numeric/exact.js';
import type { Model } from '../model/model.js';
import type { UnitInput } from '../evaluate/evaluate.js';
import { EvidenceRules, type FieldSpec } from '../runtime/evidence.js';

export interface RawUnit {
  id: string;
  /** Where the unit came from, for messages: a file, or `table.csv` row 12. */
  source: string;
  data: unknown;
}

export interface EvidenceProblem {
  source: string;
  unit: string;
  /** Dotted field path, or '' for the whole unit. */
  field: string;
  message: string;
}

export function fieldSpecs(model: Model): FieldSpec[] {
  return [...model.fields.values()].map((f) => {
    const spec: FieldSpec = { path: f.path, kind: f.type.kind, missing: f.missing };
    if (f.type.kind === 'number') {
      if (f.type.min) spec.min = Q.toNumber(f.type.min);
      if (f.type.max) spec.max = Q.toNumber(f.type.max);
    }
    if (f.type.kind === 'enum') spec.values = f.type.values;
    if (f.description) spec.description = f.description;
    return spec;
  });
}

const schemas = new WeakMap<Model, { schema: z.ZodType; specs: FieldSpec[] }>();

export function evidenceSchemaOf(model: Model): { schema: z.ZodType; specs: FieldSpec[] } {
  let s = schemas.get(model);
  if (!s) {
    const specs = fieldSpecs(model);
    s = { schema: EvidenceRules.schema(z, specs), specs };
    schemas.set(model, s);
  }
  return s;
}

/** Validates every unit and reports every problem of every unit at once; units are valid only if none has one. */
export function validateEvidence(model: Model, raw: RawUnit[]): { units: UnitInput[]; problems: EvidenceProblem[] } {
  const { schema, specs } = evidenceSchemaOf(model);
  const units: UnitInput[] = [];
  const problems: EvidenceProblem[] = [];
  const seen = new Map<string, string>();
  for (const u of raw) {
    // A repeated id is one problem more: the unit's own evidence is still checked, so all show at once.
    const prior = seen.get(u.id);
    const repeated = prior !== undefined;
    if (repeated) problems.push({ source: u.source, unit: u.id, field: '', message: `the unit id \`${u.id}\` is used twice (also by ${prior}); ids must be unique` });
    else seen.set(u.id, u.source);
    if (u.data === null || typeof u.data !== 'object' || Array.isArray(u.data)) {
      problems.push({ source: u.source, unit: u.id, field: '', message: `expected an object of evidence fields, found ${EvidenceRules.found(u.data)}` });
      continue;
    }
    const r = schema.safeParse(u.data, { reportInput: true });
    if (!r.success) {
      for (const issue of EvidenceRules.issues(r.error, specs)) problems.push({ source: u.source, unit: u.id, field: issue.path, message: issue.message });
      continue;
    }
    const data = u.data as Record<string, unknown>;
    if (typeof data['id'] === 'string' && data['id'] !== u.id) {
      problems.push({ source: u.source, unit: u.id, field: 'id', message: `the evidence says id \`${data['id']}\` but the file name says \`${u.id}\`; make them agree or drop \`id\`` });
      continue;
    }
    if (!repeated) units.push({ id: u.id, evidence: EvidenceRules.flatten(data, specs) });
  }
  return { units, problems };
}

/** A JSON Schema of one unit's evidence, for editors (`jsonValidation`). */
export function evidenceJsonSchema(model: Model): unknown {
  const { schema } = evidenceSchemaOf(model);
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...json, title: `Evidence of one unit — ${model.evaluation.label || model.evaluation.id}` };
}
