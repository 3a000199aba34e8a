/** The indicator system as a tree: weights within the parent, effective weights of the total, means. */
import type { ReportContext, ReportSection } from '../html/context.js';
import { weight } from '../html/format.js';
import { html } from '../html/safe-html.js';
import { indentStyle, listJoin, observedTag } from './shared.js';

export function indicatorSystemSection(ctx: ReportContext): ReportSection {
  const { t } = ctx;
  const rows = ctx.rows.map(
    ({ path, depth, summary, hasChildren }) => html`<tr class="${summary.observed ? 'observed' : ''} ${depth === 0 ? 'top' : ''}">
<td class="label" style="${indentStyle(depth)}">${hasChildren || depth === 0 ? html`<strong>${summary.label}</strong>` : summary.label}${
      summary.observed ? observedTag(ctx) : null
    }</td>
<td><code>${path}</code></td>
<td class="num">${weight(summary.weight)}</td>
<td class="num">${weight(summary.effectiveWeight)}</td>
<td class="num">${ctx.num(summary.mean)}</td>
<td class="num">${ctx.num(summary.min)}</td>
<td class="num">${ctx.num(summary.max)}</td>
</tr>`,
  );
  const observed = ctx.results.observed.scenarios.map(ctx.scenarioLabel);
  const scored = (ctx.results.evaluation.scenarios ?? []).filter((s) => !s.observed).map((s) => s.label);
  return {
    id: 'indicators',
    title: t.indicatorSystem,
    body: html`<table class="tree">
<thead><tr><th>${t.indicator}</th><th>${t.path}</th><th class="num">${t.weight}</th><th class="num">${t.effectiveWeight}</th><th class="num">${t.mean}</th><th class="num">${t.min}</th><th class="num">${t.max}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${scored.length > 0 || observed.length > 0
  ? html`<p class="note">${scored.length > 0 ? t.scoredNote(listJoin(ctx, scored)) : null}${observed.length > 0 ? t.observedNote(listJoin(ctx, observed)) : null}</p>`
  : null}`,
  };
}
