/** Small pieces more than one section prints the same way. */
import type { ReportContext } from '../html/context.js';
import { changeClass } from '../html/format.js';
import { html, type SafeHtml } from '../html/safe-html.js';

/** Indentation of a tree row; depth is a number we computed, never text from results. */
export function indentStyle(depth: number): string {
  return `padding-left:${(0.5 + Math.min(depth, 6) * 1.4).toFixed(1)}em`;
}

export function observedTag(ctx: ReportContext): SafeHtml {
  return html` <span class="tag observed-tag">${ctx.t.observed}</span>`;
}

export function goodTag(ctx: ReportContext): SafeHtml {
  return html` <span class="tag good-tag">${ctx.t.goodPractice}</span>`;
}

/** A change cell: the signed delta, or the "no baseline" mark when the baseline lacks the figure. */
export function deltaCell(ctx: ReportContext, delta: number | undefined, missing: boolean): SafeHtml {
  if (delta !== undefined) return html`<td class="num ${changeClass(delta)}">${ctx.delta(delta)}</td>`;
  if (missing) return html`<td class="num missing">${ctx.t.noBaseline(ctx.baselineName)}</td>`;
  return html`<td class="num">—</td>`;
}

/** The list separator of the report's language. */
export function listJoin(ctx: ReportContext, items: string[]): string {
  return items.join(ctx.t.listSeparator);
}

/** A section's anchor for the n-th unit: built from its position, never from its id. */
export function unitAnchor(index: number): string {
  return `unit-${index + 1}`;
}
