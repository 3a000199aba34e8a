/** One unit's evidence file, JSON or YAML, parsed with errors that name the line. */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const unitIdOf = (file: string): string => path.basename(file).replace(/\.[^.]+$/, '');

export function readUnitFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return /\.ya?ml$/i.test(file) ? parseYaml(text) : parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    if (!m) throw new Error(`invalid JSON: ${(e as Error).message}`);
    const before = text.slice(0, Number(m[1]));
    throw new Error(`invalid JSON at line ${before.split('\n').length}, column ${Number(m[1]) - before.lastIndexOf('\n')}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

function parseYaml(text: string): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  return doc.toJS();
}
