/**
 * `npm run fuzz` (scripts/fuzz.mjs) records what it ran: every figure of both tables it writes into
 * RELIABILITY.md is a number. A tiny run, written to copies (`--record`, `--doc`), never to the real files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
import { tmp, removeTemps } from './cli.js';

afterAll(removeTemps);

// Regression, fixed — formerly a bug (scripts/fuzz.mjs): the language server's figures were read from
// `lsp-edits.json` in the run's folder, the very path vitest's JSON report of that run was written to,
// so the figures were lost and the table read `edits | ? didChange notifications (? typist actions)`.
// The script runs vitest on test files; were this file ever among them, it must not start the script again.
it.skipIf(process.env['RUBRIC_IN_FUZZ_RECORD_TEST'])('a short run fills both tables of RELIABILITY.md with numbers', () => {
  const dir = tmp('rubric-fuzz-record-');
  const doc = path.join(dir, 'RELIABILITY.md');
  const record = path.join(dir, 'last-run.json');
  const real = fs.readFileSync(path.join(ROOT, 'RELIABILITY.md'), 'utf8');
  fs.writeFileSync(doc, real.slice(real.indexOf('## Latest long run')));
  const figures = (text: string) => text.slice(text.indexOf('## Latest long run'));
  const before = { doc: figures(real), record: fs.readFileSync(path.join(ROOT, 'tests/reliability/fuzz/last-run.json'), 'utf8') };

  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/fuzz.mjs'), '--cases', '20', '--seed', '7', '--record', record, '--doc', doc], {
    cwd: ROOT, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024,
    // The script's own vitest runs must not think they are workers of this one.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TINYPOOL)/.test(k))), NO_COLOR: '1', LSP_EDITS_RSS_MB: '10000', RUBRIC_IN_FUZZ_RECORD_TEST: '1' },
  });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);

  const written = fs.readFileSync(doc, 'utf8');
  const lsp = /<!-- lsp-edits:last-run[\s\S]*?<!-- \/lsp-edits:last-run -->/.exec(written)?.[0] ?? '';
  const fuzz = /<!-- fuzz:last-run[\s\S]*?<!-- \/fuzz:last-run -->/.exec(written)?.[0] ?? '';
  expect(lsp).toMatch(/\| edits \| \d+ didChange notifications \(\d+ typist actions; by kind: \d+ \w/);
  expect(lsp).toMatch(/\d+ requests in between, then \d+ undos/);
  expect(lsp).toMatch(/\| failures \| 0 \|/);
  expect(lsp).toMatch(/\| server memory \(VmRSS\) \| [\d.]+ MB at start, [\d.]+ MB after warm-up \(\d+ edits\), [\d.]+ MB at half-way, peak [\d.]+ MB, [\d.]+ MB at the end \|/);
  expect(fuzz).toMatch(/\| fuzz cases \| 20 \(\d+ without errors/);
  for (const table of [lsp, fuzz]) expect(table).not.toMatch(/\?|undefined|NaN/);

  const last = JSON.parse(fs.readFileSync(record, 'utf8')) as { lspEdits: { edits?: number; failures?: number } };
  expect(last.lspEdits.edits).toBeGreaterThanOrEqual(20);
  expect(last.lspEdits.failures).toBe(0);
  // The real record and document are untouched.
  expect(figures(fs.readFileSync(path.join(ROOT, 'RELIABILITY.md'), 'utf8'))).toBe(before.doc);
  expect(fs.readFileSync(path.join(ROOT, 'tests/reliability/fuzz/last-run.json'), 'utf8')).toBe(before.record);
}, 250_000);
