/**
 * What is under the cursor: the name occurrence the checker recorded there, or the indicator whose
 * header (`indicator id "label" weight N`) contains it. Shared by hover, definition, rename, …
 */
import type { Analysis, Indicator, SymbolRef } from '@rubric/core';
import type { IndicatorDecl, Span, TopItem } from '@rubric/grammar';
import { touches } from './positions.js';

export function symbolAt(analysis: Analysis, offset: number): SymbolRef | undefined {
  let best: SymbolRef | undefined;
  for (const s of analysis.symbols) {
    if (!touches(s.span, offset)) continue;
    // The innermost (shortest) occurrence wins; on a tie, a declaration (`group region` declares the
    // group and reads the field of the same name at one span).
    const len = s.span.end - s.span.start;
    const bestLen = best ? best.span.end - best.span.start : Infinity;
    if (len < bestLen || (len === bestLen && s.isDeclaration && !best!.isDeclaration)) best = s;
  }
  return best;
}

export interface IndicatorSite {
  path: string;
  node: IndicatorDecl;
}

/** Every indicator declaration of the syntax tree with its dotted path, parents first. */
export function indicatorSites(items: readonly TopItem[]): IndicatorSite[] {
  const out: IndicatorSite[] = [];
  const walk = (node: IndicatorDecl, parent: string | undefined) => {
    if (!node.id) return;
    const path = parent ? `${parent}.${node.id.text}` : node.id.text;
    out.push({ path, node });
    for (const child of node.items) if (child.kind === 'Indicator') walk(child, path);
  };
  for (const item of items) if (item.kind === 'Indicator') walk(item, undefined);
  return out;
}

/** The indicator whose header the offset is in (the innermost, for nested headers never overlap). */
export function indicatorAtHeader(analysis: Analysis, offset: number): Indicator | undefined {
  const site = indicatorSites(analysis.parse.tree.items).find((s) => touches(s.node.header, offset));
  return site ? analysis.model.allIndicators.find((i) => i.path === site.path) : undefined;
}

export function occurrences(analysis: Analysis, target: Pick<SymbolRef, 'kind' | 'name'>): SymbolRef[] {
  return analysis.symbols.filter((s) => s.kind === target.kind && s.name === target.name);
}

export function declarationOf(analysis: Analysis, target: Pick<SymbolRef, 'kind' | 'name'>): SymbolRef | undefined {
  return analysis.symbols.find((s) => s.kind === target.kind && s.name === target.name && s.isDeclaration);
}

export function textOf(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/**
 * The name under the cursor, narrowed: on `tech` of `expect tech.search == 20` it is the indicator
 * `tech`, not `tech.search`.
 */
export function targetAt(doc: { analysis: Analysis; text: string }, offset: number): SymbolRef | undefined {
  const s = symbolAt(doc.analysis, offset);
  if (!s || s.kind !== 'indicator') return s;
  const written = doc.text.slice(s.span.start, s.span.end).split('.');
  if (written.length < 2) return s;
  const full = s.name.split('.');
  let start = s.span.start;
  for (let i = 0; i < written.length; i++) {
    const end = start + written[i]!.length;
    if (offset <= end) {
      const name = full.slice(0, full.length - written.length + i + 1).join('.');
      return { kind: 'indicator', name, span: { start, end }, isDeclaration: false };
    }
    start = end + 1;
  }
  return s;
}
