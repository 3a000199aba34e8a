import type { GradesBlock, Span } from '@rubric/grammar';
import { Q, type Rational } from '../numeric/exact.js';
import type { Grade } from '../model/model.js';
import { Code } from './codes.js';
import type { CheckContext } from './context.js';
import type { Range } from './reach.js';

/** Grades in descending order, covering the scale with no gap, each reachable. */
export function buildGrades(blocks: GradesBlock[], scale: { min: Rational; max: Rational }, ctx: CheckContext): Grade[] {
  const grades: Grade[] = [];
  const names = new Map<string, Span>();
  const thresholdSpans = new Map<string, { start: number; end: number }>();
  for (const block of blocks) {
    for (const g of block.grades) {
      const prior = names.get(g.name.text);
      if (prior) {
        ctx.diagnostics.push({ code: Code.DuplicateId, severity: 'error', span: g.name.span, message: `The grade \`${g.name.text}\` is declared twice; rename or remove one.`, related: [{ span: prior, message: 'first declared here' }] });
        continue;
      }
      names.set(g.name.text, g.name.span);
      ctx.symbol('grade', g.name.text, g.name.span, true);
      grades.push({ name: g.name.text, threshold: g.threshold ? Q.parse(g.threshold.text) : null, span: g.span });
      if (g.threshold) thresholdSpans.set(g.name.text, g.threshold.span);
    }
  }
  const blockSpan = blocks[0]?.keyword;
  if (grades.length === 0) {
    if (blockSpan) ctx.error(Code.GradesMissing, blockSpan, 'A `grades` block needs at least one grade: add them from the highest down, e.g. `优秀 >= 90 … 较差 otherwise`.');
    return grades;
  }
  const s = (q: Rational) => Q.round(q, 6);
  let previous: Rational | undefined;
  for (const [i, g] of grades.entries()) {
    if (g.threshold === null) {
      if (i !== grades.length - 1) ctx.error(Code.GradesOrder, g.span, '`otherwise` must be the last grade: it takes every score below the others. Move it to the end.');
      else if (previous && Q.cmp(previous, scale.min) <= 0) ctx.warning(Code.GradesUnreachable, g.span, `No score reaches \`${g.name}\`: the grade above already starts at the bottom of the scale (${s(scale.min)}). Remove it, or raise the bound above it.`);
      continue;
    }
    if (Q.cmp(g.threshold, scale.min) < 0 || Q.cmp(g.threshold, scale.max) > 0) {
      ctx.error(Code.GradesOutside, g.span, `\`${g.name} >= ${s(g.threshold)}\` is off the scale ${s(scale.min)}..${s(scale.max)}: give it a bound within the scale.`);
    }
    if (previous && Q.cmp(g.threshold, previous) >= 0) {
      ctx.error(Code.GradesOrder, g.span, `Grades are written from the highest down; \`${g.name} >= ${s(g.threshold)}\` is not below the grade before it, so no score reaches it. Write the grades from the highest bound down.`);
    }
    previous = g.threshold;
  }
  const last = grades[grades.length - 1]!;
  if (last.threshold !== null && Q.cmp(last.threshold, scale.min) > 0) {
    const at = thresholdSpans.get(last.name)!;
    const fix = { title: `Let \`${last.name}\` take every score below the grade above it (\`otherwise\`)`, edits: [{ span: { start: at.start - (/>=\s*$/.exec(ctx.text.slice(0, at.start))?.[0].length ?? 0), end: at.end }, newText: 'otherwise' }] };
    ctx.error(Code.GradesGap, last.span, `Scores from ${s(scale.min)} up to below ${s(last.threshold)} get no grade: lower the last bound to ${s(scale.min)} or add a last grade with \`otherwise\`.`, [fix]);
  }
  return grades;
}

/**
 * Grades no total can reach, given the range of totals the indicators can produce (`total`, from
 * reach.ts). Grades come from the published (rounded) total, so the range is rounded first. Only well
 * ordered grades are checked: the other checks already report the rest.
 */
export function checkGradesReachable(grades: Grade[], total: Range, evaluation: { scale: { min: Rational; max: Rational }; decimals: number }, ctx: CheckContext): void {
  const { scale, decimals } = evaluation;
  const s = (q: Rational) => Q.round(q, 6);
  for (const [i, g] of grades.entries()) {
    if (g.threshold === null ? i !== grades.length - 1 : i > 0 && (grades[i - 1]!.threshold === null || Q.cmp(g.threshold, grades[i - 1]!.threshold!) >= 0)) return;
    if (g.threshold !== null && (Q.cmp(g.threshold, scale.min) < 0 || Q.cmp(g.threshold, scale.max) > 0)) return;
  }
  const lo = Q.parse(Q.round(total.lo, decimals));
  const hi = Q.parse(Q.round(total.hi, decimals));
  const range = `[${s(total.lo)}, ${s(total.hi)}]`;
  for (const [i, g] of grades.entries()) {
    const above = grades[i - 1];
    if (g.threshold !== null && Q.cmp(hi, g.threshold) < 0) {
      ctx.warning(Code.GradesUnreachable, g.span, `No unit can get \`${g.name}\`: the indicators' scores put every total in ${range}, below ${s(g.threshold)}. Lower its bound, or remove the grade.`);
    } else if (above && Q.cmp(lo, above.threshold!) >= 0 && !(g.threshold === null && Q.cmp(above.threshold!, scale.min) <= 0)) {
      ctx.warning(Code.GradesUnreachable, g.span, `No unit can get \`${g.name}\`: the indicators' scores put every total in ${range}, which \`${above.name} >= ${s(above.threshold!)}\` or a grade above it already takes. Remove the grade, or raise the bounds above it.`);
    }
  }
}
