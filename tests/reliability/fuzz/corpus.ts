/**
 * Seeds of the fuzzer: every rules file of the repository (examples and test fixtures, whoever adds them),
 * read once; plus the differential tests' generator of random valid files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../helpers/fixtures.js';

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.rubric')) out.push(p);
  }
}

export interface Seed {
  /** Path relative to the repository, for reports. */
  file: string;
  text: string;
}

let cached: Seed[] | undefined;

/** examples/**\/*.rubric and tests/**\/*.rubric, sorted so that a seed number always means the same file. */
export function seeds(): Seed[] {
  if (cached) return cached;
  const files: string[] = [];
  for (const top of ['examples', 'tests']) walk(path.join(ROOT, top), files);
  cached = files.sort().map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
  return cached;
}
