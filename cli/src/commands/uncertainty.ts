/**
 * `rubric uncertainty`: would the ranking and the grades survive a slightly different methodology? Monte-
 * Carlo rank intervals and grade probabilities, the weights that move ranks, fragile units, and each unit's
 * cheapest way into the next grade. A thin adapter: the analysis is `analyzeUncertainty` in the core.
 */
import { analyzeUncertainty, configOf, validateEvidence, type NextBandPlan, type RuleEffect, type UncertaintyConfig, type UncertaintyOptions, type UncertaintyResult, type UnitUncertainty } from '@rubric/core';
import { loadEvidence } from '../evidence/load.js';
import { c, printEvidenceProblems, table, type Out } from '../output/terminal.js';
import { rulesOrReport, UsageError } from './shared.js';

export type Format = 'text' | 'json' | 'md';

export interface UncertaintyCliOptions {
  evidence: string[];
  format: Format;
  runs?: string;
  seed?: string;
  weights?: string;
  threshold?: string;
  imputation?: string;
  steps?: string;
  maxChanges?: string;
  sobol?: string;
}

/** Command-line numbers → options; a malformed one is bad usage (exit 2), as is a setting out of range. */
export function optionsOf(cli: UncertaintyCliOptions): UncertaintyOptions {
  const num = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw new UsageError(`--${flag} expects a number, found "${v}"`);
    return Number(v);
  };
  return {
    runs: num('runs', cli.runs), seed: num('seed', cli.seed), weights: num('weights', cli.weights), threshold: num('threshold', cli.threshold), imputation: num('imputation', cli.imputation),
    steps: num('steps', cli.steps), maxChanges: num('max-changes', cli.maxChanges), sobol: num('sobol', cli.sobol),
  };
}

export async function uncertainty(o: Out, rules: string, cli: UncertaintyCliOptions): Promise<number> {
  const options = optionsOf(cli);
  const analysis = rulesOrReport(o, rules);
  if (!analysis) return 1;
  const { model } = analysis;
  let config: UncertaintyConfig;
  try {
    config = configOf(model, options);
  } catch (e) {
    throw new UsageError((e as Error).message.split('; ').map((m) => `--${m}`).join('; '));
  }
  const loaded = await loadEvidence(cli.evidence, model);
  const validated = validateEvidence(model, loaded.units);
  const evidenceProblems = [...loaded.problems, ...validated.problems];
  if (evidenceProblems.length) {
    printEvidenceProblems(o, evidenceProblems);
    return 1;
  }
  let result: UncertaintyResult;
  const started = performance.now();
  try {
    result = analyzeUncertainty(model, validated.units, config);
  } catch (e) {
    if ((e as Error).name === 'ScoreError') {
      o.err(`${c.red('error')}: ${(e as Error).message}`);
      return 1;
    }
    // Settings that cannot run over this many units (e.g. runs × units beyond what the sample holds).
    if (e instanceof RangeError) throw new UsageError(`--${e.message}`);
    throw e;
  }
  const seconds = (performance.now() - started) / 1000;
  if (cli.format === 'json') o.out(JSON.stringify(result, null, 2));
  else {
    for (const line of formatUncertainty(result, cli.format)) o.out(line);
    if (cli.format === 'text') o.out(c.dim(`\nanalysed in ${seconds.toFixed(2)} s`));
  }
  return 0;
}

const pct = (p: number) => (p === 0 ? '' : `${Number((p * 100).toFixed(1))}%`);
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n)}`;
const value = (v: unknown) => (v === null ? 'missing' : typeof v === 'string' ? v : String(v));
const unitName = (u: { name: string; id: string }) => (u.name === u.id ? u.id : `${u.name} (${u.id})`);

/** The analysis for people: a terminal page or Markdown; JSON is the result itself. */
export function formatUncertainty(r: UncertaintyResult, format: 'text' | 'md'): string[] {
  const md = format === 'md';
  const lines: string[] = [];
  const heading = (s: string) => { lines.push(''); lines.push(md ? `### ${s}` : c.bold(s)); };
  const rows = (header: string[], body: string[][]) => lines.push(...(md
    ? [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((b) => `| ${b.join(' | ')} |`)]
    : table([header, ...body]).map((l) => `  ${l}`)));
  const k = r.config;
  const title = `${r.evaluation.label}: uncertainty over ${k.runs} runs, seed ${k.seed}`;
  lines.push(md ? `## ${title}` : c.bold(title));
  lines.push(`${md ? '' : '  '}noise: weights ±${k.weights}% (uniform, renormalised per sibling set) · grade thresholds ±${k.threshold} points${k.imputation ? ` · the other missing-evidence policy (zero ↔ exclude) in ${k.imputation}% of runs` : ''}`);
  // Scores as published: with the evaluation's decimals, so 82.9 reads 82.90 where results.json's reader expects it.
  const score = (n: number) => n.toFixed(r.evaluation.decimals);

  heading('Ranks and grades');
  lines.push(`${md ? '' : '  '}rank interval: 5th to 95th percentile of the unit's rank over the runs; grade columns: share of runs`);
  rows(['unit', 'score', 'grade', 'rank', 'median', '5%-95%', ...r.grades.map((g) => g.name), ''],
    r.units.map((u) => [unitName(u), score(u.score), u.grade, String(u.rank), String(u.ranks.median),
      u.ranks.p5 === u.ranks.p95 ? String(u.ranks.p5) : `${u.ranks.p5}-${u.ranks.p95}`, ...u.grades.map((g) => pct(g.probability)), u.fragile ? 'fragile' : '']));

  const fragile = r.units.filter((u) => u.fragile);
  heading(`Fragile units (${fragile.length})`);
  lines.push(`${md ? '' : '  '}published score within reach of a grade threshold; reach = the unit's 90th-percentile score shift over the runs + the threshold noise`);
  if (fragile.length) rows(['unit', 'score', 'threshold', 'margin', 'reach', `P(grade)`], fragile.map((u) => fragileRow(u, score)));
  else lines.push(`${md ? '' : '  '}(none)`);

  heading('Weights that move ranks');
  const computed = r.indicators.filter((i) => i.meanRankShift !== null);
  if (computed.length === 0) lines.push(`${md ? '' : '  '}(not computed: --steps 0)`);
  else {
    lines.push(`${md ? '' : '  '}one weight at a time over ±${k.weights}% (${k.steps} steps, siblings renormalised): mean and largest |rank change|, units that move`);
    const sorted = computed.slice().sort((a, b) => b.meanRankShift! - a.meanRankShift! || 0);
    rows(['indicator', 'weight', 'effective', 'mean |Δrank|', 'max', 'units'], sorted.map((i) => [`${i.label} (${i.path})`, String(i.weight), String(i.effectiveWeight), String(i.meanRankShift), String(i.maxRankShift), String(i.unitsMoved)]));
  }
  if (r.sobol) {
    heading('Sobol indices');
    lines.push(`${md ? '' : '  '}of the mean |rank change| over units; N = ${r.sobol.samples} (${r.sobol.runs} runs), 95% bootstrap intervals; variance ${r.sobol.variance}`);
    const labels = new Map(r.indicators.map((i) => [i.path, i.label]));
    const byTotal = r.sobol.indices.slice().sort((a, b) => b.total - a.total);
    rows(['indicator', 'first order', '95%', 'total', '95%'], byTotal.map((s) => [`${labels.get(s.path)} (${s.path})`, String(s.first), `${s.firstCI[0]}…${s.firstCI[1]}`, String(s.total), `${s.totalCI[0]}…${s.totalCI[1]}`]));
  }

  const below = r.units.filter((u) => u.nextBand);
  if (below.length || r.units.some((u) => u.nextBand === null)) {
    heading('Into the next grade');
    lines.push(`${md ? '' : '  '}fewest evidence changes that lift the published score into the next grade, then the smallest (at most ${k.maxChanges} changes)`);
    if (below.length === 0) lines.push(`${md ? '' : '  '}(every unit is in the top grade)`);
    for (const u of below) lines.push(...nextBandLines(u, md, score));
  }
  return lines;
}

function fragileRow(u: UnitUncertainty, score: (n: number) => string): string[] {
  const b = u.boundary!;
  const p = u.grades.find((g) => g.name === u.grade)!.probability;
  return [unitName(u), score(u.score), `${b.grade} ≥ ${b.threshold}`, signed(b.margin), String(u.reach), `${u.grade} ${pct(p) || '0%'}`];
}

function nextBandLines(u: UnitUncertainty, md: boolean, score: (n: number) => string): string[] {
  const b = u.nextBand!;
  const bullet = md ? '- ' : '    ';
  const sub = md ? '  - ' : '        ';
  const head = `${md ? '' : '  '}${md ? '**' : ''}${unitName(u)}${md ? '**' : ''} ${score(u.score)} ${b.from} → ${b.to} ≥ ${b.threshold} (needs ${signed(b.gap)})`;
  const out = ['', head];
  if (b.plan) {
    out.push(...planLines(b.plan, bullet, sub, score));
    for (const a of b.alternatives) out.push(`${bullet}or: ${a.changes.map((ch) => `${ch.field} ${value(ch.from)} → ${value(ch.to)}`).join(', ')} (= ${score(a.score)}, cost ${a.cost})`);
  } else if (b.closest) {
    out.push(`${bullet}not reachable with ${b.closest.changes.length} change${b.closest.changes.length === 1 ? '' : 's'}; the closest reach ${score(b.closest.score)} ${b.closest.grade}:`);
    out.push(...planLines(b.closest, bullet, sub, score));
  } else out.push(`${bullet}no evidence change raises the score`);
  return out;
}

function planLines(p: NextBandPlan, bullet: string, sub: string, score: (n: number) => string): string[] {
  const out: string[] = [];
  for (const ch of p.changes) {
    out.push(`${bullet}${ch.field}: ${value(ch.from)} → ${value(ch.to)}  ${signed(ch.gain)}`);
    for (const e of ch.rules) out.push(`${sub}${ruleLine(e)}`);
  }
  out.push(`${bullet}= ${score(p.score)} ${p.grade} (${signed(p.gain)})`);
  return out;
}

function ruleLine(e: RuleEffect): string {
  // A rule that does not apply moves no points; an excluded leaf has no score at all.
  const pts = (n: number | null) => (n === null ? (e.note ? '—' : '0') : n < 0 ? `−${-n}` : String(n));
  return `${e.label} (${e.indicator}): \`${e.rule}\` ${pts(e.before)} → ${pts(e.after)}${e.note ? ` (${e.note})` : ''}`;
}
