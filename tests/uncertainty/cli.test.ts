/** `rubric uncertainty` through the real binary, as a methodologist runs it. */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { UncertaintyResult } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';

const GOV = 'examples/gov-service-2022';
const ARGS = ['uncertainty', `${GOV}/rules.rubric`, '--evidence', `${GOV}/evidence`];

function rubric(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('rubric uncertainty', () => {
  it('prints rank intervals, grade probabilities, fragile units, weights and next-grade plans', () => {
    const r = rubric([...ARGS, '--runs', '200']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('uncertainty over 200 runs, seed 1');
    expect(r.out).toMatch(/北京 \(beijing\)\s+95\.41\s+优秀\s+3\s+3\s+3-4\s+100%/);
    expect(r.out).toMatch(/Fragile units \(\d+\)/);
    expect(r.out).toMatch(/郑州 \(zhengzhou\)\s+80\.01\s+良好 ≥ 80\s+\+0\.01/);
    expect(r.out).toContain('Weights that move ranks');
    expect(r.out).toContain('乌鲁木齐 (wulumuqi) 79.31 中等 → 良好 ≥ 80 (needs +0.69)');
    expect(r.out).toMatch(/analysed in \d+\.\d\d s/);
  });

  it('gives the same JSON for the same seed and other draws for another', () => {
    const quick = ['--format', 'json', '--runs', '100', '--steps', '0', '--max-changes', '0'];
    const a = rubric([...ARGS, ...quick, '--seed', '5']);
    const b = rubric([...ARGS, ...quick, '--seed', '5']);
    const c = rubric([...ARGS, ...quick, '--seed', '6']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(c.out).not.toBe(a.out);
    const result = JSON.parse(a.out) as UncertaintyResult;
    expect(result.config).toEqual({ runs: 100, seed: 5, weights: 20, threshold: 0, imputation: 0, steps: 0, maxChanges: 0, sobol: 0 });
    expect(result.units).toHaveLength(55);
    expect(Object.keys(result.units[0]!)).toEqual(['id', 'name', 'score', 'grade', 'rank', 'ranks', 'grades', 'scoreShift', 'boundary', 'fragile', 'reach']);
  });

  it('writes Markdown tables', () => {
    const r = rubric([...ARGS, '--format', 'md', '--runs', '50', '--weights', '0', '--steps', '0', '--max-changes', '1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('| unit | score | grade | rank | median | 5%-95% | 优秀 | 良好 | 中等 | 较差 |  |');
    expect(r.out).toContain('| 上海 (shanghai) | 96.12 | 优秀 | 1 | 1 | 1 | 100% |  |  |  |  |');
    expect(r.out).toContain('### Into the next grade');
  });

  it('exits 2 on bad options and 1 on bad evidence, without a stack trace', () => {
    const runs = rubric([...ARGS, '--runs', '0']);
    expect(runs.code).toBe(2);
    expect(runs.err).toContain('--runs must be a whole number from 1 to 100,000');
    const weights = rubric([...ARGS, '--weights', 'lots']);
    expect(weights.code).toBe(2);
    expect(weights.err).toContain('--weights expects a number, found "lots"');
    const bad = rubric(['uncertainty', 'tests/check/fixtures/clean.rubric', '--evidence', 'tests/cli/fixtures/bad-evidence']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('evidence problem');
    expect(`${runs.err}${weights.err}${bad.err}`).not.toMatch(/\n\s+at /);
  });
});
