/**
 * A large run (workers, explanations in side files, results.json streamed) writes exactly what the
 * in-memory path writes. Forced small with RUBRIC_IN_MEMORY_UNITS and RUBRIC_WORKERS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const GOV = path.join(ROOT, 'examples/gov-service-2022');

function run(out: string, env: Record<string, string>, args = ['run', path.join(GOV, 'rules.rubric'), '--evidence', path.join(GOV, 'evidence'), '--baseline', path.join(GOV, 'baseline-2021.json')]): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), ...args, '--out', out], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('large runs', () => {
  it('stream the same results.json and results.csv, on worker threads or not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-large-'));
    run(path.join(dir, 'memory'), { RUBRIC_WORKERS: '0' });
    run(path.join(dir, 'streamed'), { RUBRIC_WORKERS: '2', RUBRIC_IN_MEMORY_UNITS: '10' });
    for (const f of ['results.json', 'results.csv']) {
      expect(fs.readFileSync(path.join(dir, 'streamed', f), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'memory', f), 'utf8'));
    }
    expect(fs.statSync(path.join(dir, 'streamed', 'results.xlsx')).size).toBeGreaterThan(1000);
    expect(fs.readFileSync(path.join(dir, 'streamed', 'report.html'), 'utf8')).toContain('88.54');
  });

  it('settle when workers are asked for and the evidence is one table (no unit files to hand out)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-table-'));
    const county = path.join(ROOT, 'examples/county-2023');
    run(dir, { RUBRIC_WORKERS: '2' }, ['run', path.join(county, 'rules.rubric'), '--evidence', path.join(county, 'evidence.csv')]);
    expect(fs.readFileSync(path.join(dir, 'results.csv'), 'utf8').split('\n').length).toBeGreaterThan(10);
  });
});
