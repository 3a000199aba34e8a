/**
 * The benchmark suite still runs: `npm run bench -- --smoke` end to end (tiny sizes), every section
 * present in what it writes. Never asserts a timing: figures from a smoke run mean nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-bench-smoke-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SECTIONS = ['engine', 'scorers', 'parser', 'startup', 'editor', 'run', 'uncertainty'];

test('npm run bench -- --smoke runs every section and writes the report', () => {
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'bench/tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr, 'bench/ compiles').toBe('');
  expect(tsc.status).toBe(0);

  const md = path.join(tmp, 'BENCHMARKS.md');
  const json = path.join(tmp, 'benchmarks.json');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench/dist/src/run.js'), '--smoke', '--out', md, '--json', json], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_TMP: path.join(tmp, 'scratch') },
  });
  expect(r.status, r.stderr).toBe(0);

  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { info: { smoke: boolean }; sections: { id: string; title: string; tables: unknown[]; goals: unknown[] }[] };
  expect(report.info.smoke).toBe(true);
  expect(report.sections.map((s) => s.id)).toEqual(SECTIONS);
  for (const s of report.sections) {
    expect(s.title, s.id).not.toMatch(/FAILED/);
    expect(s.tables.length, `${s.id} has tables`).toBeGreaterThan(0);
    expect(s.goals.length, `${s.id} records its goals`).toBeGreaterThan(0);
  }

  const text = fs.readFileSync(md, 'utf8');
  for (const heading of ['## Machine', '## Goals', '## 1.', '## 2.', '## 3a.', '## 3b.', '## 4.', '## 5.', '## 6.']) expect(text).toContain(heading);
  expect(text).toContain(process.version);
}, 240_000);
