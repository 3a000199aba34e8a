/** The headline figures a reader looks for first: how many units, the overall mean, the grade counts. */
import type { ReportContext, ReportSection } from '../html/context.js';
import { changeClass, percentOf } from '../html/format.js';
import { html, type SafeHtml } from '../html/safe-html.js';

export function overviewSection(ctx: ReportContext): ReportSection {
  const { summary } = ctx.results;
  const { t } = ctx;
  const figure = (label: string, value: string, sub: SafeHtml | string | null, cls = '') =>
    html`<div class="figure ${cls}"><div class="figure-label">${label}</div><div class="figure-value">${value}</div>${
      sub === null ? null : html`<div class="figure-sub">${sub}</div>`
    }</div>`;
  const meanSub =
    summary.baseline !== undefined && summary.delta !== undefined
      ? html`<span class="${changeClass(summary.delta)}">${ctx.delta(summary.delta)}</span> · ${t.vsBaseline(ctx.baselineName, ctx.num(summary.baseline))}`
      : summary.baselineMissing
        ? html`<span class="missing">${t.noBaseline(ctx.baselineName)}</span>`
        : null;
  // "优秀 ≥ 90": each grade card names its band, as the published report does.
  const grades = ctx.grades.map(({ name, count, band }, i) =>
    figure(band === null ? name : `${name} ${band}`, String(count), percentOf(count, summary.units), `grade grade-${Math.min(i, 5)}`),
  );
  return {
    id: 'overview',
    title: t.overview,
    body: html`<div class="figures">
${figure(t.unitsEvaluated, String(summary.units), null)}
${figure(t.overallMean, ctx.num(summary.mean), meanSub, 'main')}
${grades}
</div>`,
  };
}
