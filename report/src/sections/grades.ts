/** How units spread over the grades the rules declare, in their declared order. */
import { gradeChart } from '../html/charts.js';
import type { ReportContext, ReportSection } from '../html/context.js';
import { percentOf } from '../html/format.js';
import { html, raw } from '../html/safe-html.js';

export function gradesSection(ctx: ReportContext): ReportSection | null {
  const { t, results } = ctx;
  const grades = ctx.grades;
  if (grades.length === 0) return null;
  const rows = grades.map(
    ({ name, count, band }, i) => html`<tr>
<td><span class="swatch grade-${Math.min(i, 5)}"></span>${name}</td>
<td class="band">${band ?? '—'}</td>
<td class="num">${count}</td>
<td class="num">${percentOf(count, results.summary.units)}</td>
</tr>`,
  );
  return {
    id: 'grades',
    title: t.grades,
    body: html`<figure class="chart">${raw(gradeChart(ctx, grades))}</figure>
<table class="narrow">
<thead><tr><th>${t.grade}</th><th>${t.band}</th><th class="num">${t.count}</th><th class="num">${t.share}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  };
}
