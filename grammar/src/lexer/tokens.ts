/**
 * Every token of the language, defined once. The parser, the TextMate grammar (textmate/), semantic
 * tokens and completion all derive from these lists, so a keyword added here is highlighted, completed
 * and parsed without touching anything else.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u00a0\u3000\ufeff]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments', line_breaks: true });

/** Chevrotain drops the `u` flag of token regexps, so Unicode identifiers (Chinese ids) use a custom matcher. */
const identifierPattern = /[\p{L}_][\p{L}\p{N}_]*/uy;

/** ASCII letters, digits and `_`: within ASCII, exactly what \p{L}, \p{N} and `_` match. */
function asciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * An identifier at `offset`. Most are ASCII: they are scanned by hand (the regexp's match object costs more
 * than the scan); anything else goes to the Unicode regexp, which decides alone.
 */
function matchIdentifier(text: string, offset: number): [string] | RegExpExecArray | null {
  const first = text.charCodeAt(offset);
  if (asciiWord(first) && (first < 48 || first > 57)) {
    let end = offset + 1;
    let c = text.charCodeAt(end);
    while (asciiWord(c)) c = text.charCodeAt(++end);
    // NaN at the end of the text; another ASCII character ends the name; a non-ASCII one may continue it.
    if (!(c >= 128)) return [text.slice(offset, end)];
  }
  identifierPattern.lastIndex = offset;
  return identifierPattern.exec(text);
}
/**
 * The characters an identifier may start with, for Chevrotain's "first char" optimisation (without a hint a
 * custom pattern turns it off, and the lexer then tries every token at every position). Chevrotain files
 * characters above U+00FF into buckets of 255 by code unit, so one code unit of each bucket stands for all
 * of them: Chinese letters, and the high surrogates of letters beyond the BMP, are all covered.
 */
function identifierStarts(): number[] {
  const starts: number[] = [];
  for (let c = 0; c < 256; c++) if (/[\p{L}_]/u.test(String.fromCharCode(c))) starts.push(c);
  for (let c = 256; c < 0xffff; c += 255) starts.push(c);
  starts.push(0xffff);
  return starts;
}
export const Identifier = createToken({ name: 'Identifier', pattern: matchIdentifier, line_breaks: false, start_chars_hint: identifierStarts() });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d+(?:\.\d+)?/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\.)*"/ });
/**
 * A text whose closing quote is missing, up to the end of its line: one token (a StringLiteral wherever the
 * grammar wants one, and reported by the lexer), so the rest of the line is not read as code and one
 * missing quote gives one error, not a cascade.
 */
export const UnclosedString = createToken({ name: 'UnclosedString', pattern: /"(?:[^"\\\n\r]|\\.)*/, categories: [StringLiteral] });
/** The rounding mode of `round 2 half-up`; a token of its own because an identifier cannot hold `-`. */
export const HalfUp = createToken({ name: 'HalfUp', pattern: /half-up/, longer_alt: Identifier });

/** A category for every reserved word: highlighting and completion read it. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });

/**
 * Reserved words: never ids. Each carries the human description that syntax errors use.
 * Words that are keywords only in one position (`year`, `max`, `good`, type names, …) are
 * CONTEXTUAL_KEYWORDS below: they lex as identifiers, so they stay usable as enum values or ids.
 */
export const RESERVED = [
  'evaluation', 'preview', 'evidence', 'grades', 'group', 'scenario', 'indicator', 'weight', 'observed',
  'score', 'check', 'else', 'finding', 'start', 'deduct', 'add', 'per', 'when', 'test', 'given', 'expect',
  'match', 'band', 'if', 'then', 'otherwise', 'and', 'or', 'not', 'true', 'false', 'missing', 'extends',
  'uncertainty',
] as const;
export type ReservedWord = (typeof RESERVED)[number];

const keywordTokens = new Map<ReservedWord, TokenType>();
for (const word of RESERVED) {
  keywordTokens.set(word, createToken({
    name: `Kw_${word}`,
    label: `\`${word}\``,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Keyword],
  }));
}
export function kw(word: ReservedWord): TokenType {
  return keywordTokens.get(word)!;
}

/** Words with a meaning in one position only; the parser checks their image. */
export const CONTEXTUAL_KEYWORDS = {
  evaluationSettings: ['year', 'scale', 'round'],
  previewSettings: ['evidence', 'baseline'],
  types: ['bool', 'number', 'ratio', 'count', 'enum', 'text'],
  missingPolicies: ['zero', 'exclude'],
  functions: ['min', 'max', 'clamp'],
  modifiers: ['by', 'good', 'max', 'no', 'excluded', 'grade'],
  uncertainty: ['runs', 'seed', 'weights', 'threshold', 'imputation'],
} as const;

export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: '`{`' });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: '`}`' });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '`(`' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '`)`' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '`,`' });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: '`:`' });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./, label: '`..`' });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: '`.`' });
export const Arrow = createToken({ name: 'Arrow', pattern: /=>/, label: '`=>`' });
export const EqEq = createToken({ name: 'EqEq', pattern: /==/, label: '`==`' });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=/, label: '`!=`' });
export const Le = createToken({ name: 'Le', pattern: /<=/, label: '`<=`' });
export const Ge = createToken({ name: 'Ge', pattern: />=/, label: '`>=`' });
export const Lt = createToken({ name: 'Lt', pattern: /</, label: '`<`' });
export const Gt = createToken({ name: 'Gt', pattern: />/, label: '`>`' });
export const Assign = createToken({ name: 'Assign', pattern: /=/, label: '`=`' });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, label: '`+`' });
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: '`-`' });
export const Star = createToken({ name: 'Star', pattern: /\*/, label: '`*`' });
export const Slash = createToken({ name: 'Slash', pattern: /\//, label: '`/`' });

export const OPERATORS = [Arrow, EqEq, NotEq, Le, Ge, Lt, Gt, Assign, Plus, Minus, Star, Slash] as const;
export const PUNCTUATION = [LBrace, RBrace, LParen, RParen, Comma, Colon, DotDot, Dot] as const;

/** Order matters: comments before `/`, `..` before `.`, two-char operators before one-char ones. */
export const allTokens: TokenType[] = [
  WhiteSpace, LineComment, BlockComment,
  StringLiteral, UnclosedString, NumberLiteral, HalfUp,
  Keyword, ...keywordTokens.values(),
  Identifier,
  LBrace, RBrace, LParen, RParen, Comma, Colon, DotDot, Dot,
  Arrow, EqEq, NotEq, Le, Ge, Lt, Gt, Assign, Plus, Minus, Star, Slash,
];

/** Human names for tokens, used by syntax errors ("expected a number"). */
export const TOKEN_DESCRIPTIONS = new Map<TokenType, string>([
  [Identifier, 'a name'],
  [NumberLiteral, 'a number'],
  [StringLiteral, 'a text in double quotes'],
  [HalfUp, '`half-up`'],
]);
