/**
 * Spans, which the golden trees leave out: the parser keeps each CST node's first and last real offsets as
 * it consumes tokens (RubricParser) and the AST takes them from there. Every span lies in the text; a name,
 * a number and a path cover exactly their text; in a file without errors a node lies inside its parent.
 * Also the size limit's boundary.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '@rubric/grammar';
import { MAX_SOURCE_LENGTH } from '@rubric/grammar/parser/limits';
import { seeds } from '../reliability/fuzz/corpus.js';

type Span = { start: number; end: number };
const isSpan = (v: unknown): v is Span => !!v && typeof v === 'object' && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number';

function problems(text: string, strict: boolean): string[] {
  const out: string[] = [];
  const visit = (node: unknown, parent: Span | undefined, where: string): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach((n, i) => visit(n, parent, `${where}[${i}]`)); return; }
    const o = node as Record<string, unknown>;
    const span = isSpan(o['span']) ? o['span'] : undefined;
    if (span) {
      if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) out.push(`${where}: span ${span.start}..${span.end} outside the text`);
      const slice = text.slice(span.start, span.end);
      // A name ({ text, span }; an empty one stands for a missing name and spans its construct), a number
      // literal, a path: the span is exactly their text.
      const t = o['text'];
      if (typeof t === 'string' && t !== '' && !('kind' in o) && !Array.isArray(o['parts']) && !t.startsWith('-') && slice !== t) out.push(`${where}: "${slice}" ≠ "${t}"`);
      if (o['kind'] === 'Number' && slice !== o['text']) out.push(`${where}: number "${slice}" ≠ "${String(o['text'])}"`);
      const parts = o['parts'];
      if (Array.isArray(parts) && parts.length && o['text'] !== 'score') {
        const first = (parts[0] as { span: Span }).span;
        const last = (parts[parts.length - 1] as { span: Span }).span;
        if (span.start !== first.start || span.end !== last.end) out.push(`${where}: path span ${span.start}..${span.end} ≠ its parts ${first.start}..${last.end}`);
      }
      if (strict && parent && (span.start < parent.start || span.end > parent.end)) out.push(`${where}: ${span.start}..${span.end} outside its parent ${parent.start}..${parent.end}`);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'span') visit(v, span ?? parent, `${where}.${k}`);
  };
  visit(parse(text).tree, undefined, 'File');
  return out;
}

describe('AST spans', () => {
  it('every repository rules file, and each cut in half (recovery)', () => {
    for (const s of seeds()) {
      const clean = parse(s.text).errors.length === 0;
      expect(problems(s.text, clean), s.file).toEqual([]);
      expect(problems(s.text.slice(0, s.text.length >> 1), false), `${s.file}, first half`).toEqual([]);
    }
  });
});

describe('size limit', () => {
  const head = 'evaluation s "S" { year 2024 }\n';
  it(`reads a file of exactly ${MAX_SOURCE_LENGTH} characters and refuses one more`, () => {
    const at = head + ' '.repeat(MAX_SOURCE_LENGTH - head.length);
    expect(parse(at).errors.map((e) => e.code)).toEqual([]);
    expect(parse(at).tree.items).toHaveLength(1);
    const over = parse(`${at} `);
    expect(over.errors.map((e) => e.code)).toEqual(['syntax/too-large']);
    expect(over.tree.items).toEqual([]);
  });
});
