/**
 * Limits that keep parsing (and every recursive walk after it: checker, evaluator, code generator,
 * formatter) bounded in time and stack: a file too large, nesting too deep or an expression too deep is a
 * diagnostic, never a stack overflow or a multi-second stall. Real methodologies stay far below them.
 */
import type { IToken } from 'chevrotain';
import * as T from '../lexer/tokens.js';
import type { Expr, IndicatorItem, TopItem } from '../syntax/ast.js';
import type { SyntaxError } from '../syntax/diagnostic.js';

/**
 * Characters (UTF-16 code units) of a rules file: 1 Mi, room for about 20,000 lines of a real methodology
 * (the largest real ones have a few dozen thousand characters). A valid file this long parses in about a
 * third of a second and is analyzed and formatted in about one and a half; garbage that makes the parser
 * recover at nearly every token costs more, up to about 7 s at this size. Anything longer is refused unread.
 */
export const MAX_SOURCE_LENGTH = 1 << 20;
/** Levels of braces, parentheses, `if`/`match`/`band` and `not`/`-` chains, counted together. */
export const MAX_NESTING = 64;
/** Syntax errors listed; after them, one saying that more were not. */
export const MAX_SYNTAX_ERRORS = 200;
/** Depth of one expression's tree: `a + b + … ` chains nest too (left to right). */
export const MAX_EXPRESSION_DEPTH = 256;

export function tooLarge(text: string): SyntaxError | undefined {
  if (text.length <= MAX_SOURCE_LENGTH) return undefined;
  const mb = (n: number) => `${(n / (1 << 20)).toFixed(1)} MB`;
  return {
    code: 'syntax/too-large',
    message: `This file has ${text.length} characters (${mb(text.length)}); a rules file may have at most ${MAX_SOURCE_LENGTH} (${mb(MAX_SOURCE_LENGTH)}), so it was not read. Is it really a rules file?`,
    span: { start: 0, end: 0 },
  };
}

const RESETS = new Set(['score', 'check', 'start', 'deduct', 'add', 'per', 'when', 'finding', 'indicator', 'weight', 'test', 'given', 'expect',
  'evaluation', 'preview', 'evidence', 'grades', 'group', 'scenario', 'uncertainty']
  .map((w) => T.kw(w as T.ReservedWord)));

/**
 * The index of the first token nested deeper than MAX_NESTING, or -1. An upper bound of the parser's
 * recursion: brackets count until closed, `if`/`match`/`band` until the expression ends (a `,`, `=>`,
 * or the next rule), and a run of prefix `not`/`-`.
 */
export function tooDeepAt(tokens: IToken[]): number {
  const saved: number[] = [];
  let base = 0;
  let open = 0;
  let prefix = 0;
  const notKw = T.kw('not');
  const opens = new Set([T.kw('if'), T.kw('match'), T.kw('band')]);
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === T.LBrace || type === T.LParen) {
      saved.push(base, open);
      base += open + prefix + 1;
      open = 0;
      prefix = 0;
    } else if (type === T.RBrace || type === T.RParen) {
      if (saved.length) { open = saved.pop()!; base = saved.pop()!; }
      prefix = 0;
    } else if (type === notKw || type === T.Minus) {
      prefix++;
    } else if (opens.has(type)) {
      open += prefix + 1;
      prefix = 0;
    } else if (type === T.Comma || type === T.Arrow || RESETS.has(type)) {
      open = 0;
      prefix = 0;
    } else prefix = 0;
    if (base + open + prefix > MAX_NESTING) return i;
  }
  return -1;
}

export function tooDeep(token: IToken): SyntaxError {
  return {
    code: 'syntax/too-deep',
    message: `This is nested more than ${MAX_NESTING} levels deep (braces, parentheses, \`if\`, \`match\`, \`band\`, \`not\` and \`-\` all count), so the rest of the file was not read. Flatten it: give the nested part an indicator of its own.`,
    span: { start: token.startOffset, end: token.startOffset + token.image.length },
  };
}

/** How deep an expression's tree goes, stopping as soon as it passes `limit`. Iterative: no recursion. */
function depthExceeds(root: Expr, limit: number): boolean {
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length) {
    const [e, d] = stack.pop()!;
    if (d > limit) return true;
    const kids: (Expr | undefined)[] = [];
    switch (e.kind) {
      case 'Unary': kids.push(e.operand); break;
      case 'Binary': kids.push(e.left, e.right); break;
      case 'If': kids.push(e.cond, e.then, e.else); break;
      case 'Call': kids.push(...e.args); break;
      case 'Match': kids.push(e.subject, ...e.arms.map((a) => a.result)); break;
      case 'Band': kids.push(e.subject, ...e.arms.map((a) => a.result)); break;
      default: break;
    }
    for (const k of kids) if (k) stack.push([k, d + 1]);
  }
  return false;
}

/**
 * Drops every expression deeper than MAX_EXPRESSION_DEPTH from the tree (as recovery drops what it cannot
 * read) and reports each, so nothing downstream walks it.
 */
export function limitExpressions(items: TopItem[]): SyntaxError[] {
  const errors: SyntaxError[] = [];
  const check = <K extends string>(node: Partial<Record<K, Expr>>, key: K): void => {
    const e = node[key];
    if (e && depthExceeds(e, MAX_EXPRESSION_DEPTH)) {
      errors.push({
        code: 'syntax/too-deep',
        message: `This expression is more than ${MAX_EXPRESSION_DEPTH} operations deep; split it (into several indicators, or with \`min\`/\`max\`/\`match\`/\`band\`) so that it can be read and checked.`,
        span: { start: e.span.start, end: e.span.end },
      });
      delete node[key];
    }
  };
  const work: (TopItem | IndicatorItem)[] = [...items];
  while (work.length) {
    const item = work.pop()!;
    switch (item.kind) {
      case 'Indicator': work.push(...item.items); break;
      case 'Score': check(item, 'expr'); break;
      case 'Check': check(item, 'cond'); break;
      case 'Adjust': check(item, 'per'); check(item, 'when'); break;
      case 'Finding': check(item, 'when'); break;
      default: break;
    }
  }
  return errors;
}
