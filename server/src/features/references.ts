/**
 * References and document highlights: every occurrence of the name under the cursor. An indicator's
 * references include paths that go through it (`tech` in `expect tech.search == 20` is a use of `tech`).
 */
import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver';
import type { SymbolRef } from '@rubric/core';
import type { Span } from '@rubric/grammar';
import type { Checked } from '../documents/phases.js';
import { targetAt } from '../util/lookup.js';
import { toRange } from '../util/positions.js';

export interface Occurrence {
  symbol: SymbolRef;
  /** The part of the occurrence that names the target (one segment of a longer path, or all of it). */
  span: Span;
}

/** Occurrences of `target`, each narrowed to the text that names it. */
export function occurrencesOf(doc: Checked, target: SymbolRef): Occurrence[] {
  const out: Occurrence[] = [];
  const depth = target.name.split('.').length - 1;
  for (const s of doc.analysis.symbols) {
    if (s.kind !== target.kind) continue;
    if (s.name === target.name) {
      out.push({ symbol: s, span: target.kind === 'indicator' ? segment(doc.text, s, depth) ?? s.span : s.span });
    } else if (target.kind === 'indicator' && s.name.startsWith(target.name + '.')) {
      const seg = segment(doc.text, s, depth);
      if (seg) out.push({ symbol: s, span: seg });
    }
  }
  return out;
}

/**
 * The span of the path segment at `depth` inside an occurrence of an indicator. A declaration shows only
 * its own id (the last segment); a reference shows the whole dotted path.
 */
function segment(text: string, s: SymbolRef, depth: number): Span | undefined {
  const written = text.slice(s.span.start, s.span.end).split('.');
  const full = s.name.split('.');
  const index = depth - (full.length - written.length);
  if (index < 0 || index >= written.length) return undefined;
  let start = s.span.start;
  for (let i = 0; i < index; i++) start += written[i]!.length + 1;
  return { start, end: start + written[index]!.length };
}

export function references(doc: Checked, offset: number, includeDeclaration: boolean): Location[] {
  const s = targetAt(doc, offset);
  if (!s) return [];
  return occurrencesOf(doc, s)
    .filter((o) => includeDeclaration || !o.symbol.isDeclaration)
    .map((o) => ({ uri: doc.uri, range: toRange(doc.lines, o.span) }));
}

export function highlights(doc: Checked, offset: number): DocumentHighlight[] {
  const s = targetAt(doc, offset);
  if (!s) return [];
  return occurrencesOf(doc, s).map((o) => ({
    range: toRange(doc.lines, o.span),
    kind: o.symbol.isDeclaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
