/**
 * Mutations of rules files, as fast-check arbitraries (so a failure shrinks to the fewest, smallest edits):
 * deleted spans, inserted tokens (keywords, punctuation, numbers, strings, Chinese text, comments, lone
 * surrogates, control and separator characters), swapped and duplicated spans, replaced spans.
 */
import fc from 'fast-check';
import { CONTEXTUAL_KEYWORDS, RESERVED } from '@rubric/grammar';

const PUNCTUATION = ['{', '}', '(', ')', ',', ':', '..', '.', '=>', '==', '!=', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', 'half-up'];
const NUMBERS = ['0', '1', '-1', '100', '0.5', '0.005', '2.675', '1e5', '00', '1.', '.5', '99999999999999999999999999999', '0.000000000000000000001', '123456789012345678901234567890.5', '-0'];
const STRINGS = ['""', '"text"', '"', '"unclosed', '"a\\"b"', '"\\\\"', '"${x}"', '"`"', '"</script>"', '"\u2028"', '"中文"', '"\\n"', '"\\'];
const WORDS = ['指标', '优秀', '华北', '测试', '北京市', 'x', 'r', 'site.reachable', 'a.b.c', '_', '__proto__', 'constructor', 'toString', 'NaN', 'Infinity', 'undefined', 'null', 'id', 'name', 'missing zero', 'missing exclude', 'observed', 'weight 0', 'weight 100', 'weight -5', 'score = 1/0', 'score = 100 / (r - r)', 'otherwise => 0', '<= 1 =>'];
const COMMENTS = ['// note\n', '/* one line */', '/* two\n   lines */', '/*\n * banner\n */\n', '/* \t tabs\n\t\tand spaces */', '// 注释\n'];
const ODD = ['\uD800', '\uDC00', '\uDBFF\uDFFF', '😀', '\u2028', '\u2029', '\u0000', '\r', '\r\n', '\t', '\uFEFF', '\u00a0', '\u3000', '//', '/*', '*/', '\\', '`', '$', '@', '#', ';', '﹛', '（', '）', '：', '，'];

const keywords = [...RESERVED, ...Object.values(CONTEXTUAL_KEYWORDS).flat()];

/** One piece of text to insert. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...keywords) },
  { weight: 4, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.constantFrom(...COMMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }) },
).chain((p) => fc.constantFrom(p, ` ${p} `, `${p} `, `\n${p}\n`));

/** Positions are drawn as naturals and taken modulo the current length; `snap` moves them to a word boundary. */
const pos = fc.record({ n: fc.nat(), snap: fc.boolean() });
const len = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 200 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }) });

export type Op =
  | { op: 'delete'; at: { n: number; snap: boolean }; len: number }
  | { op: 'insert'; at: { n: number; snap: boolean }; text: string }
  | { op: 'replace'; at: { n: number; snap: boolean }; len: number; text: string }
  | { op: 'swap'; a: { n: number; snap: boolean }; b: { n: number; snap: boolean }; len: number }
  | { op: 'duplicate'; from: { n: number; snap: boolean }; to: { n: number; snap: boolean }; len: number }
  | { op: 'repeat'; at: { n: number; snap: boolean }; text: string; times: number };

export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at: pos, len }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: pos, text: piece }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: pos, len, text: piece }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swap' as const), a: pos, b: pos, len }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), from: pos, to: pos, len }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: pos, text: fc.constantFrom('(', '{', 'not ', '- ', 'if r then ', 'indicator x "x" weight 100 {', 'r + ', 'match g { a => '), times: fc.integer({ min: 2, max: 400 }) }) },
);

function at(text: string, p: { n: number; snap: boolean }): number {
  let i = text.length === 0 ? 0 : p.n % (text.length + 1);
  if (p.snap) while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

export function applyOps(text: string, ops: Op[]): string {
  let t = text;
  for (const o of ops) {
    switch (o.op) {
      case 'delete': { const i = at(t, o.at); t = t.slice(0, i) + t.slice(i + o.len); break; }
      case 'insert': { const i = at(t, o.at); t = t.slice(0, i) + o.text + t.slice(i); break; }
      case 'replace': { const i = at(t, o.at); t = t.slice(0, i) + o.text + t.slice(i + o.len); break; }
      case 'repeat': { const i = at(t, o.at); t = t.slice(0, i) + o.text.repeat(o.times) + t.slice(i); break; }
      case 'swap': {
        let a = at(t, o.a);
        let b = at(t, o.b);
        if (a > b) [a, b] = [b, a];
        const n = Math.min(o.len, b - a);
        if (n <= 0) break;
        const x = t.slice(a, a + n);
        const y = t.slice(b, b + n);
        t = t.slice(0, a) + y + t.slice(a + n, b) + x + t.slice(b + n);
        break;
      }
      case 'duplicate': { const i = at(t, o.from); const j = at(t, o.to); t = t.slice(0, j) + t.slice(i, i + o.len) + t.slice(j); break; }
    }
  }
  return t;
}

/** A stream of tokens with random layout: reaches parser states that mutations of real files seldom do. */
export const tokenSoup: fc.Arbitrary<string> = fc.array(fc.tuple(fc.oneof(
  fc.constantFrom(...keywords), fc.constantFrom(...PUNCTUATION), fc.constantFrom(...NUMBERS), fc.constantFrom(...STRINGS), fc.constantFrom(...WORDS),
), fc.constantFrom(' ', '\n', '', '  ')), { maxLength: 300 }).map((ts) => ts.map(([t, s]) => t + s).join(''));
