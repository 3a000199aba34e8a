import { lex } from '../lexer/lexer.js';
import { buildFile } from '../syntax/build-ast.js';
import type { FileNode } from '../syntax/ast.js';
import type { Diagnostic } from '../syntax/diagnostic.js';
import { RubricParser } from './parser.js';
import type { IToken } from 'chevrotain';

let parser: RubricParser | undefined;

/** One parser per process (building it is the costly part); created on first use. */
function getParser(): RubricParser {
  parser ??= new RubricParser();
  return parser;
}

export interface ParseResult {
  tree: FileNode;
  /** Syntax errors, in source order. Parsing never throws. */
  errors: Diagnostic[];
  comments: IToken[];
  tokens: IToken[];
}

export function parse(text: string): ParseResult {
  const lexed = lex(text);
  const p = getParser();
  p.input = lexed.tokens;
  const cst = p.file();
  const errors: Diagnostic[] = lexed.errors.map((e) => ({ ...e, severity: 'error' as const }));
  for (const e of p.errors) {
    const t = e.token;
    const atEnd = Number.isNaN(t.startOffset) || t.tokenType?.name === 'EOF';
    const start = atEnd ? lastOffset(lexed.tokens, text) : t.startOffset;
    const end = atEnd ? start : t.startOffset + t.image.length;
    errors.push({ code: 'syntax/unexpected', severity: 'error', message: e.message, span: { start, end: Math.max(end, start) } });
  }
  errors.sort((a, b) => a.span.start - b.span.start);
  return { tree: buildFile(cst, text.length), errors: dedupe(errors), comments: lexed.comments, tokens: lexed.tokens };
}

function lastOffset(tokens: IToken[], text: string): number {
  const last = tokens[tokens.length - 1];
  return last ? last.startOffset + last.image.length : text.length;
}

/** Recovery can report the same place twice; one message per place is what a reader wants. */
function dedupe(errors: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.span.start}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
