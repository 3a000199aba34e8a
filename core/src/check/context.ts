import type { Diagnostic, Fix, Span } from '@rubric/grammar';
import type { Field } from '../model/model.js';

export type SymbolKind = 'field' | 'indicator' | 'finding' | 'grade' | 'group' | 'scenario' | 'test' | 'enumValue';

/** One occurrence of a name: what definition, references and rename in the editor are built from. */
export interface SymbolRef {
  kind: SymbolKind;
  /** Field path, indicator path, finding id, …; enum values as `field.path=value`. */
  name: string;
  span: Span;
  isDeclaration: boolean;
}

/** Shared state of one check: the diagnostics sink and the symbol occurrences. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols: SymbolRef[] = [];
  readonly usedFields = new Set<string>();

  constructor(readonly text: string, readonly fields: Map<string, Field>) {}

  error(code: string, span: Span, message: string, fixes?: Fix[]): void {
    this.diagnostics.push({ code, severity: 'error', message, span, ...(fixes && fixes.length ? { fixes } : {}) });
  }

  warning(code: string, span: Span, message: string, fixes?: Fix[]): void {
    this.diagnostics.push({ code, severity: 'warning', message, span, ...(fixes && fixes.length ? { fixes } : {}) });
  }

  symbol(kind: SymbolKind, name: string, span: Span, isDeclaration = false): void {
    this.symbols.push({ kind, name, span, isDeclaration });
  }

  source(span: Span): string {
    return this.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  }
}

/** Closest names by edit distance, for "did you mean" hints. */
export function suggest(name: string, candidates: Iterable<string>, max = 2): string[] {
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const d = distance(name, c);
    if (d <= Math.max(2, Math.floor(name.length / 3))) scored.push([d, c]);
  }
  // By code unit, not localeCompare: the same file gives the same message whatever the locale.
  return scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).slice(0, max).map((s) => s[1]);
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function didYouMean(options: string[]): string {
  return options.length ? ` Did you mean ${options.map((o) => `\`${o}\``).join(' or ')}?` : '';
}
