/** Every finding with how many units it concerns (count, share) and which; good practices and observed
 * findings are tagged, since a reader must not take a good practice or an unscored scenario for a defect. */
import type { ReportContext, ReportSection } from '../html/context.js';
import { percent } from '../html/format.js';
import { html } from '../html/safe-html.js';
import { goodTag, listJoin, observedTag } from './shared.js';

export function findingsSection(ctx: ReportContext): ReportSection | null {
  const { t, results } = ctx;
  if (results.findings.length === 0) return null;
  const rows = results.findings.map(
    (f) => html`<tr class="${f.kind === 'good' ? 'good' : 'defect'} ${f.observed ? 'observed' : ''}">
<td>${f.message}${f.kind === 'good' ? goodTag(ctx) : null}${f.observed ? observedTag(ctx) : null}<div class="path"><code>${f.id}</code></div></td>
<td>${f.indicator === undefined ? '—' : ctx.fullLabel(f.indicator)}</td>
<td class="num">${f.count}</td>
<td class="num">${percent(f.share)}</td>
<td class="units-list">${f.units.length > 0 ? listJoin(ctx, f.units) : t.none}</td>
</tr>`,
  );
  return {
    id: 'findings',
    title: t.findings,
    body: html`<table class="findings">
<thead><tr><th>${t.finding}</th><th>${t.indicator}</th><th class="num">${t.count}</th><th class="num">${t.share}</th><th>${t.affected}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  };
}
