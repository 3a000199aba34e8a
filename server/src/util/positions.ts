/**
 * Offsets (what the core speaks: UTF-16 code units from the start of the text) ↔ LSP positions and
 * ranges (line/character, also UTF-16). The only place the two meet.
 */
import type { Span } from '@rubric/grammar';
import type { LineIndex } from '@rubric/grammar';
import type { Position, Range } from 'vscode-languageserver';

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

export function toOffset(lines: LineIndex, pos: Position): number {
  return lines.offset(pos.line, pos.character);
}

export function toSpan(lines: LineIndex, range: Range): Span {
  return { start: toOffset(lines, range.start), end: toOffset(lines, range.end) };
}

/** Whether the cursor at `offset` touches the span (its end included, as editors expect of a word). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}
