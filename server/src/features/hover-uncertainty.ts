/**
 * The uncertainty part of grade and indicator hovers, read from the analysis of the preview
 * (docs/uncertainty.md explains every figure):
 *
 * - grade: the fragile units at the band's cut-off (its threshold; for `otherwise`, the lowest one) —
 *   published score within its reach of the threshold — with margin, reach and the probability of the
 *   band over the runs; and the band's expected size over the runs.
 * - indicator: how much its weight alone moves the ranks (one at a time over its noise range): mean and
 *   largest |rank change|, units that move, its place among the weights; Sobol indices when computed.
 */
import type { Indicator, Model, UncertaintyResult } from '@rubric/core';
import type { UncertaintyState } from '../uncertainty/service.js';
import { code, esc, table } from '../util/markdown.js';
import { fixed, signed } from '../util/numbers.js';

const MAX_ROWS = 12;

const pct = (p: number) => `${Number((p * 100).toFixed(1))}%`;

/** `weights ±20% · thresholds ±1 · 200 runs` */
function settings(r: UncertaintyResult): string {
  const k = r.config;
  return `weights ±${k.weights}%${k.threshold ? ` · thresholds ±${k.threshold}` : ''} · ${k.runs} runs`;
}

/** Why there is nothing to show, or undefined when there is a result (or nothing worth saying). */
function missing(state: UncertaintyState | undefined): string | undefined {
  if (!state || state.result) return undefined;
  if (state.pending) return '_Uncertainty: analysing… hover again in a moment._';
  if (state.reason && !/cancelled|no scores|errors/i.test(state.reason)) return `_No uncertainty analysis: ${esc(state.reason)}_`;
  return undefined;
}

const staleNote = (state: UncertaintyState) => (state.stale ? ' _(of the last version without errors)_' : '');

export function gradeUncertainty(model: Model, name: string, state: UncertaintyState | undefined): string | undefined {
  const r = state?.result;
  if (!r) return missing(state);
  const d = model.evaluation.decimals;
  const index = r.grades.findIndex((g) => g.name === name);
  if (index < 0) return undefined;
  // The band's cut-off: its own threshold, or for `otherwise` the threshold of the band just above.
  const cut = r.grades[index]!.threshold !== null ? r.grades[index]! : r.grades.slice(0, index).reverse().find((g) => g.threshold !== null);
  const probability = (u: UncertaintyResult['units'][number]) => u.grades.find((g) => g.name === name)?.probability ?? 0;
  const expected = r.units.reduce((sum, u) => sum + probability(u), 0);
  const nominal = r.units.filter((u) => u.grade === name).length;
  const out = [`**Uncertainty** (${settings(r)})${staleNote(state!)}: ${Number(expected.toFixed(1))} units on average over the runs, ${nominal} nominally`];
  if (cut) {
    const fragile = r.units.filter((u) => u.fragile && u.boundary?.grade === cut.name);
    if (!fragile.length) out.push(`No fragile units at the ${cut.threshold} cut-off.`);
    else {
      const rows = fragile.slice(0, MAX_ROWS).map((u) => [esc(u.name), fixed(u.score, d), esc(u.grade), signed(u.boundary!.margin, d), fixed(u.reach, d), pct(probability(u))]);
      const whose = fragile.length === 1 ? '1 unit whose published score lies' : `${fragile.length} units whose published scores lie`;
      out.push(`**Fragile at the ${cut.threshold} cut-off**: ${whose} within reach of it\n\n${table(['unit', 'score', 'grade', 'margin', 'reach', `P(${esc(name)})`], rows)}${fragile.length > MAX_ROWS ? `\n\n… and ${fragile.length - MAX_ROWS} more` : ''}`);
    }
  }
  return out.join('\n\n');
}

export function indicatorSensitivity(ind: Indicator, state: UncertaintyState | undefined): string | undefined {
  const r = state?.result;
  if (!r) return ind.observed || !ind.weight ? undefined : missing(state);
  const s = r.indicators.find((i) => i.path === ind.path);
  if (!s) return undefined;
  if (s.meanRankShift === null) return `**Sensitivity**: not computed (${code('steps 0')}).`;
  const computed = r.indicators.filter((i) => i.meanRankShift !== null);
  const place = computed.filter((i) => i.meanRankShift! > s.meanRankShift!).length + 1;
  const head = `**Sensitivity** (this weight alone ±${r.config.weights}%, ${r.config.steps} steps)${staleNote(state!)}`;
  let line = s.meanRankShift === 0
    ? `${head}: moves no unit's rank`
    : `${head}: mean |Δrank| ${s.meanRankShift} · largest ${s.maxRankShift} · ${s.unitsMoved} of ${r.units.length} units move · ${ordinal(place)} of ${computed.length} weights`;
  const sobol = r.sobol?.indices.find((i) => i.path === ind.path);
  if (sobol) line += `\n\nSobol (N = ${r.sobol!.samples}): total ${sobol.total} (95% ${sobol.totalCI[0]}…${sobol.totalCI[1]}) · first order ${sobol.first}`;
  return line;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}
