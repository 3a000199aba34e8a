/**
 * One unit's evidence file, JSON or YAML, parsed with errors that name the line. A key written twice in
 * one object is refused in both (JSON.parse would keep the last silently), naming its field path and lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
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
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return /\.ya?ml$/i.test(file) ? parseYaml(text) : parseJson(text);
}

function parseJson(text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    if (!m) throw new Error(`invalid JSON: ${(e as Error).message}`);
    const before = text.slice(0, Number(m[1]));
    throw new Error(`invalid JSON at line ${before.split('\n').length}, column ${Number(m[1]) - before.lastIndexOf('\n')}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
  // A cheap count first; the scan that names the keys runs only when the count says a key may repeat.
  if (mayHaveDuplicateKeys(text, data)) {
    const found = duplicateKeysOfJson(text);
    if (found.keys.length) throw duplicatesError(found);
  }
  return data;
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
