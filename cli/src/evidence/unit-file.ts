/**
 * One unit's evidence file, JSON or YAML, parsed with errors that name the line. A key written twice in
 * one object is refused in both (JSON.parse would keep the last silently), naming its field path and lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import YAML from 'yaml';
import { findJsonError, lineColumn } from './json-syntax.js';
import { duplicateKeysOfJson, duplicateMessage, mayHaveDuplicateKeys, NAMED, type DuplicateKey } from './duplicate-keys.js';

export const unitIdOf = (file: string): string => path.basename(file).replace(/\.[^.]+$/, '');

/** Keys written twice: one problem each (`field` is the key's dotted path); the message joins them. */
export class DuplicateKeysError extends Error {
  constructor(readonly duplicates: { field: string; message: string }[]) {
    super(duplicates.map((d) => d.message).join('; '));
    this.name = 'DuplicateKeysError';
  }
}

export function readUnitFile(file: string): unknown {
  const yaml = /\.ya?ml$/i.test(file);
  const bytes = fs.readFileSync(file);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // Binary data, or text in another encoding (GBK, Latin-1): never parsed as garbage, never printed.
  if (text.includes('\uFFFD') || text.includes('\0')) {
    const bad = notText(bytes);
    if (bad) throw new Error(`invalid ${yaml ? 'YAML' : 'JSON'} at line ${bad.line}, column ${bad.column}: the file is not UTF-8 text (${bad.why}); save it as UTF-8 ${yaml ? 'YAML' : 'JSON'}`);
  }
  return yaml ? parseYaml(text) : parseJson(text);
}

/** The first byte that makes a file not text: a NUL, or a byte that is not UTF-8. */
function notText(bytes: Buffer): { line: number; column: number; why: string } | undefined {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let at = -1;
  let why = '';
  for (let i = start; i < bytes.length;) {
    const b = bytes[i]!;
    if (b === 0) { at = i; why = 'it holds a NUL byte, as binary files do'; break; }
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length || !isUtf8(bytes.subarray(i, i + len))) {
      at = i; why = 'a byte there is not UTF-8: the file is binary, or saved in another encoding such as GBK'; break;
    }
    i += len;
  }
  if (at < 0) return undefined;
  const before = bytes.subarray(start, at);
  const nl = before.lastIndexOf(0x0a);
  return { line: before.filter((b) => b === 0x0a).length + 1, column: before.subarray(nl + 1).toString('utf8').length + 1, why };
}

function parseJson(text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(jsonErrorMessage(text, (e as Error).message));
  }
  // A cheap count first; the scan that names the keys runs only when the count says a key may repeat.
  if (mayHaveDuplicateKeys(text, data)) {
    const found = duplicateKeysOfJson(text);
    if (found.keys.length) throw duplicatesError(found);
  }
  return data;
}

/** `invalid JSON at line L, column C: <what is wrong>; <what to do>`, whatever V8's message says. */
function jsonErrorMessage(text: string, v8: string): string {
  const found = findJsonError(text);
  if (found) {
    const { line, column } = lineColumn(text, found.offset);
    return `invalid JSON at line ${line}, column ${column}: ${found.reason}; ${found.hint}`;
  }
  // Not expected (the scanner follows the same grammar): V8's position if it gives one, its words without quoted text.
  const m = /position (\d+)/.exec(v8);
  const { line, column } = lineColumn(text, m ? Number(m[1]) : text.length);
  const reason = v8.replace(/,? *(".*)?(is not valid JSON)?$/s, '').replace(/ (in|after) JSON at position \d+.*$/s, '').replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
  return `invalid JSON at line ${line}, column ${column}: ${reason || 'not valid JSON'}; correct the file's syntax there`;
}

function duplicatesError({ keys, more }: { keys: DuplicateKey[]; more: number }): DuplicateKeysError {
  const named = keys.map((d) => ({ field: d.path.join('.'), message: duplicateMessage(d) }));
  if (more) named.push({ field: '', message: `and ${more} more key${more === 1 ? '' : 's'} written more than once; keep one of each` });
  return new DuplicateKeysError(named);
}

function parseYaml(text: string): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length && doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) {
    const found = duplicateKeysOfYaml(doc, text);
    if (found.length) throw duplicatesError({ keys: found.slice(0, NAMED), more: Math.max(0, found.length - NAMED) });
  }
  // The library's first line ends "at line L, column C:" before a code frame; the frame is dropped, the colon too.
  if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]!.replace(/:\s*$/, '')}; correct the file's syntax there`);
  return doc.toJS();
}

/** The same findings as for JSON, from the YAML syntax tree: keys written twice in one mapping. */
function duplicateKeysOfYaml(doc: YAML.Document, text: string): DuplicateKey[] {
  const lineOf = (offset: number) => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
  const found: DuplicateKey[] = [];
  YAML.visit(doc, {
    Map(_, map, ancestors) {
      const lines = new Map<string, { lines: number[]; at: number }>();
      for (const pair of map.items) {
        if (!YAML.isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const at = pair.key.range?.[0] ?? 0;
        const seen = lines.get(key);
        if (seen) seen.lines.push(lineOf(at));
        else lines.set(key, { lines: [lineOf(at)], at });
      }
      const where = yamlPath([...ancestors, map]);
      for (const [key, seen] of lines) if (seen.lines.length > 1) found.push({ path: [...where, key], lines: seen.lines, at: seen.at });
    },
  });
  return found.sort((a, b) => a.at - b.at);
}

/** The field path of a YAML node from its ancestors: the keys of the pairs on the way, `[i]` in lists. */
function yamlPath(ancestors: readonly unknown[]): string[] {
  const out: string[] = [];
  ancestors.forEach((node, i) => {
    const child = ancestors[i + 1];
    if (YAML.isPair(node) && YAML.isScalar(node.key)) out.push(String(node.key.value));
    else if (YAML.isSeq(node) && child !== undefined) {
      const index = node.items.indexOf(child as never);
      if (out.length) out[out.length - 1] += `[${index}]`;
      else out.push(`[${index}]`);
    }
  });
  return out;
}
