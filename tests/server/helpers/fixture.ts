/**
 * Feature fixtures: a `.rubric` file with cursor markers `<|>` and, optionally, unsaved-edit markers
 * `<<saved|edited>>` (the buffer holds `edited`; the "saved file on disk" holds `saved`). Fixtures sit
 * under tests/server/fixtures/<feature>/ and name their preview evidence relative to themselves.
 * Expected answers are golden files beside them (`UPDATE_FIXTURES=1` rewrites them; review the diff).
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '@rubric/core';
import { LineIndex } from '@rubric/grammar';
import type { Position, Range, TextEdit } from 'vscode-languageserver';
import type { Checked, Previewed } from '../../../server/src/documents/phases.js';
import { makeSource } from '../../../server/src/documents/source.js';
import { PreviewService } from '../../../server/src/preview/preview.js';
import { pathToFileURL } from 'node:url';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export interface Fixture {
  file: string;
  name: string;
  /** The buffer, markers removed. */
  text: string;
  /** The saved file's text (equal to `text` without edit markers). */
  saved: string;
  /** Cursor offsets in `text`, in order. */
  cursors: number[];
}

export function loadFixture(file: string): Fixture {
  const raw = fs.readFileSync(file, 'utf8');
  let text = '';
  let saved = '';
  const cursors: number[] = [];
  const re = /<\|>|<<([^|>]*)\|([^>]*)>>/g;
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    text += raw.slice(last, m.index);
    saved += raw.slice(last, m.index);
    if (m[0] === '<|>') cursors.push(text.length);
    else {
      saved += m[1];
      text += m[2];
    }
    last = m.index + m[0].length;
  }
  text += raw.slice(last);
  saved += raw.slice(last);
  return { file, name: path.basename(file, '.rubric'), text, saved, cursors };
}

export function checkedOf(fx: Fixture, version = 1): Checked {
  return { ...makeSource(pathToFileURL(fx.file).href, version, fx.text), analysis: analyze(fx.text) };
}

/** The fixture previewed over its evidence, with its `saved` text as the file on disk. */
export async function previewedOf(fx: Fixture, service = new PreviewService()): Promise<Previewed> {
  service.saved.remember(fx.file, fx.saved);
  const doc = checkedOf(fx);
  return { ...doc, preview: await service.compute(doc) };
}

export function fixturesIn(feature: string): string[] {
  const dir = path.join(FIXTURES, feature);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.rubric')).sort().map((f) => path.join(dir, f));
}

/** `12:5` (1-based), how positions read in golden files. */
export function at(p: Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}

export function span(r: Range): string {
  return `${at(r.start)}-${at(r.end)}`;
}

/** The cursor as `line:col` plus the line with `|` at the cursor, for readable golden files. */
export function cursorLine(fx: Fixture, offset: number): string {
  const lines = new LineIndex(fx.text);
  const p = lines.position(offset);
  const start = lines.offset(p.line, 0);
  const end = fx.text.indexOf('\n', offset);
  return `${at(p)}  ${(fx.text.slice(start, offset) + '|' + fx.text.slice(offset, end < 0 ? undefined : end)).trim()}`;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offset(e.range.start.line, e.range.start.character), end: lines.offset(e.range.end.line, e.range.end.character), text: e.newText }));
  spans.sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/**
 * The lines that differ between two texts: line by line when the edit keeps the line count (renames),
 * else the one region between the first and the last difference.
 */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length === b.length) return a.flatMap((l, i) => (l === b[i] ? [] : [`- ${i + 1}: ${l}`, `+ ${i + 1}: ${b[i]}`])).join('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [...a.slice(start, endA).map((l) => `- ${start + 1}: ${l}`), ...b.slice(start, endB).map((l) => `+ ${l}`)].join('\n');
}
