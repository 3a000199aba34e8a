/** The 2022 example loaded once per section: rules, model, its 55 units (raw and validated), baseline. */
import { analyze, validateEvidence, type Analysis, type Model, type RawUnit, type Results, type UnitInput } from '@rubric/core';
import { BASELINE_2021, RULES_2022, readText } from './env.js';
import { cities, rawUnits, syntheticUnits, type CityFile } from './generate.js';
import { scoreHandwritten } from '../fixtures/handwritten-2022.js';

export interface Example {
  text: string;
  analysis: Analysis;
  model: Model;
  cities: CityFile[];
  raw: RawUnit[];
  units: UnitInput[];
  baseline: Partial<Results>;
}

export function load2022(): Example {
  const text = readText(RULES_2022);
  const analysis = analyze(text);
  if (analysis.hasErrors) throw new Error(`rules.rubric has errors: ${analysis.diagnostics.map((d) => d.message).join('; ')}`);
  const list = cities();
  const raw = rawUnits(list);
  const units = validated(analysis.model, raw);
  return { text, analysis, model: analysis.model, cities: list, raw, units, baseline: JSON.parse(readText(BASELINE_2021)) as Partial<Results> };
}

/** Validated, flattened units; throws if any is invalid (the generators must produce valid evidence). */
export function validated(model: Model, raw: RawUnit[]): UnitInput[] {
  const v = validateEvidence(model, raw);
  if (v.problems.length) throw new Error(`invalid evidence: ${v.problems.slice(0, 3).map((p) => `${p.unit} ${p.field}: ${p.message}`).join('; ')}`);
  return v.units;
}

export function syntheticValidated(ex: Example, n: number): UnitInput[] {
  return validated(ex.model, syntheticUnits(ex.model, ex.cities, n));
}

/**
 * Splits units by the engine's path: a unit any of whose published figures (indicator values and total)
 * sits within the engine's tie window of a rounding tie (|scaled fraction − ½| < 1e-6, the criterion of
 * the generated `P`) is recomputed by the exact scorer; the others take the float path only. The figures
 * are those of the hand-written scorer, equal to the engine's within 1e-9 (checked in section 2).
 */
export function byEnginePath(units: UnitInput[], decimals = 2): { fast: UnitInput[]; tied: UnitInput[] } {
  const fast: UnitInput[] = [];
  const tied: UnitInput[] = [];
  const scale = 10 ** decimals;
  const nearTie = (x: number) => {
    const s = Math.abs(x) * scale;
    return Math.abs(s - Math.floor(s) - 0.5) < 1e-6;
  };
  for (const u of units) {
    const h = scoreHandwritten(u.id, u.evidence);
    const tie = nearTie(h.raw) || h.rawValues.some((v) => v !== null && nearTie(v));
    (tie ? tied : fast).push(u);
  }
  return { fast, tied };
}
