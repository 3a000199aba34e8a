/**
 * How robust the ranking is, from an uncertainty analysis passed beside the results: each unit's rank
 * interval over the Monte-Carlo runs (a chart), the probability of each grade (a table that marks the
 * fragile units), and how much each weight drives the ranks (a chart and a table, with Sobol indices
 * when the analysis has them). Absent without an analysis.
 */
import type { UnitUncertainty } from '@rubric/core';
import { COLORS, rankIntervalChart, sensitivityChart } from '../html/charts.js';
import type { ReportContext, ReportSection } from '../html/context.js';
import { weight } from '../html/format.js';
import { html, raw, type SafeHtml } from '../html/safe-html.js';
import { listJoin, unitAnchor } from './shared.js';

/** A probability as a reader takes it: 100% and 0 only when certain, never rounded onto them. */
export function probability(p: number): string {
  if (p >= 1) return '100%';
  if (p <= 0) return '0';
  const text = (p * 100).toFixed(1);
  if (text === '100.0') return '>99.9%';
  if (text === '0.0') return '<0.1%';
  return `${text}%`;
}

/** "13–20", or "7" when the interval is one rank. */
export function rankInterval(u: UnitUncertainty): string {
  return u.ranks.p5 === u.ranks.p95 ? String(u.ranks.p5) : `${u.ranks.p5}–${u.ranks.p95}`;
}

/** Figures of the analysis print like published figures, rounded to its decimals. */
function figure(ctx: ReportContext, value: number): string {
  return value.toFixed(ctx.uncertainty?.evaluation.decimals ?? ctx.results.evaluation.decimals);
}

/** A background of the grade's colour as strong as the probability: a colour and alpha we computed. */
function shade(gradeIndex: number, p: number): string {
  const hex = COLORS.grades[Math.min(gradeIndex, COLORS.grades.length - 1)];
  const alpha = Math.round(Math.min(1, Math.max(0, p)) * 0.55 * 100) / 100;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `background:rgba(${r},${g},${b},${alpha})`;
}

function signedFigure(ctx: ReportContext, value: number): string {
  const text = figure(ctx, Math.abs(value));
  if (Number(text) === 0) return text;
  return (value > 0 ? '+' : '\u2212') + text;
}

function probabilityTable(ctx: ReportContext, units: UnitUncertainty[], gradeNames: string[]): SafeHtml {
  const { t } = ctx;
  const anchors = new Map(ctx.results.units.map((u, i) => [u.id, unitAnchor(i)]));
  const rows = units.map((u) => {
    const anchor = anchors.get(u.id);
    const byName = new Map(u.grades.map((g) => [g.name, g.probability]));
    return html`<tr class="${u.fragile ? 'fragile' : ''}">
<td class="num">${u.rank}</td>
<td>${anchor === undefined ? u.name : html`<a href="#${anchor}">${u.name}</a>`}${u.fragile ? html` <span class="tag fragile-tag">${t.fragile}</span>` : null}</td>
<td class="num strong">${figure(ctx, u.score)}</td>
<td>${u.grade}</td>
${gradeNames.map((name, i) => {
  const p = byName.get(name) ?? 0;
  return html`<td class="num prob ${p === 0 ? 'zero' : ''}" style="${p > 0 ? shade(i, p) : ''}">${probability(p)}</td>`;
})}
<td class="num">${rankInterval(u)}</td>
<td class="num">${u.ranks.median}</td>
<td class="num">${u.boundary === null ? '—' : html`${String(u.boundary.threshold)} <span class="muted">(${signedFigure(ctx, u.boundary.margin)})</span>`}</td>
</tr>`;
  });
  return html`<table class="probabilities">
<thead><tr><th class="num">${t.rank}</th><th>${t.name}</th><th class="num">${t.score}</th><th>${t.grade}</th>${gradeNames.map(
    (name) => html`<th class="num">${name}</th>`,
  )}<th class="num">${t.rankInterval}</th><th class="num">${t.medianRank}</th><th class="num">${t.nearestThreshold}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">${t.probabilityNote}</p>`;
}

function sensitivityBlock(ctx: ReportContext): SafeHtml | null {
  const { t } = ctx;
  const analysis = ctx.uncertainty;
  if (analysis === null || analysis.indicators.length === 0) return null;
  const label = (path: string, fallback: string) => (path in ctx.results.summary.indicators ? ctx.fullLabel(path) : fallback);
  const parentOf = (path: string) => ctx.results.summary.indicators[path]?.parent;
  const measured = analysis.indicators.filter((i) => i.meanRankShift !== null);
  // Largest first; equal shifts in the analysis's (model) order, so the order never varies.
  const sorted = measured
    .map((i, n) => ({ i, n }))
    .sort((a, b) => (b.i.meanRankShift as number) - (a.i.meanRankShift as number) || a.n - b.n)
    .map(({ i }) => i);
  const chart =
    sorted.length > 0
      ? sensitivityChart(
          ctx,
          sorted.map((i) => label(i.path, i.label)),
          sorted.map((i) => i.meanRankShift as number),
          sorted.map((i) => parentOf(i.path) === undefined && !i.path.includes('.')),
        )
      : null;
  const sobol = new Map((analysis.sobol?.indices ?? []).map((s) => [s.path, s]));
  const withSobol = sobol.size > 0;
  const interval = (ci: [number, number]) => `${ci[0].toFixed(2)}–${ci[1].toFixed(2)}`;
  const rows = analysis.indicators.map((i) => {
    const s = sobol.get(i.path);
    const top = parentOf(i.path) === undefined && !i.path.includes('.');
    return html`<tr class="${top ? 'top' : ''}">
<td class="label">${top ? html`<strong>${label(i.path, i.label)}</strong>` : label(i.path, i.label)}<div class="path"><code>${i.path}</code></div></td>
<td class="num">${weight(i.weight)}</td>
<td class="num">${weight(i.effectiveWeight)}</td>
<td class="num strong">${i.meanRankShift === null ? '—' : i.meanRankShift.toFixed(2)}</td>
<td class="num">${i.maxRankShift ?? '—'}</td>
<td class="num">${i.unitsMoved ?? '—'}</td>
${withSobol
  ? html`<td class="num">${s ? html`${s.first.toFixed(2)} <span class="muted">(${interval(s.firstCI)})</span>` : '—'}</td><td class="num">${
      s ? html`${s.total.toFixed(2)} <span class="muted">(${interval(s.totalCI)})</span>` : '—'
    }</td>`
  : null}
</tr>`;
  });
  return html`<h3>${t.sensitivity}</h3>
<p class="lead">${t.sensitivityNote(String(analysis.config.weights))}</p>
${chart === null ? null : html`<figure class="chart">${raw(chart)}</figure>`}
<table class="sensitivity">
<thead><tr><th>${t.indicator}</th><th class="num">${t.weight}</th><th class="num">${t.effectiveWeight}</th><th class="num">${t.meanRankShift}</th><th class="num">${t.maxRankShift}</th><th class="num">${t.unitsMoved}</th>${
    withSobol ? html`<th class="num">${t.sobolFirst}</th><th class="num">${t.sobolTotal}</th>` : null
  }</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${analysis.sobol ? html`<p class="note">${t.sobolNote(analysis.sobol.samples, analysis.sobol.runs)}</p>` : null}`;
}

export function uncertaintySection(ctx: ReportContext): ReportSection | null {
  const { t, results } = ctx;
  const analysis = ctx.uncertainty;
  if (analysis === null) return null;
  const { config } = analysis;
  const units = analysis.units;
  const gradeNames = analysis.grades.map((g) => g.name);
  const gradeIndex = new Map(gradeNames.map((name, i) => [name, i]));
  const fragile = units.filter((u) => u.fragile);
  const widest = units.reduce<UnitUncertainty | null>(
    (best, u) => (best === null || u.ranks.p95 - u.ranks.p5 > best.ranks.p95 - best.ranks.p5 ? u : best),
    null,
  );
  const missing = results.units.filter((u) => ctx.uncertainUnit(u.id) === undefined).map((u) => u.name);
  const chart =
    units.length > 0
      ? rankIntervalChart(
          ctx,
          units.map((u) => ({
            name: u.name,
            rank: u.rank,
            median: u.ranks.median,
            p5: u.ranks.p5,
            p95: u.ranks.p95,
            grade: gradeIndex.get(u.grade) ?? gradeNames.length,
            fragile: u.fragile,
          })),
          Math.max(units.length, ...units.map((u) => u.ranks.max)),
        )
      : null;
  return {
    id: 'uncertainty',
    title: t.uncertainty,
    body: html`<p class="lead">${t.uncertaintyMethod(config.runs, config.seed, String(config.weights), config.threshold > 0 ? String(config.threshold) : null)}</p>
${analysis.evaluation.rulesHash !== results.evaluation.rulesHash ? html`<p class="warning">${t.uncertaintyOtherRules}</p>` : null}
${missing.length > 0 ? html`<p class="warning">${t.uncertaintyMissingUnits(listJoin(ctx, missing))}</p>` : null}
<p class="lead">${fragile.length > 0 ? t.fragileSummary(fragile.length, listJoin(ctx, fragile.map((u) => u.name))) : t.noFragile}${
      widest !== null && widest.ranks.p95 > widest.ranks.p5 ? t.widestInterval(widest.name, rankInterval(widest)) : null
    }</p>
<h3>${t.rankIntervals}</h3>
${chart === null ? null : html`<figure class="chart rank-intervals">${raw(chart)}<figcaption class="note">${t.rankIntervalNote}</figcaption></figure>`}
<h3>${t.gradeProbabilities}</h3>
${probabilityTable(ctx, units, gradeNames)}
${sensitivityBlock(ctx)}`,
  };
}
