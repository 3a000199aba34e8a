import type { GradesBlock } from '@rubric/grammar';
import { Q, type Rational } from '../numeric/exact.js';
import type { Grade } from '../model/model.js';
import { Code } from './codes.js';
import type { CheckContext } from './context.js';

/** Grades in descending order, covering the scale with no gap, each reachable. */
export function buildGrades(blocks: GradesBlock[], scale: { min: Rational; max: Rational }, ctx: CheckContext): Grade[] {
  const grades: Grade[] = [];
  const names = new Set<string>();
  const thresholdSpans = new Map<string, { start: number; end: number }>();
  for (const block of blocks) {
    for (const g of block.grades) {
      if (names.has(g.name.text)) {
        ctx.error(Code.DuplicateId, g.name.span, `The grade \`${g.name.text}\` is declared twice.`);
        continue;
      }
      names.add(g.name.text);
      ctx.symbol('grade', g.name.text, g.name.span, true);
      grades.push({ name: g.name.text, threshold: g.threshold ? Q.parse(g.threshold.text) : null, span: g.span });
      if (g.threshold) thresholdSpans.set(g.name.text, g.threshold.span);
    }
  }
  const blockSpan = blocks[0]?.keyword;
  if (grades.length === 0) {
    if (blockSpan) ctx.error(Code.GradesMissing, blockSpan, 'A `grades` block needs at least one grade.');
    return grades;
  }
  const s = (q: Rational) => Q.round(q, 6);
  let previous: Rational | undefined;
  for (const [i, g] of grades.entries()) {
    if (g.threshold === null) {
      if (i !== grades.length - 1) ctx.error(Code.GradesOrder, g.span, '`otherwise` must be the last grade: it takes every score below the others.');
      else if (previous && Q.cmp(previous, scale.min) <= 0) ctx.warning(Code.GradesUnreachable, g.span, `No score reaches \`${g.name}\`: the grade above already starts at the bottom of the scale (${s(scale.min)}).`);
      continue;
    }
    if (Q.cmp(g.threshold, scale.min) < 0 || Q.cmp(g.threshold, scale.max) > 0) {
      ctx.error(Code.GradesOutside, g.span, `\`${g.name} >= ${s(g.threshold)}\` is off the scale ${s(scale.min)}..${s(scale.max)}.`);
    }
    if (previous && Q.cmp(g.threshold, previous) >= 0) {
      ctx.error(Code.GradesOrder, g.span, `Grades are written from the highest down; \`${g.name} >= ${s(g.threshold)}\` is not below the grade before it, so no score reaches it.`);
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
