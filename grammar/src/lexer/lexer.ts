import { Lexer, type IToken } from 'chevrotain';
import { allTokens, UnclosedString } from './tokens.js';
import type { SyntaxError } from '../syntax/diagnostic.js';

/**
 * Built once per process: Chevrotain's lexer analysis is costly and the token set never changes.
 * `ensureOptimizations`: a token that turns off the "first char" optimisation (a custom pattern without
 * `start_chars_hint`) makes the lexer try every token at every position; fail loudly instead.
 */
const lexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: SyntaxError[];
}

export function lex(text: string): LexResult {
  const result = lexer.tokenize(text);
  const errors: SyntaxError[] = result.errors.map((e) => {
    const ch = text.slice(e.offset, e.offset + e.length);
    const message = ch.startsWith('"') ? 'This text is not closed on its line: add the closing `"`.'
      : `Unexpected character \`${ch.slice(0, 1)}\`, which the language does not use: remove it.`;
    return { code: 'syntax/unexpected-character', message, span: { start: e.offset, end: e.offset + Math.max(1, e.length) } };
  });
  for (const t of result.tokens) {
    if (t.tokenType === UnclosedString) errors.push({ code: 'syntax/unexpected-character', message: 'This text is not closed on its line: add the closing `"`.', span: { start: t.startOffset, end: t.startOffset + 1 } });
  }
  errors.sort((a, b) => a.span.start - b.span.start);
  return { tokens: result.tokens, comments: (result.groups['comments'] ?? []) as IToken[], errors };
}
