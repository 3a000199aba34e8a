/** Rules and evidence for the uncertainty tests, read as the CLI would (validated, flattened units). */
import fs from 'node:fs';
import path from 'node:path';
import { analyze, validateEvidence, type Model, type UnitInput } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';

export const GOV = path.join(ROOT, 'examples/gov-service-2022');
export const FIXTURES = path.join(ROOT, 'tests/uncertainty/fixtures');

export function rules(file: string): Model {
  const a = analyze(fs.readFileSync(file, 'utf8'));
  if (a.hasErrors) throw new Error(`${file}: ${a.diagnostics.map((d) => d.message).join('; ')}`);
  return a.model;
}

export function units(model: Model, data: Record<string, unknown>): UnitInput[] {
  const v = validateEvidence(model, Object.entries(data).map(([id, d]) => ({ id, source: id, data: d })));
  if (v.problems.length) throw new Error(v.problems.map((p) => `${p.unit}: ${p.message}`).join('; '));
  return v.units;
}

/** The 2022 example: its rules and its 55 cities. */
export function gov2022(): { model: Model; units: UnitInput[] } {
  const model = rules(path.join(GOV, 'rules.rubric'));
  const dir = path.join(GOV, 'evidence');
  const data = Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]));
  return { model, units: units(model, data) };
}
