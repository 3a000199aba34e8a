/**
 * One section per declared group (e.g. region): the means of its values as bars and a table with each
 * value's best and worst unit, and the gap between the highest and lowest published mean.
 */
import type { GroupValueSummary } from '@rubric/core';
import { groupChart } from '../html/charts.js';
import type { ReportContext, ReportSection } from '../html/context.js';
import { html, raw } from '../html/safe-html.js';
import { deltaCell } from './shared.js';

/** Highest mean first; equal means in code-point order of the value, so the order never varies. */
function byMean([a, x]: [string, GroupValueSummary], [b, y]: [string, GroupValueSummary]): number {
  return y.mean - x.mean || (a < b ? -1 : a > b ? 1 : 0);
}

export function groupSections(ctx: ReportContext): ReportSection[] {
  const { t, results } = ctx;
  return Object.entries(results.groups).map(([group, values], index) => {
    const entries = Object.entries(values).sort(byMean);
    // Columns when some value has a baseline mean; the others marked. None at all: said in the year-over-year section.
    const showBaseline = entries.some(([, v]) => v.baseline !== undefined);
    const chart = groupChart(
      ctx,
      `chart-group-${index + 1}`,
      entries.map(([value]) => value),
      entries.map(([, v]) => v.mean),
      entries.some(([, v]) => v.baseline !== undefined) ? entries.map(([, v]) => v.baseline ?? null) : null,
    );
    const gap = results.groupGaps[group];
    const rows = entries.map(
      ([value, v]) => html`<tr>
<td>${value}</td>
<td class="num">${v.units}</td>
<td class="num">${ctx.num(v.mean)}</td>
<td>${v.best}</td>
<td>${v.worst}</td>
${showBaseline ? html`${v.baseline === undefined ? html`<td class="num missing">${t.noBaseline(ctx.baselineName)}</td>` : html`<td class="num">${ctx.num(v.baseline)}</td>`}${deltaCell(ctx, v.delta, v.baselineMissing === true)}` : null}
</tr>`,
    );
    return {
    id: `group-${index + 1}`,
    title: t.groupsTitle(ctx.groupLabel(group)),
    body: html`<figure class="chart">${raw(chart)}</figure>
${gap ? html`<p class="lead">${t.gap(gap.highest, gap.lowest, ctx.num(gap.gap))}</p>` : null}
<table>
<thead><tr><th>${ctx.groupLabel(group)}</th><th class="num">${t.units}</th><th class="num">${t.mean}</th><th>${t.best}</th><th>${t.worst}</th>${
      showBaseline ? html`<th class="num">${t.baseline(ctx.baselineName)}</th><th class="num">${t.change}</th>` : null
    }</tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  };
  });
}
