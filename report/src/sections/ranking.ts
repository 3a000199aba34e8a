/** All units by rank with score and grade, and their change against the baseline when there is one. */
import type { UnitResult } from '@rubric/core';
import type { ReportContext, ReportSection } from '../html/context.js';
import { changeClass } from '../html/format.js';
import { html } from '../html/safe-html.js';
import { groupColumns } from '../unit-table.js';
import { deltaCell, unitAnchor } from './shared.js';

/** ↑2 when the unit climbed two places; computed from both ranks, whatever sign `delta.rank` uses. */
export function rankChange(unit: UnitResult): { text: string; cls: string } | null {
  const before = unit.baseline?.rank;
  if (before === undefined) return null;
  const climbed = before - unit.rank;
  if (climbed === 0) return { text: '–', cls: 'flat' };
  return { text: `${climbed > 0 ? '↑' : '↓'}${Math.abs(climbed)}`, cls: changeClass(climbed) };
}

export function rankingSection(ctx: ReportContext): ReportSection {
  const { t, results } = ctx;
  const groupNames = groupColumns(results);
  // A column when some unit has the figure; the others marked. None at all is said once, in the year-over-year section.
  const showScoreChange = results.units.some((u) => u.delta?.score !== undefined);
  const showRankChange = results.units.some((u) => u.baseline?.rank !== undefined);
  const withBaseline = results.evaluation.baseline !== undefined;
  const rows = results.units.map((unit, index) => {
    const rank = rankChange(unit);
    return html`<tr>
<td class="num">${unit.rank}</td>
<td><a href="#${unitAnchor(index)}">${unit.name}</a></td>
<td><code>${unit.id}</code></td>
${groupNames.map((g) => html`<td>${unit.groups[g] ?? '—'}</td>`)}
<td class="num strong">${ctx.num(unit.score)}</td>
<td>${unit.grade}</td>
${showScoreChange ? deltaCell(ctx, unit.delta?.score, withBaseline) : null}
${showRankChange ? (rank === null ? html`<td class="num missing">${withBaseline ? t.noBaseline(ctx.baselineName) : '—'}</td>` : html`<td class="num ${rank.cls}">${rank.text}</td>`) : null}
</tr>`;
  });
  return {
    id: 'ranking',
    title: t.ranking,
    body: html`<table class="ranking">
<thead><tr><th class="num">${t.rank}</th><th>${t.name}</th><th>${t.id}</th>${groupNames.map((g) => html`<th>${ctx.groupLabel(g)}</th>`)}<th class="num">${t.score}</th><th>${t.grade}</th>${
    showScoreChange ? html`<th class="num">${t.change}</th>` : null
  }${showRankChange ? html`<th class="num">${t.rankChange}</th>` : null}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  };
}
