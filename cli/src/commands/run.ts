import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeUncertainty, instantiateEngine, validateEvidence, type Analysis, type EvidenceProblem, type Model, type Results, type UnitInput, type UnitResult, type UnitScore } from '@rubric/core';
import { expandInputs, loadEvidence } from '../evidence/load.js';
import { c, printEvidenceProblems, table, type Out } from '../output/terminal.js';
import { rulesOrReport, readText } from './shared.js';
import { readBaseline } from './baseline.js';
import { renderOutputs } from '../output/outputs.js';
import { writeAllAtomically, type Output } from '../output/atomic.js';
import { progress } from '../output/progress.js';
import { scoreAll } from '../run/pool.js';
import { ExplainSink, type ScoredFile } from '../run/score-files.js';
import { readUnitFile, unitIdOf } from '../evidence/unit-file.js';
import { readExplain, writeResultsJson } from '../run/write-results.js';
import { paced } from '../run/heap-pacer.js';

export interface RunOptions {
  evidence: string[];
  baseline?: string;
  out: string;
  lang?: 'zh' | 'en';
  /** Also run the uncertainty analysis (the rules' `uncertainty` settings) into uncertainty.json and the report. */
  uncertainty?: boolean;
}

/** Above this many units the explanations stay on disk and results.json is written unit by unit. */
const inMemoryUnits = (): number => Number(process.env['RUBRIC_IN_MEMORY_UNITS'] ?? 5000);
/** A large run's report shows this many units by rank; results.json and results.csv hold them all. */
const REPORT_UNITS = 1000;

/** Loads, validates and scores every unit with the generated engine, in memory (diff, uncertainty). */
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
    const results = instantiateEngine(analysis.model).runValidated(validated.units, { baseline: baseline ?? null });
    return { model: analysis.model, results };
  } catch (e) {
    if ((e as Error).name === 'ScoreError') {
      o.err(`${c.red('error')}: ${(e as Error).message} Nothing was written.`);
      return undefined;
    }
    throw e;
  }
}

interface Scored {
  scores: UnitScore[];
  /** Where each unit's explanation is, by position in `scores`. */
  explains: ScoredFile['explain'][];
  /** Each unit's flat evidence, again, for exact recomputation near a rounding tie. */
  evidenceOf: (i: number) => Record<string, unknown>;
}

/** Reads and scores every unit: unit files on all cores, tables on the main thread. */
async function scoreEvidence(o: Out, analysis: Analysis, rulesText: string, inputs: string[], tempDir: string): Promise<Scored | undefined> {
  const model = analysis.model;
  const engine = instantiateEngine(model);
  const problems: EvidenceProblem[] = [];
  const files = expandInputs(inputs, problems);
  if (files.length === 0 && problems.length === 0) problems.push({ source: inputs.join(', '), unit: '', field: '', message: 'no evidence files found (expected .json, .yaml, .csv or .xlsx)' });
  const unitFiles = files.filter((f) => /\.(json|ya?ml)$/i.test(f));
  const tables = files.filter((f) => /\.(csv|xlsx)$/i.test(f));
  for (const f of files) if (!/\.(json|ya?ml|csv|xlsx)$/i.test(f)) problems.push({ source: f, unit: '', field: '', message: 'not an evidence file (expected .json, .yaml, .yml, .csv or .xlsx)' });

  const bar = progress('scoring', unitFiles.length);
  const fromFiles = await scoreAll(unitFiles, { rules: rulesText, model, engine, tempDir, onProgress: (n) => bar.tick(n) });
  bar.stop();
  problems.push(...fromFiles.problems);

  // Table rows: read whole (a table is one file), validated together, explanations to their own side file.
  const rows: UnitInput[] = [];
  const rowSources: string[] = [];
  const rowScores: ScoredFile[] = [];
  if (tables.length) {
    const loaded = await loadEvidence(tables, model);
    const v = validateEvidence(model, loaded.units);
    // Validation keeps a repeated id's first row only, so an id names one row: `table.csv row 12`.
    const rowSource = new Map<string, string>();
    for (const u of loaded.units) if (!rowSource.has(u.id)) rowSource.set(u.id, u.source);
    problems.push(...loaded.problems, ...v.problems);
    const sink = new ExplainSink(path.join(tempDir, 'explain-tables.jsonl'));
    try {
      for (const u of v.units) {
        try {
          const s = engine.scoreFlat(u.id, u.evidence, true);
          const explain = sink.write(s.explain);
          s.explain = [];
          rowScores.push({ index: rows.length, score: s, explain });
          rows.push(u);
          rowSources.push(rowSource.get(u.id) ?? 'a table');
        } catch (e) {
          if ((e as Error).name !== 'ScoreError') throw e;
          problems.push({ source: rowSource.get(u.id) ?? 'a table', unit: u.id, field: '', message: (e as Error).message });
        }
      }
    } finally {
      sink.close();
    }
  }

  const all = [...fromFiles.scored, ...rowScores];
  // Ids repeated within the tables are validation's; here, a unit file against another or against a row.
  const nUnitFiles = fromFiles.scored.length;
  const sourceOf = (i: number) => (i < nUnitFiles ? unitFiles[all[i]!.index]! : rowSources[all[i]!.index]!);
  const seen = new Map<string, number>();
  all.forEach((s, i) => {
    const prior = seen.get(s.score.id);
    if (prior !== undefined) problems.push({ source: sourceOf(i), unit: s.score.id, field: '', message: `the unit id \`${s.score.id}\` is used twice (also by ${sourceOf(prior)}); ids must be unique — a unit file's name is its id, a table row's id is in its \`id\` column` });
    else seen.set(s.score.id, i);
  });
  if (problems.length) {
    printEvidenceProblems(o, problems);
    return undefined;
  }
  const nFiles = fromFiles.scored.length;
  return {
    scores: all.map((s) => s.score),
    explains: all.map((s) => s.explain),
    evidenceOf: (i) => {
      if (i >= nFiles) return rows[all[i]!.index]!.evidence;
      const file = unitFiles[all[i]!.index]!;
      const v = validateEvidence(model, [{ id: unitIdOf(file), source: file, data: readUnitFile(file) }]);
      return v.units[0]!.evidence;
    },
  };
}

/** `rubric run`: results.json, results.csv, results.xlsx and report.html, all or nothing. */
export async function run(o: Out, rules: string, opts: RunOptions): Promise<number> {
  const analysis = rulesOrReport(o, rules);
  if (!analysis) return 1;
  const rulesText = readText(rules, 'rules file');
  const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-run-'));
  try {
    const scored = await scoreEvidence(o, analysis, rulesText, opts.evidence, tempDir);
    if (!scored) return 1;
    const engine = instantiateEngine(analysis.model);
    const s = engine.summarize(scored.scores, (i) => engine.exactValues(scored.evidenceOf(i)), { baseline: baseline ?? null });
    const index = new Map(scored.scores.map((u, i) => [u, i]));
    const fds = new Map<string, number>();
    const withExplain = (u: UnitScore): UnitResult => ({ ...s.unit(u), explain: readExplain(scored.explains[index.get(u)!]!, fds) });
    try {
      let files: Record<string, Output>;
      if (s.order.length <= inMemoryUnits()) {
        const results: Results = { ...s.results, units: s.order.map(withExplain) };
        const uncertainty = opts.uncertainty
          ? analyzeUncertainty(analysis.model, scored.scores.map((u, i) => ({ id: u.id, evidence: scored.evidenceOf(i) })))
          : undefined;
        files = await renderOutputs(results, opts.lang ?? 'zh', { uncertainty });
      } else {
        // Large: results.json streams from the side files; the other outputs take the units without explanations.
        if (opts.uncertainty) o.err(`note: the uncertainty analysis is not run on more than ${inMemoryUnits()} units; run \`rubric uncertainty\` on a sample.`);
        // No array of every unit's record: the tables stream them from the summary, the report shows the first.
        const shown: Results = { ...s.results, units: s.order.slice(0, REPORT_UNITS).map(s.unit) };
        const json = (file: string) => writeResultsJson(file, s.results, (function* () { for (const u of paced(s.order)) yield { unit: s.unit(u), explain: scored.explains[index.get(u)!]! }; })(), fds);
        const units = function* () { for (const u of paced(s.order)) yield s.unit(u); };
        files = await renderOutputs(s.results, opts.lang ?? 'zh', { report: shown, json, units });
      }
      const written = await writeAllAtomically(opts.out, files);
      printSummary(o, s.results);
      o.out('');
      o.out(`wrote ${written.join(', ')}`);
      return 0;
    } finally {
      for (const fd of fds.values()) fs.closeSync(fd);
    }
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
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
