import fs from 'node:fs';
import { analyze, type Analysis, type Results } from '@rubric/core';
import { z } from 'zod';
import { printDiagnostics, type Out } from '../output/terminal.js';

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

/** Thrown for bad usage or unreadable input: the CLI prints the message and exits 2, never a stack. */
export class UsageError extends Error {}

export function readText(file: string, what = 'file'): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the ${what} ${file}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : `: ${(e as Error).message}`}`);
  }
}

export function loadRules(file: string): { text: string; analysis: Analysis } {
  const text = readText(file, 'rules file');
  return { text, analysis: analyze(text) };
}

/** Analyses rules and prints their errors; undefined when they cannot be run. */
export function rulesOrReport(o: Out, file: string): Analysis | undefined {
  const { text, analysis } = loadRules(file);
  if (analysis.hasErrors) {
    printDiagnostics(o, file, text, analysis.diagnostics.filter((d) => d.severity === 'error'));
    const n = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    o.err(`${file}: ${n} error${n === 1 ? '' : 's'}; fix them first (\`rubric check ${file}\` lists them).`);
    return undefined;
  }
  return analysis;
}

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
