/**
 * A hurried typist, seeded: the edits an editor sends while someone types into a rules file — characters
 * typed one by one, backspaces, words inserted and deleted, spans pasted and cut, a selection typed over,
 * several cursors at once, undo runs, now and then the whole text replaced — as LSP incremental changes.
 * Pure: the test decides what to send; `replay` rebuilds any version's text from the script.
 */

/** Deterministic 32-bit PRNG (mulberry32): the same seed gives the same session. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
/** One content change: `range` absent replaces the whole text. */
export interface Change { range?: Range; text: string }
/** An offset edit: replace [start, end) by text. */
interface Splice { start: number; end: number; text: string }

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export function offsetAt(text: string, p: Position): number {
  let at = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  const nl = text.indexOf('\n', at);
  return Math.min(at + p.character, nl < 0 ? text.length : nl);
}

/** Applies LSP changes in order, as the protocol says: each range is in the text the previous ones left. */
export function applyChanges(text: string, changes: Change[]): string {
  for (const c of changes) {
    if (!c.range) { text = c.text; continue; }
    text = text.slice(0, offsetAt(text, c.range.start)) + c.text + text.slice(offsetAt(text, c.range.end));
  }
  return text;
}

const KEYWORDS = ['indicator ', 'weight ', 'score = ', 'if ', ' then ', ' else ', 'band ', 'match ', 'otherwise => ', 'finding ', ' when ', 'check ',
  'clamp(', 'max(', 'min(', 'deduct ', 'start 100 ', 'per ', 'observed ', 'and ', 'or ', 'not ', '=> ', 'test ', 'given { ', 'expect '];
const BITS = ['{', '}', '(', ')', '"', '.', ',', ':', '=', '==', '!=', '>=', '<', '+', '-', '*', '/', ' / 0', '\n', '\n  ', '  ', '//', '/*', '*/',
  '0', '1', '100', '0.5', '20', '1e9', '"证照"', '事项', '办理', '"', '\t', '😀', '__proto__', 'constructor'];

/** One editor action: notifications to send (each a list of changes), and its undo. */
export interface Action {
  kind: string;
  notifications: Change[][];
}

export class Typist {
  text: string;
  private cursor = 0;
  /** Undo units: each the splices that restore the text before one action, to apply in order. */
  private readonly history: Splice[][] = [];
  private readonly rnd: () => number;
  private readonly words: string[];

  constructor(readonly original: string, seed: number) {
    this.text = original;
    this.rnd = prng(seed);
    this.words = [...new Set(original.match(/[\p{L}_][\p{L}\p{N}_.]*/gu) ?? [])];
  }

  private int(n: number): number { return Math.floor(this.rnd() * n); }
  private pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
  private near(): number {
    // A typist mostly stays where they were, sometimes jumps.
    const at = this.rnd() < 0.7 ? this.cursor + this.int(81) - 40 : this.int(this.text.length + 1);
    return Math.max(0, Math.min(this.text.length, at));
  }
  private snippet(): string {
    const r = this.rnd();
    if (r < 0.4) return this.pick(this.words);
    if (r < 0.7) return this.pick(KEYWORDS);
    return this.pick(BITS);
  }

  /** Applies splices (each in the text the previous left), returns the LSP changes and records the undo. */
  private splice(splices: Splice[], record = true): Change[] {
    const changes: Change[] = [];
    const undo: Splice[] = [];
    for (const s of splices) {
      changes.push({ range: { start: positionAt(this.text, s.start), end: positionAt(this.text, s.end) }, text: s.text });
      undo.unshift({ start: s.start, end: s.start + s.text.length, text: this.text.slice(s.start, s.end) });
      this.text = this.text.slice(0, s.start) + s.text + this.text.slice(s.end);
      this.cursor = s.start + s.text.length;
    }
    if (record) this.history.push(undo);
    return changes;
  }

  /** The next action; `bias` > 0 makes deleting likelier (the text grew too long). */
  next(): Action {
    const grown = this.text.length > 2 * this.original.length;
    const r = this.rnd();
    const at = this.near();
    if (r < 0.28 && !grown) {
      // Typing a word one character at a time.
      const word = [...this.snippet()];
      this.cursor = at;
      return { kind: 'type', notifications: word.map((ch) => this.splice([{ start: this.cursor, end: this.cursor, text: ch }])) };
    }
    if (r < 0.42) {
      const n = 1 + this.int(8);
      this.cursor = at;
      const out: Change[][] = [];
      for (let i = 0; i < n && this.cursor > 0; i++) out.push(this.splice([{ start: this.cursor - 1, end: this.cursor, text: '' }]));
      return { kind: 'backspace', notifications: out };
    }
    if (r < 0.5) {
      const m = /[\p{L}\p{N}_.]+|\s+|./suy;
      m.lastIndex = at;
      const word = m.exec(this.text)?.[0] ?? '';
      return { kind: 'delete-word', notifications: [this.splice([{ start: at, end: at + word.length, text: '' }])] };
    }
    if (r < 0.57 && !grown) return { kind: 'insert-word', notifications: [this.splice([{ start: at, end: at, text: this.snippet() }])] };
    if (r < 0.63 && !grown) {
      const from = this.int(this.text.length + 1);
      const span = this.text.slice(from, from + 1 + this.int(300));
      return { kind: 'paste', notifications: [this.splice([{ start: at, end: at, text: span }])] };
    }
    if (r < 0.68) return { kind: 'cut', notifications: [this.splice([{ start: at, end: Math.min(this.text.length, at + 1 + this.int(300)), text: '' }])] };
    if (r < 0.72) return { kind: 'type-over', notifications: [this.splice([{ start: at, end: Math.min(this.text.length, at + 1 + this.int(30)), text: this.snippet() }])] };
    if (r < 0.76) {
      // Several cursors typing the same thing, as one notification (later places first, as editors send).
      const places = Array.from({ length: 2 + this.int(3) }, () => this.int(this.text.length + 1)).sort((a, b) => b - a);
      const bit = this.snippet();
      return { kind: 'multi-cursor', notifications: [this.splice(places.map((p) => ({ start: p, end: p, text: bit })))] };
    }
    if (r < 0.9 || grown) {
      // Undo: the last few actions, one notification each, as holding Ctrl+Z sends them.
      const n = 1 + this.int(grown ? 40 : 15);
      const out: Change[][] = [];
      for (let i = 0; i < n && this.history.length; i++) out.push(this.splice(this.history.pop()!, false));
      return { kind: 'undo', notifications: out };
    }
    if (r < 0.99) {
      this.cursor = this.int(this.text.length + 1);
      return { kind: 'move', notifications: [] };
    }
    // The whole text replaced (a file reverted, a formatter that sends everything): the same text plus a newline.
    const before = this.text;
    this.text = `${this.text}\n`;
    this.history.push([{ start: before.length, end: this.text.length, text: '' }]);
    return { kind: 'full-text', notifications: [[{ text: this.text }]] };
  }

  /** Every action still undoable, undone: the notifications that bring the text back to the original. */
  undoAll(): Change[][] {
    const out: Change[][] = [];
    while (this.history.length) out.push(this.splice(this.history.pop()!, false));
    return out;
  }

  /** A random place in the current text, as a position (now and then one past the end of a line). */
  position(): Position {
    const p = positionAt(this.text, this.int(this.text.length + 1));
    return this.rnd() < 0.02 ? { line: p.line, character: p.character + 1000 } : p;
  }

  random(): number {
    return this.rnd();
  }
}
