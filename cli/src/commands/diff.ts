import type { Results } from '@rubric/core';
import { score } from './run.js';
import { table, type Out } from '../output/terminal.js';

export interface UnitChange {
  id: string;
  name: string;
  score: [number, number];
  delta: number;
  grade: [string, string];
  rank: [number, number];
}

export interface DiffReport {
  /** Decimals of the published figures (the larger of the two files'), for printing them. */
  decimals: number;
  mean: [number, number, number];
  indicators: { path: string; label: string; old: number | null; new: number | null; delta: number | null }[];
  grades: { grade: string; old: number; new: number }[];
  units: UnitChange[];
}

function sub(a: number, b: number, d: number): number {
  return Number((a - b).toFixed(d));
}

/** What a methodology change does to the units: means, grade counts, and every unit that moves. */
export function diffResults(a: Results, b: Results): DiffReport {
  const d = Math.max(a.evaluation.decimals, b.evaluation.decimals);
  const paths = [...new Set([...Object.keys(a.summary.indicators), ...Object.keys(b.summary.indicators)])];
  const indicators = paths.map((p) => {
    const o = a.summary.indicators[p]?.mean ?? null;
    const n = b.summary.indicators[p]?.mean ?? null;
    return { path: p, label: (b.summary.indicators[p] ?? a.summary.indicators[p])!.label, old: o, new: n, delta: o !== null && n !== null ? sub(n, o, d) : null };
  });
  const gradeNames = [...new Set([...Object.keys(a.summary.grades), ...Object.keys(b.summary.grades)])];
  const before = new Map(a.units.map((u) => [u.id, u]));
  const units: UnitChange[] = [];
  for (const u of b.units) {
    const o = before.get(u.id);
    if (!o) continue;
    if (o.score === u.score && o.grade === u.grade && o.rank === u.rank) continue;
    units.push({ id: u.id, name: u.name, score: [o.score, u.score], delta: sub(u.score, o.score, d), grade: [o.grade, u.grade], rank: [o.rank, u.rank] });
  }
  units.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || Math.abs(y.rank[1] - y.rank[0]) - Math.abs(x.rank[1] - x.rank[0]) || (x.id < y.id ? -1 : 1));
  return {
    decimals: d,
    mean: [a.summary.mean, b.summary.mean, sub(b.summary.mean, a.summary.mean, d)],
    indicators,
    grades: gradeNames.map((g) => ({ grade: g, old: a.summary.grades[g] ?? 0, new: b.summary.grades[g] ?? 0 })),
    units,
  };
}

export function formatDiff(r: DiffReport, format: 'text' | 'md'): string[] {
  const lines: string[] = [];
  // Published figures as published: with the evaluation's decimals (80.10, not 80.1).
  const fx = (n: number | null) => (n === null ? '—' : n.toFixed(r.decimals));
  const sign = (n: number | null) => (n === null ? '' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(r.decimals)}`);
  const rows = (header: string[], body: string[][]) => (format === 'md'
    ? [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((b) => `| ${b.join(' | ')} |`)]
    : table([header, ...body]).map((l) => `  ${l}`));
  lines.push(format === 'md' ? `**Overall mean** ${fx(r.mean[0])} → ${fx(r.mean[1])} (${sign(r.mean[2])})` : `overall mean ${fx(r.mean[0])} → ${fx(r.mean[1])} (${sign(r.mean[2])})`);
  lines.push('');
  const changed = r.indicators.filter((i) => i.delta !== 0);
  lines.push(format === 'md' ? '### Indicator means' : 'indicator means:');
  lines.push(...(changed.length ? rows(['indicator', 'old', 'new', 'change'], changed.map((i) => [`${i.label} (${i.path})`, fx(i.old), fx(i.new), sign(i.delta)])) : ['  (no indicator mean changes)']));
  lines.push('');
  lines.push(format === 'md' ? '### Grades' : 'grades:');
  lines.push(...rows(['grade', 'old', 'new'], r.grades.map((g) => [g.grade, String(g.old), String(g.new)])));
  lines.push('');
  lines.push(format === 'md' ? `### Units that change (${r.units.length})` : `units that change (${r.units.length}):`);
  lines.push(...(r.units.length ? rows(['unit', 'score', 'change', 'grade', 'rank'], r.units.map((u) => [`${u.name} (${u.id})`, `${fx(u.score[0])} → ${fx(u.score[1])}`, sign(u.delta), u.grade[0] === u.grade[1] ? u.grade[1] : `${u.grade[0]} → ${u.grade[1]}`, u.rank[0] === u.rank[1] ? String(u.rank[1]) : `${u.rank[0]} → ${u.rank[1]}`])) : ['  (no unit changes)']));
  return lines;
}

/** `rubric diff`: the impact of a methodology change on real evidence. */
export async function diff(o: Out, oldRules: string, newRules: string, evidence: string[], format: 'text' | 'json' | 'md'): Promise<number> {
  const a = await score(o, oldRules, evidence);
  if (!a) return 1;
  const b = await score(o, newRules, evidence);
  if (!b) return 1;
  const report = diffResults(a.results, b.results);
  if (format === 'json') o.out(JSON.stringify(report, null, 2));
  else for (const l of formatDiff(report, format)) o.out(l);
  return 0;
}
