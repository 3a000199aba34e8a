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
  // Beside indicators: the overall mean, group values and the units' scores the baseline lacks.
  const other: string[] = [];
  if (summary.baselineMissing) other.push(t.overallScore);
  for (const [group, values] of Object.entries(results.groups)) {
    const lacking = Object.entries(values).filter(([, v]) => v.baselineMissing).map(([value]) => value);
    if (lacking.length) other.push(t.groupValues(ctx.groupLabel(group), listJoin(ctx, lacking)));
  }
  if (results.units.length > 0 && results.units.every((u) => u.baselineMissing)) other.push(t.unitScores);
  if (summary.baseline === undefined && compared.length === 0 && missing.length === 0 && other.length === 0) return null;

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
}
${other.length > 0 ? html`<p class="note missing-list"><span class="missing">${t.noBaseline(ctx.baselineName)}</span> · ${t.noBaselineOther(ctx.baselineName, listJoin(ctx, other))}</p>` : null}`,
  };
}
