/** First-level indicator means as bars against the overall mean (the report's 一级指标得分 figure). */
import { firstLevelChart } from '../html/charts.js';
import type { ReportContext, ReportSection } from '../html/context.js';
import { html, raw } from '../html/safe-html.js';
import { firstLevelScored } from '../indicator-tree.js';

export function firstLevelSection(ctx: ReportContext): ReportSection | null {
  const rows = firstLevelScored(ctx.rows);
  if (rows.length === 0) return null;
  const chart = firstLevelChart(
    ctx,
    rows.map((row) => row.summary.label),
    rows.map((row) => row.summary.mean),
  );
  return {
    id: 'first-level',
    title: ctx.t.firstLevel,
    body: html`<figure class="chart">${raw(chart)}</figure>`,
  };
}
