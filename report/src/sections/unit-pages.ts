/**
 * One page per unit: its score, grade and rank, every indicator score beside the mean, its findings,
 * and every step of the rules that cost it points, with the evidence values each step read and what
 * the step cost the total — so a unit sees exactly why it scored what it did, and which loss mattered.
 */
import type { EvidenceChange, ExplainStep, UnitResult, UnitUncertainty } from '@rubric/core';
import type { ReportContext, ReportSection } from '../html/context.js';
import { changeClass, weight } from '../html/format.js';
import { lostPoints, type LostLeaf, type LostStep } from '../lost-points.js';
import { html, type SafeHtml } from '../html/safe-html.js';
import { rankChange } from './ranking.js';
import { probability, rankInterval } from './uncertainty.js';
import { goodTag, indentStyle, observedTag, unitAnchor } from './shared.js';

/** An evidence value as JSON would print it, so strings, booleans and null stay distinguishable. */
function evidenceValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/** The fields a missing-evidence step names: those it read as missing (all it read, if none is). */
function missingFields(ctx: ReportContext, step: ExplainStep): string {
  const entries = Object.entries(step.evidence);
  const missing = entries.filter(([, v]) => v === null || v === undefined).map(([k]) => k);
  return (missing.length > 0 ? missing : entries.map(([k]) => k)).join(ctx.t.listSeparator);
}

/** What a step did, in the report's words, where the rule alone does not say it. */
function stepNote(ctx: ReportContext, step: ExplainStep): string | null {
  const { t } = ctx;
  switch (step.kind) {
    case 'start':
      return t.kindStart;
    case 'clamp':
      return t.kindClamp;
    case 'excluded':
      return t.kindExcluded(missingFields(ctx, step));
    case 'zero':
      return t.kindZero(missingFields(ctx, step));
    default:
      // A `score` leaf clamped onto the scale says so in its note.
      return step.note ?? null;
  }
}

/** The bar beside an effect: its length against the unit's costliest step; a width we computed. */
function effectBar(effect: number, largest: number): SafeHtml {
  const width = largest > 0 ? Math.min(100, (Math.abs(effect) / largest) * 100) : 0;
  return html`<span class="bar ${effect < 0 ? 'loss' : 'gain'}"><span style="width:${width.toFixed(1)}%"></span></span>`;
}

function effectCell(ctx: ReportContext, leaf: LostLeaf, effect: number | null, largest: number): SafeHtml {
  if (leaf.observed) return html`<td class="num effect missing">${ctx.t.notScored}</td>`;
  if (effect === null) return html`<td class="num effect">—</td>`;
  return html`<td class="num effect"><span class="${changeClass(effect)}">${ctx.delta(effect)}</span>${effectBar(effect, largest)}</td>`;
}

function leafRows(ctx: ReportContext, leaf: LostLeaf, largest: number): SafeHtml {
  const { t } = ctx;
  const steps: LostStep[] = leaf.steps;
  const label = html`<td rowspan="${Math.max(1, steps.length)}" class="leaf-label">${ctx.fullLabel(leaf.path)}${leaf.observed ? observedTag(ctx) : null}<div class="path"><code>${leaf.path}</code></div><div class="path">${
    leaf.excluded ? t.excluded : `${t.unitValue} ${ctx.num(leaf.value)}`
  }${leaf.weight === null ? null : ` · ${t.weightInTotal} ${weight(leaf.weight * 100)}`}</div>${
    steps.length > 1 && !leaf.excluded
      ? html`<div class="path">${t.leafTotal(ctx.delta(leaf.change), leaf.effect === null ? null : ctx.delta(leaf.effect))}</div>`
      : null
  }</td>`;
  const rows = steps.map(({ step, change, effect }, i) => {
    const note = stepNote(ctx, step);
    return html`<tr>
${i === 0 ? label : null}
<td><code>${step.rule}</code>${note === null ? null : html`<div class="step-note">${note}</div>`}</td>
<td class="evidence">${Object.entries(step.evidence).map(([field, value]) => html`<div><code>${field}</code> = <code>${evidenceValue(value)}</code></div>`)}</td>
<td class="num ${changeClass(change)}">${step.kind === 'excluded' ? '—' : ctx.delta(change)}</td>
${effectCell(ctx, leaf, step.kind === 'excluded' ? null : effect, largest)}
</tr>`;
  });
  return html`<tbody class="${leaf.observed ? 'observed' : ''}">
${rows}
</tbody>`;
}

function lostPointsBlock(ctx: ReportContext, unit: UnitResult): SafeHtml {
  const { t, results } = ctx;
  const { leaves, lost } = lostPoints(results, unit);
  if (leaves.length === 0) return html`<p class="note">${t.noLostPoints}</p>`;
  const largest = Math.max(0, ...leaves.flatMap((leaf) => leaf.steps.map((s) => Math.abs(s.effect ?? 0))));
  const costliest = leaves.find((leaf) => !leaf.observed && leaf.effect !== null && leaf.effect < 0);
  const max = results.evaluation.scale.max;
  return html`<p class="lead lost-summary">${lost > 0 ? t.lostSummary(ctx.num(lost), String(max), ctx.num(unit.score)) : null}${
    costliest && costliest.effect !== null ? t.lostMost(ctx.fullLabel(costliest.path), ctx.delta(costliest.effect)) : null
  }</p>
<table class="explain">
<thead><tr><th>${t.indicator}</th><th>${t.rule}</th><th>${t.evidence}</th><th class="num">${t.leafChange}</th><th class="num">${t.effectOnTotal}</th></tr></thead>
${leaves.map((leaf) => leafRows(ctx, leaf, largest))}
</table>`;
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

/** With an uncertainty analysis: the unit's rank interval and every grade it lands in, with how often. */
function robustnessLine(ctx: ReportContext, u: UnitUncertainty): SafeHtml {
  const { t } = ctx;
  const grades = u.grades.filter((g) => g.probability > 0);
  return html`<div class="unit-robust">${t.unitRobustness(rankInterval(u), u.ranks.median)} · ${grades.map(
    (g) => html`<span class="prob-item">${g.name} ${probability(g.probability)}</span>`,
  )}${u.fragile ? html`<span class="tag fragile-tag">${t.fragile}</span>` : null}</div>`;
}

function changeItem(ctx: ReportContext, change: EvidenceChange): SafeHtml {
  const { t } = ctx;
  // A rule's points before and after: a deduction keeps its minus sign; null where it no longer applies.
  const points = (v: number | null) => (v === null ? t.notApplied : v < 0 ? ctx.delta(v) : ctx.num(v));
  return html`<li><code>${change.field}</code>${change.description ? html` <span class="muted">${change.description}</span>` : null}${t.colon}<code>${evidenceValue(
    change.from,
  )}</code> → <code>${evidenceValue(change.to)}</code>${t.comma}<span class="up">${ctx.delta(change.gain)}</span>${
    change.rules.length > 0
      ? html`<div class="rules">${t.affects} ${change.rules.map(
          (r, i) => html`${i > 0 ? t.listSeparator : ''}${ctx.fullLabel(r.indicator)} ${points(r.before)} → ${points(r.after)} <code>${r.rule}</code>`,
        )}</div>`
      : null
  }</li>`;
}

/** The cheapest evidence changes that lift the unit's published score into the next grade. */
function nextBandBlock(ctx: ReportContext, u: UnitUncertainty): SafeHtml | null {
  const { t } = ctx;
  const band = u.nextBand;
  if (band === undefined || band === null) return null;
  const plan = band.plan;
  const maxChanges = ctx.uncertainty?.config.maxChanges ?? 0;
  return html`<h4>${t.nextBand}</h4>
${
  plan === null
    ? html`<p class="note">${t.nextBandNone(band.to, maxChanges)}</p>`
    : html`<p>${t.nextBandGap(band.to, String(band.threshold), ctx.num(band.gap))}</p>
<ol class="next-band">${plan.changes.map((c) => changeItem(ctx, c))}</ol>
<p>${t.nextBandResult(ctx.num(plan.score), plan.grade)}</p>
${
  band.alternatives.length > 0
    ? html`<div class="alternatives">${t.nextBandAlternatives} ${band.alternatives.map(
        (alt, i) => html`${i > 0 ? ' · ' : ''}${alt.changes.map(
          (c, j) => html`${j > 0 ? ' + ' : ''}<code>${c.field}</code> <code>${evidenceValue(c.from)}</code> → <code>${evidenceValue(c.to)}</code>`,
        )}${t.paren(ctx.delta(alt.gain))}`,
      )}</div>`
    : null
}`
}`;
}

function unitPage(ctx: ReportContext, unit: UnitResult, index: number): SafeHtml {
  const { t, results } = ctx;
  const findings = new Map(results.findings.map((f) => [f.id, f]));
  const rank = rankChange(unit);
  const uncertain = ctx.uncertainUnit(unit.id);
  const groups = Object.entries(unit.groups).map(([g, v]) => html`<span class="meta-item">${ctx.groupLabel(g)}: ${v}</span>`);
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
  ? html`<span class="meta-item"><span class="${changeClass(unit.delta.score)}">${ctx.delta(unit.delta.score)}</span> · ${t.vsBaseline(ctx.baselineName, ctx.num(unit.baseline.score))}</span>`
  : null}
${groups}
</div>
${uncertain === undefined ? null : robustnessLine(ctx, uncertain)}
<h4>${t.indicatorScores}</h4>
${indicatorTable(ctx, unit)}
${unitFindings.length > 0 ? html`<h4>${t.unitFindings}</h4><ul class="unit-findings">${unitFindings}</ul>` : null}
<h4>${t.lostPoints}</h4>
${lostPointsBlock(ctx, unit)}
${uncertain === undefined ? null : nextBandBlock(ctx, uncertain)}
</section>`;
}

export function unitPagesSection(ctx: ReportContext): ReportSection {
  return {
    id: 'units',
    title: ctx.t.unitDetails,
    body: html`${ctx.results.units.length > 0 ? html`<p class="note explain-note">${ctx.t.explainNote}</p>` : null}
${ctx.results.units.map((unit, index) => unitPage(ctx, unit, index))}`,
  };
}
