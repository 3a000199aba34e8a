// The baseline's schema, apart from shared.ts so that `rubric check` does not load zod.
import type { Results } from '@rubric/core';
import { z } from 'zod';
import { readText, UsageError } from './shared.js';

/** What a baseline may hold: any subset of results.json, but every figure it has must be a finite number. */
const figure = z.number({ error: 'expected a number' }).finite('expected a finite number');
const baselineSchema = z.looseObject({
  evaluation: z.looseObject({ id: z.string().optional(), label: z.string().optional(), year: z.number().nullable().optional() }).optional(),
  summary: z.looseObject({
    mean: figure.optional(),
    indicators: z.record(z.string(), z.looseObject({ mean: figure.nullable().optional() })).optional(),
  }).optional(),
  units: z.array(z.looseObject({ id: z.string(), score: figure.optional(), rank: figure.optional() })).optional(),
  groups: z.record(z.string(), z.record(z.string(), z.looseObject({ mean: figure.optional() }))).optional(),
}, { error: 'expected an object' });

export function readBaseline(file: string): Partial<Results> {
  const text = readText(file, 'baseline');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`the baseline ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const r = baselineSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new UsageError(`the baseline ${file} is not shaped like a results.json${where}: ${issue.message}. Give the results.json of an earlier run, or one written by hand with only the figures you have.`);
  }
  return data as Partial<Results>;
}
