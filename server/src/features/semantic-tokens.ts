/**
 * Semantic tokens: keywords (reserved, and contextual ones where they act as keywords), names by what
 * they name (indicator, evidence field, finding, grade, group, scenario, enum value — declarations
 * marked), functions, numbers, strings, comments, operators. Derived from the lexer's tokens and the
 * checker's name occurrences, so they agree with the parser and the TextMate grammar.
 */
import { CONTEXTUAL_KEYWORDS } from '@rubric/grammar';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';

export const TOKEN_TYPES = ['keyword', 'class', 'property', 'event', 'enumMember', 'namespace', 'macro', 'function', 'type', 'number', 'string', 'comment', 'operator'] as const;
export const TOKEN_MODIFIERS = ['declaration'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
const index = (t: TokenType) => TOKEN_TYPES.indexOf(t);

const BY_SYMBOL: Record<string, TokenType | undefined> = {
  indicator: 'class', field: 'property', finding: 'event', grade: 'enumMember', enumValue: 'enumMember',
  group: 'namespace', scenario: 'macro', test: undefined,
};
const CONTEXTUAL = new Set<string>(Object.values(CONTEXTUAL_KEYWORDS).flat());
const TYPES = new Set<string>(CONTEXTUAL_KEYWORDS.types);
const FUNCTIONS = new Set<string>(CONTEXTUAL_KEYWORDS.functions);
const OPERATORS = new Set(['Arrow', 'EqEq', 'NotEq', 'Le', 'Ge', 'Lt', 'Gt', 'Assign', 'Plus', 'Minus', 'Star', 'Slash', 'DotDot']);

interface Classified {
  start: number;
  length: number;
  type: TokenType;
  declaration: boolean;
}

export function classify(doc: Checked): Classified[] {
  const { tokens, comments } = doc.analysis.parse;
  const named = new Map<number, { type: TokenType; declaration: boolean }>();
  // Identifier tokens inside each name occurrence (a field path spans several tokens).
  const starts = tokens.map((t) => t.startOffset);
  for (const s of doc.analysis.symbols) {
    const type = BY_SYMBOL[s.kind];
    if (!type) continue;
    let i = lowerBound(starts, s.span.start);
    for (; i < tokens.length && tokens[i]!.startOffset < s.span.end; i++) {
      if (tokens[i]!.tokenType.name !== 'Identifier') continue;
      const prev = named.get(tokens[i]!.startOffset);
      if (!prev || s.isDeclaration) named.set(tokens[i]!.startOffset, { type, declaration: s.isDeclaration });
    }
  }
  const out: Classified[] = [];
  tokens.forEach((t, i) => {
    const name = t.tokenType.name;
    const at = { start: t.startOffset, length: t.image.length };
    if (t.tokenType.CATEGORIES?.some((c) => c.name === 'Keyword') || name === 'HalfUp') out.push({ ...at, type: 'keyword', declaration: false });
    else if (name === 'NumberLiteral') out.push({ ...at, type: 'number', declaration: false });
    else if (name === 'StringLiteral' || name === 'UnclosedString') out.push({ ...at, type: 'string', declaration: false });
    else if (OPERATORS.has(name)) out.push({ ...at, type: 'operator', declaration: false });
    else if (name === 'Identifier') {
      const n = named.get(t.startOffset);
      if (n) out.push({ ...at, ...n });
      else if (FUNCTIONS.has(t.image) && tokens[i + 1]?.tokenType.name === 'LParen') out.push({ ...at, type: 'function', declaration: false });
      else if (TYPES.has(t.image) && tokens[i - 1]?.tokenType.name === 'Colon') out.push({ ...at, type: 'type', declaration: false });
      else if (CONTEXTUAL.has(t.image)) out.push({ ...at, type: 'keyword', declaration: false });
    }
  });
  for (const c of comments) out.push({ start: c.startOffset, length: c.image.length, type: 'comment', declaration: false });
  return out.sort((a, b) => a.start - b.start);
}

function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** LSP's relative encoding; a token spanning lines (a block comment) is split into one per line. */
export function semanticTokens(doc: Checked): SemanticTokens {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const push = (line: number, char: number, length: number, type: number, mods: number) => {
    if (length <= 0) return;
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, type, mods);
    prevLine = line;
    prevChar = char;
  };
  for (const t of classify(doc)) {
    const type = index(t.type);
    const mods = t.declaration ? 1 : 0;
    let start = t.start;
    const end = t.start + t.length;
    while (start < end) {
      const pos = doc.lines.position(start);
      const lineEnd = pos.line + 1 < doc.lines.lineCount ? doc.lines.offset(pos.line + 1, 0) : doc.text.length;
      const stop = Math.min(end, lineEnd);
      const text = doc.text.slice(start, stop).replace(/\r?\n$/, '');
      push(pos.line, pos.character, text.length, type, mods);
      start = stop;
    }
  }
  return { data };
}
