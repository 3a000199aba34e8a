import { lex } from '../lexer/lexer.js';
import { buildFile } from '../syntax/build-ast.js';
import type { FileNode } from '../syntax/ast.js';
import type { Diagnostic } from '../syntax/diagnostic.js';
import { RubricParser } from './parser.js';
import { limitExpressions, MAX_SYNTAX_ERRORS, tooDeep, tooDeepAt, tooLarge } from './limits.js';
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
  const large = tooLarge(text);
  if (large) return { tree: { kind: 'File', items: [], span: { start: 0, end: text.length } }, errors: [{ ...large, severity: 'error' }], comments: [], tokens: [] };
  const lexed = lex(text);
  // Both lists are in source order: the first MAX_SYNTAX_ERRORS of each hold the first of the merged list.
  const errors: Diagnostic[] = lexed.errors.slice(0, MAX_SYNTAX_ERRORS + 1).map((e) => ({ ...e, severity: 'error' as const }));
  let more = lexed.errors.length > MAX_SYNTAX_ERRORS;
  // Beyond the nesting limit the parser would overflow the stack: it reads the tokens before it only.
  const deep = tooDeepAt(lexed.tokens);
  const tokens = deep < 0 ? lexed.tokens : lexed.tokens.slice(0, deep);
  if (deep >= 0) errors.push({ ...tooDeep(lexed.tokens[deep]!), severity: 'error' });
  const p = getParser();
  p.input = tokens;
  const cst = withoutStackTraces(() => p.file());
  if (p.errors.length > MAX_SYNTAX_ERRORS) more = true;
  for (const e of p.errors.slice(0, MAX_SYNTAX_ERRORS + 1)) {
    const t = e.token;
    const atEnd = Number.isNaN(t.startOffset) || t.tokenType?.name === 'EOF';
    // Where the nesting limit cut the file, "found the end of the file" would not be true: one error says why.
    if (atEnd && deep >= 0) continue;
    const start = atEnd ? lastOffset(tokens, text) : t.startOffset;
    const end = atEnd ? start : t.startOffset + t.image.length;
    errors.push({ code: 'syntax/unexpected', severity: 'error', message: e.message, span: { start, end: Math.max(end, start) } });
  }
  const tree = buildFile(cst, text.length);
  for (const e of limitExpressions(tree.items)) errors.push({ ...e, severity: 'error' });
  errors.sort((a, b) => a.span.start - b.span.start);
  return { tree, errors: capped(dedupe(errors), more), comments: lexed.comments, tokens: lexed.tokens };
}

/** Recovery throws and catches an exception per error; their stack traces are never read, only paid for. */
function withoutStackTraces<T>(f: () => T): T {
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = traces;
  }
}

/** A file of garbage would bury the reader (and the editor) in errors: the first ones say what is wrong. */
function capped(errors: Diagnostic[], more: boolean): Diagnostic[] {
  if (errors.length <= MAX_SYNTAX_ERRORS && !more) return errors;
  const kept = errors.slice(0, MAX_SYNTAX_ERRORS);
  const at = errors[MAX_SYNTAX_ERRORS]?.span.start ?? kept[kept.length - 1]!.span.end;
  kept.push({
    code: 'syntax/too-many-errors', severity: 'error', span: { start: at, end: at },
    message: `More than ${MAX_SYNTAX_ERRORS} syntax errors: the ones after here are not listed. Fix the first ones (is this really a rules file?).`,
  });
  return kept;
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
