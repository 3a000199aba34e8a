/**
 * Changes against the baseline year: the overall score and every indicator both years have, drawn and
 * tabled. Indicators the baseline lacks are named as such, never shown as a change from zero.
 */
import { yearOverYearChart } from '../html/charts.js';
import type { ReportContext, ReportSection } from '../html/context.js';
import { changeClass } from '../html/format.js';
import { html, raw } from '../html/safe-html.js';
import { deltaCell, indentStyle, listJoin, observedTag } from './shared.js';

export function yearOverYearSection(ctx: ReportContext): ReportSection | null {
  const { t, results } = ctx;
  const { summary } = results;
  const compared = ctx.rows.filter(({ summary: s }) => s.baseline !== undefined);
  const missing = ctx.rows.filter(({ summary: s }) => s.baseline === undefined && s.baselineMissing);
  if (summary.baseline === undefined && compared.length === 0 && missing.length === 0) return null;

  const drawn = compared.filter(({ summary: s }) => s.mean !== null);
  const chart =
    drawn.length > 0
      ? yearOverYearChart(
          ctx,
          drawn.map(({ path }) => ctx.fullLabel(path)),
          drawn.map(({ summary: s }) => s.baseline as number),
          drawn.map(({ summary: s }) => s.mean as number),
        )
      : null;

  const overall =
    summary.baseline !== undefined
      ? html`<tr class="top">
<td class="label"><strong>${t.overallScore}</strong></td>
<td class="num">${ctx.num(summary.baseline)}</td>
<td class="num">${ctx.num(summary.mean)}</td>
${summary.delta !== undefined ? html`<td class="num ${changeClass(summary.delta)}">${ctx.delta(summary.delta)}</td>` : html`<td class="num">—</td>`}
</tr>`
      : null;
  const rows = compared.map(
    ({ path, summary: s }) => html`<tr class="${s.observed ? 'observed' : ''}">
<td class="label" style="${indentStyle(0)}">${ctx.fullLabel(path)}${s.observed ? observedTag(ctx) : null}</td>
<td class="num">${ctx.num(s.baseline)}</td>
<td class="num">${ctx.num(s.mean)}</td>
${deltaCell(ctx, s.delta, false)}
</tr>`,
  );
  const table =
    overall !== null || rows.length > 0
      ? html`<table>
<thead><tr><th>${t.indicator}</th><th class="num">${t.baseline(ctx.baselineName)}</th><th class="num">${ctx.currentName}</th><th class="num">${t.change}</th></tr></thead>
<tbody>
${overall}
${rows}
</tbody>
</table>`
      : null;
  return {
    id: 'year-over-year',
    title: t.yearOverYear(ctx.baselineName),
    body: html`${chart === null ? null : html`<figure class="chart">${raw(chart)}</figure>`}
${table}
${
  missing.length > 0
    ? html`<p class="note missing-list"><span class="missing">${t.noBaseline(ctx.baselineName)}</span> · ${t.noBaselineList(
        ctx.baselineName,
        listJoin(
          ctx,
          missing.map(({ summary: s }) => s.label),
        ),
      )}</p>`
    : null
}`,
  };
}
