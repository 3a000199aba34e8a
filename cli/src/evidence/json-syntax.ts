/**
 * Where a JSON text stops being JSON, and why, in words a methodologist can act on. Run only after
 * `JSON.parse` has failed: V8's message gives a position for some errors only (not for `NaN`, binary
 * garbage or an early end), and quotes raw text. This scanner follows RFC 8259 exactly, without recursion
 * (a file of 100,000 `[` is fine), and never quotes more than a word of the text.
 */

export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 units) where the problem is. */
  offset: number;
  /** What is wrong there, short. */
  reason: string;
  /** What to do. */
  hint: string;
}

/** A character as a message may show it: printable ones in backticks, others by code point. */
export function shownChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || cp === 0xfffd || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `the character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return ch === '`' ? 'a backtick' : `\`${ch}\``;
}

/** Line and column (both from 1) of an offset; a line ends at \n, \r\n or \r. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) { line++; start = i + 1; }
  }
  return { line, column: offset - start + 1 };
}

const WS = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const HEX4 = /[0-9A-Fa-f]{4}/y;

/** The first syntax error of a JSON text, or undefined if it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  /** Open containers: their kind and where they opened. */
  const stack: { kind: '{' | '['; at: number }[] = [];
  let i = 0;
  const skip = () => { while (i < n && WS(text.charCodeAt(i))) i++; };
  const closing = (kind: '{' | '[') => (kind === '{' ? '}' : ']');
  const where = (at: number) => `line ${lineColumn(text, at).line}`;
  const end = (): JsonSyntaxError => {
    if (text.trim() === '') return { offset: n, reason: 'the file is empty', hint: 'write the unit\'s evidence as one JSON object, e.g. {"field": 1}' };
    const open = stack[stack.length - 1];
    return open
      ? { offset: n, reason: 'the file ends before the JSON is complete', hint: `close the \`${open.kind}\` opened on ${where(open.at)} with \`${closing(open.kind)}\` (and any other still open)` }
      : { offset: n, reason: 'the file ends where a value is expected', hint: 'write the missing value' };
  };

  /** Unexpected text where a value belongs: name what was found. */
  const badValue = (afterComma: boolean): JsonSyntaxError => {
    const ch = text[i]!;
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word !== undefined) {
      const w = word.length > 30 ? `${word.slice(0, 30)}…` : word;
      if (word === 'NaN' || word === 'Infinity' || word === 'undefined') return { offset: i, reason: `\`${w}\` is not a JSON value`, hint: 'write a number, or null where the evidence is missing' };
      if (/^(true|false|null)$/i.test(word) || /^none$/i.test(word)) return { offset: i, reason: `\`${w}\` is not a JSON value`, hint: 'write true, false or null, in lower case' };
      return { offset: i, reason: `the text \`${w}\` is not in quotes`, hint: 'put texts in double quotes ("…")' };
    }
    if (ch === "'") return { offset: i, reason: 'a text in single quotes', hint: 'JSON texts take double quotes ("…")' };
    if (ch === '/' || ch === '#') return { offset: i, reason: 'a comment', hint: 'JSON has no comments; remove it (YAML evidence files may have # comments)' };
    if ((ch === '}' || ch === ']') && afterComma) return { offset: i, reason: `a comma before \`${ch}\``, hint: 'remove the comma after the last item' };
    if (ch === ',') return { offset: i, reason: 'a comma where a value is expected', hint: 'write the value, or remove the extra comma' };
    if (ch === '-' && text.startsWith('Infinity', i + 1)) return { offset: i, reason: '`-Infinity` is not a JSON value', hint: 'write a number, or null where the evidence is missing' };
    if (ch === '+') return { offset: i, reason: 'a number with a plus sign', hint: 'drop the +' };
    if (ch === '.') return { offset: i, reason: 'a number that starts with a decimal point', hint: 'write a 0 before the point (0.5)' };
    if (ch === '-') return { offset: i, reason: 'a minus sign with no number after it', hint: 'write the number right after the -' };
    return { offset: i, reason: `${shownChar(ch)} where a value is expected`, hint: 'write a value: a number, a text in double quotes, true, false, null, a list or an object' };
  };

  /** A text from its opening quote; an error, or undefined with `i` after the closing quote. */
  const string = (): JsonSyntaxError | undefined => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return undefined; }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return { offset: i, reason: 'an escape \\u without four hex digits', hint: 'write \\u and four hex digits, or \\\\ for a backslash' };
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) return { offset: i, reason: `an invalid escape: a backslash before ${shownChar(e)}`, hint: 'write \\\\ for a backslash (C:\\\\data), or \\n, \\t, \\" …' };
        i += 2;
        continue;
      }
      if (c < 0x20) {
        return c === 0x0a || c === 0x0d
          ? { offset: start, reason: 'a text whose closing quote is not on its line', hint: 'close the quote, and write \\n for a line break inside a text' }
          : { offset: i, reason: `${shownChar(text[i]!)} inside a text`, hint: 'remove it, or write it as an escape such as \\t' };
      }
      i++;
    }
    return { offset: start, reason: 'a text whose closing quote is missing', hint: 'close the quote' };
  };

  /** After a value: what may follow it. */
  const afterValue = (): JsonSyntaxError | 'done' | 'value' | 'key' | undefined => {
    skip();
    const top = stack[stack.length - 1];
    if (!top) {
      if (i < n) return { offset: i, reason: 'more text after the end of the JSON value', hint: 'a unit file holds one JSON object; remove what follows it' };
      return 'done';
    }
    if (i >= n) return end();
    const ch = text[i]!;
    if (ch === ',') { i++; return top.kind === '{' ? 'key' : 'value'; }
    if (ch === closing(top.kind)) { i++; stack.pop(); return undefined; }
    if (ch === '}' || ch === ']') return { offset: i, reason: `\`${ch}\` closes the \`${top.kind}\` opened on ${where(top.at)}`, hint: `close it with \`${closing(top.kind)}\`` };
    if (ch === ':') return { offset: i, reason: 'a colon after a value', hint: top.kind === '[' ? 'a list holds values only; use an object {…} for keys' : 'write one value per key' };
    return { offset: i, reason: 'a comma is missing before this item', hint: 'separate items with commas' };
  };

  // The states: a value is expected (after `[`, `,` in a list, `:` or at the start), or a key (after `{` or `,` in an object).
  let state: 'value' | 'key' = 'value';
  let afterComma = false;
  let first = true;
  for (;;) {
    skip();
    if (i >= n) return end();
    const ch = text[i]!;
    if (state === 'key') {
      if (ch === '}' && first) { i++; stack.pop(); }
      else if (ch === '"') {
        const e = string();
        if (e) return e;
        skip();
        if (i >= n) return end();
        if (text[i] !== ':') return { offset: i, reason: 'a key without a colon after it', hint: 'write : between the key and its value' };
        i++;
        state = 'value'; afterComma = false; first = false;
        continue;
      } else {
        if (ch === '}') return { offset: i, reason: 'a comma before `}`', hint: 'remove the comma after the last item' };
        WORD.lastIndex = i;
        const word = WORD.exec(text)?.[0];
        if (word !== undefined) return { offset: i, reason: `the key \`${word.length > 30 ? `${word.slice(0, 30)}…` : word}\` is not in quotes`, hint: 'put keys in double quotes ("key": value)' };
        if (ch === "'") return { offset: i, reason: 'a key in single quotes', hint: 'JSON keys take double quotes ("key": value)' };
        return badValue(false);
      }
    } else if (ch === '{' || ch === '[') {
      stack.push({ kind: ch, at: i });
      i++;
      skip();
      if (ch === '[' && text[i] === ']') { i++; stack.pop(); }
      else { state = ch === '{' ? 'key' : 'value'; first = true; afterComma = false; continue; }
    } else if (ch === '"') {
      const e = string();
      if (e) return e;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return badValue(afterComma);
      const next = text[i + m[0].length];
      if (next !== undefined && /[0-9.eE]/.test(next)) {
        const reason = m[0].replace(/^-/, '') === '0' && /[0-9]/.test(next) ? 'a number with a leading zero' : 'a malformed number';
        return { offset: i, reason, hint: reason === 'a number with a leading zero' ? 'drop the leading zeros (or quote it if it is a code)' : 'write it as digits with at most one decimal point, e.g. 12.5 or 1.2e3' };
      }
      i += m[0].length;
    } else if (text.startsWith('true', i) || text.startsWith('false', i) || text.startsWith('null', i)) {
      const w = text.startsWith('true', i) ? 4 : text.startsWith('null', i) ? 4 : 5;
      WORD.lastIndex = i;
      if (WORD.exec(text)![0].length !== w) return badValue(afterComma);
      i += w;
    } else return badValue(afterComma);
    // A value was read (or an empty container closed): what follows it.
    for (;;) {
      const next = afterValue();
      if (next === 'done') return undefined;
      if (next === undefined) continue;
      if (typeof next === 'object') return next;
      state = next; afterComma = true; first = false;
      break;
    }
  }
}
