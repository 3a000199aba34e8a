/**
 * Every diagnostic code is produced by at least one fixture: some `.expected` file under tests/ (checker
 * fixtures in tests/check/fixtures, syntax errors in tests/parser/err) holds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Code } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';

/**
 * Codes no fixture holds, each with the reason. `syntax/too-large` needs a rules file over 1 MiB
 * (grammar/src/parser/limits.ts), too big to keep as a fixture; tests/parser/spans.test.ts and
 * tests/reliability/stress.test.ts produce it instead.
 */
const NOT_IN_FIXTURES = new Set<string>(['syntax/too-large']);

function expectedFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : expectedFiles(p);
    return e.name.endsWith('.expected') ? [p] : [];
  });
}

describe('diagnostic codes', () => {
  it('each appear in an expected file under tests/', () => {
    const text = expectedFiles(path.join(ROOT, 'tests')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    // Expected lines read `line:col severity code: message`.
    const produced = new Set([...text.matchAll(/^\d+:\d+ (?:error|warning|info|hint) ([a-z-]+\/[a-z-]+):/gm)].map((m) => m[1]));
    const missing = Object.values(Code).filter((c) => !produced.has(c) && !NOT_IN_FIXTURES.has(c));
    expect(missing).toEqual([]);
  });

  it('are excepted only where the code exists', () => {
    const codes = new Set<string>(Object.values(Code));
    for (const c of NOT_IN_FIXTURES) expect(codes.has(c), c).toBe(true);
  });
});
