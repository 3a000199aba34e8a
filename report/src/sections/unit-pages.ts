/**
 * One page per unit: its score, grade and rank, every indicator score beside the mean, its findings,
 * and every step of the rules that cost it points, with the evidence values each step read — so a unit
 * can see exactly why it scored what it did.
 */
import type { ExplainStep, UnitResult } from '@rubric/core';
import type { ReportContext, ReportSection } from '../html/context.js';
import { changeClass } from '../html/format.js';
import { html, type SafeHtml } from '../html/safe-html.js';
import { rankChange } from './ranking.js';
import { goodTag, indentStyle, observedTag, unitAnchor } from './shared.js';

/** Points as the rules wrote them: no padding to the published decimals, a true minus sign. */
function points(value: number): string {
  return value < 0 ? `\u2212${-value}` : String(value);
}

/** An evidence value as JSON would print it, so strings, booleans and null stay distinguishable. */
function evidenceValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/**
 * The steps that explain a lost point: those that took points, and every step of an indicator the unit
 * did not get full marks on (or that was excluded). Steps of indicators at full marks explain nothing
 * lost and would bury the ones that do.
 */
export function lostPointSteps(ctx: ReportContext, unit: UnitResult): ExplainStep[] {
  const max = ctx.results.evaluation.scale.max;
  return unit.explain.filter((step) => {
    const value = unit.indicators[step.indicator];
    return step.points < 0 || value === null || value === undefined || value < max;
  });
}

function explainRow(ctx: ReportContext, unit: UnitResult, step: ExplainStep): SafeHtml {
  const evidence = Object.entries(step.evidence);
  const summary = ctx.results.summary.indicators[step.indicator];
  const value = unit.indicators[step.indicator];
  return html`<tr class="${summary?.observed ? 'observed' : ''}">
<td>${ctx.fullLabel(step.indicator)}${summary?.observed ? observedTag(ctx) : null}<div class="path"><code>${step.indicator}</code> · ${
    unit.excluded.includes(step.indicator) ? ctx.t.excluded : `${ctx.t.unitValue} ${ctx.num(value)}`
  }</div></td>
<td><code>${step.rule}</code></td>
<td class="num ${step.points < 0 ? 'down' : ''}">${points(step.points)}</td>
<td class="evidence">${evidence.map(([field, value]) => html`<div><code>${field}</code> = <code>${evidenceValue(value)}</code></div>`)}</td>
<td>${step.note ?? ''}</td>
</tr>`;
}

function indicatorTable(ctx: ReportContext, unit: UnitResult): SafeHtml {
  const { t } = ctx;
  const excluded = new Set(unit.excluded);
  const rows = ctx.rows.map(({ path, depth, summary, hasChildren }) => {
    const value = unit.indicators[path];
    const isExcluded = excluded.has(path);
    // Rounded like a published figure, so a difference that prints as 0.00 is not coloured as a fall.
    const diff =
      value !== null && value !== undefined && summary.mean !== null
        ? Number((value - summary.mean).toFixed(ctx.results.evaluation.decimals))
        : undefined;
    return html`<tr class="${summary.observed ? 'observed' : ''} ${depth === 0 ? 'top' : ''}">
<td class="label" style="${indentStyle(depth)}">${hasChildren || depth === 0 ? html`<strong>${summary.label}</strong>` : summary.label}${
      summary.observed ? observedTag(ctx) : null
    }</td>
<td class="num ${isExcluded ? 'missing' : 'strong'}">${isExcluded ? t.excluded : ctx.num(value)}</td>
<td class="num">${ctx.num(summary.mean)}</td>
${diff === undefined ? html`<td class="num">—</td>` : html`<td class="num ${changeClass(diff)}">${ctx.delta(diff)}</td>`}
</tr>`;
  });
  return html`<table class="tree">
<thead><tr><th>${t.indicator}</th><th class="num">${t.unitValue}</th><th class="num">${t.mean}</th><th class="num">${t.vsMean}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function unitPage(ctx: ReportContext, unit: UnitResult, index: number): SafeHtml {
  const { t, results } = ctx;
  const findings = new Map(results.findings.map((f) => [f.id, f]));
  const rank = rankChange(unit);
  const lost = lostPointSteps(ctx, unit);
  const groups = Object.entries(unit.groups).map(([g, v]) => html`<span class="meta-item">${g}: ${v}</span>`);
  const unitFindings = unit.findings.map((id) => {
    const f = findings.get(id);
    return html`<li class="${f?.kind === 'good' ? 'good' : ''}">${f ? f.message : id} <code>${id}</code>${f?.kind === 'good' ? goodTag(ctx) : null}${
      f?.observed ? observedTag(ctx) : null
    }</li>`;
  });
  return html`<section class="unit" id="${unitAnchor(index)}">
<h3><span class="unit-rank">${unit.rank}</span> ${unit.name} <code class="unit-id">${unit.id}</code></h3>
<div class="unit-meta">
<span class="meta-item score">${t.score} <strong>${ctx.num(unit.score)}</strong></span>
<span class="meta-item">${t.grade} <strong>${unit.grade}</strong></span>
<span class="meta-item">${t.rankOf(unit.rank, results.summary.units)}${rank && rank.cls !== 'flat' ? html` <span class="${rank.cls}">${rank.text}</span>` : null}</span>
${unit.delta?.score !== undefined && unit.baseline?.score !== undefined
  ? html`<span class="meta-item"><span class="${changeClass(unit.delta.score)}">${ctx.delta(unit.delta.score)}</span> · ${t.vsBaseline(ctx.num(unit.baseline.score))}</span>`
  : null}
${groups}
</div>
<h4>${t.indicatorScores}</h4>
${indicatorTable(ctx, unit)}
${unitFindings.length > 0 ? html`<h4>${t.unitFindings}</h4><ul class="unit-findings">${unitFindings}</ul>` : null}
<h4>${t.lostPoints}</h4>
${
  lost.length === 0
    ? html`<p class="note">${t.noLostPoints}</p>`
    : html`<table class="explain">
<thead><tr><th>${t.indicator}</th><th>${t.rule}</th><th class="num">${t.points}</th><th>${t.evidence}</th><th>${t.note}</th></tr></thead>
<tbody>
${lost.map((step) => explainRow(ctx, unit, step))}
</tbody>
</table>
<p class="note">${t.fullMarksOmitted}</p>`
}
</section>`;
}

export function unitPagesSection(ctx: ReportContext): ReportSection {
  return {
    id: 'units',
    title: ctx.t.unitDetails,
    body: html`${ctx.results.units.map((unit, index) => unitPage(ctx, unit, index))}`,
  };
}
