import { instantiateEngine, validateEvidence, type Model, type Results } from '@rubric/core';
import { loadEvidence } from '../evidence/load.js';
import { writeAllAtomically } from '../output/atomic.js';
import { c, printEvidenceProblems, table, type Out } from '../output/terminal.js';
import { readBaseline, rulesOrReport } from './shared.js';
import { renderOutputs } from '../output/outputs.js';
import { progress } from '../output/progress.js';

export interface RunOptions {
  evidence: string[];
  baseline?: string;
  out: string;
  lang?: 'zh' | 'en';
}

/** Loads, validates and scores every unit with the generated engine; returns results or prints why not. */
export async function score(o: Out, rules: string, evidence: string[], baselineFile?: string): Promise<{ model: Model; results: Results } | undefined> {
  const analysis = rulesOrReport(o, rules);
  if (!analysis) return undefined;
  const baseline = baselineFile ? readBaseline(baselineFile) : undefined;
  const loaded = await loadEvidence(evidence, analysis.model);
  const validated = validateEvidence(analysis.model, loaded.units);
  const problems = [...loaded.problems, ...validated.problems];
  if (problems.length) {
    printEvidenceProblems(o, problems);
    return undefined;
  }
  try {
    const engine = instantiateEngine(analysis.model);
    const bar = progress('scoring', validated.units.length);
    const scored = validated.units.map((u) => {
      bar.tick();
      return engine.scoreFlat(u.id, u.evidence, true);
    });
    bar.stop();
    const results = engine.assemble(scored, validated.units, { baseline: baseline ?? null });
    return { model: analysis.model, results };
  } catch (e) {
    if ((e as Error).name === 'ScoreError') {
      o.err(`${c.red('error')}: ${(e as Error).message} Nothing was written.`);
      return undefined;
    }
    throw e;
  }
}

/** `rubric run`: results.json, results.csv, results.xlsx and report.html, all or nothing. */
export async function run(o: Out, rules: string, opts: RunOptions): Promise<number> {
  const scored = await score(o, rules, opts.evidence, opts.baseline);
  if (!scored) return 1;
  const files = await renderOutputs(scored.results, opts.lang ?? 'zh');
  const written = writeAllAtomically(opts.out, files);
  printSummary(o, scored.results);
  o.out('');
  o.out(`wrote ${written.join(', ')}`);
  return 0;
}

function fmt(n: number | null | undefined, d: number): string {
  return n === null || n === undefined ? '—' : n.toFixed(d);
}

function signed(n: number | undefined, d: number): string {
  return n === undefined ? '' : `${n >= 0 ? '+' : ''}${n.toFixed(d)}`;
}

export function printSummary(o: Out, r: Results): void {
  const d = r.evaluation.decimals;
  const top = Object.entries(r.summary.indicators).filter(([, i]) => !i.parent);
  o.out(c.bold(`${r.evaluation.label} (${r.evaluation.year ?? ''}) — ${r.summary.units} units`));
  const rows: string[][] = [['', 'mean', 'weight', 'baseline', 'change']];
  rows.push(['overall', fmt(r.summary.mean, d), '100', fmt(r.summary.baseline, d), signed(r.summary.delta, d)]);
  for (const [p, i] of top) rows.push([`${i.label} (${p})${i.observed ? ' [observed]' : ''}`, fmt(i.mean, d), i.weight === undefined ? '—' : String(i.weight), fmt(i.baseline, d), signed(i.delta, d)]);
  for (const line of table(rows)) o.out(`  ${line}`);
  o.out(`  grades: ${Object.entries(r.summary.grades).map(([g, n]) => `${g} ${n}`).join(' · ')}`);
  for (const [g, values] of Object.entries(r.groups)) {
    const gap = r.groupGaps[g];
    o.out(`  ${g}: ${Object.entries(values).map(([v, s]) => `${v} ${fmt(s.mean, d)}`).join(' · ')}${gap ? ` (gap ${gap.highest}−${gap.lowest} ${fmt(gap.gap, d)})` : ''}`);
  }
  const defects = r.findings.filter((f) => f.count > 0).length;
  o.out(`  findings: ${defects} of ${r.findings.length} found in at least one unit`);
}
