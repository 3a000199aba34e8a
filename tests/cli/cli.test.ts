/** The real `rubric` binary, as a user runs it: exit codes, messages, and what is (not) written. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const CLEAN = 'tests/check/fixtures/clean.rubric';
const GOV = 'examples/gov-service-2022';

function rubric(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-cli-'));
}

describe('rubric check', () => {
  it('exits 0 on a clean file', () => {
    const r = rubric(['check', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok');
  });

  it('lists every error with line:col, code and exits 1', () => {
    const r = rubric(['check', 'tests/check/fixtures/weights-and-names.rubric']);
    expect(r.code).toBe(1);
    // The diagnostics are what `check` reports: all on stdout, as tsc and eslint print them.
    expect(r.out).toMatch(/weights-and-names\.rubric:13:3: error: The weights under `tech` add up to 80/);
    expect(r.out).toContain('[weights/sum]');
    expect(r.out.split('\n').filter((l) => l.includes(': error:')).length).toBe(11);
    expect(r.out).not.toMatch(/\n\s+at /);
    expect(r.err).toBe('');
  });

  it('gives JSON with --format json', () => {
    const r = rubric(['check', 'tests/parser/err/many-errors.rubric', '--format', 'json']);
    expect(r.code).toBe(1);
    const list = JSON.parse(r.out) as { line: number; code: string }[];
    expect(list.filter((d) => d.code.startsWith('syntax/')).map((d) => d.line)).toEqual([2, 2, 3, 4, 5, 6]);
  });

  it('exits 2 on an unreadable file or bad usage, without a stack trace', () => {
    const missing = rubric(['check', 'nope.rubric']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read the rules file nope.rubric: no such file');
    expect(rubric(['frobnicate']).code).toBe(2);
    expect(rubric(['run', CLEAN]).code).toBe(2);
  });
});

describe('rubric run', () => {
  it('reports every evidence problem of every file and writes nothing', () => {
    const out = path.join(tmp(), 'out');
    const r = rubric(['run', CLEAN, '--evidence', 'tests/cli/fixtures/bad-evidence', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('a.json: error: unit a: `region`: expected one of 东部, 西部, found the text "南部"');
    expect(r.err).toContain('`portal.reachable`: expected a ratio from 0 to 1, found the text "0.9"');
    expect(r.err).toContain('`docs.published`: expected a whole number ≥ 0, found 3.5');
    expect(r.err).toContain('b.json: error: unit b: invalid JSON');
    expect(r.err).toContain('nothing was written');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('writes results atomically and the compiled engine gives byte-identical results', async () => {
    const dir = tmp();
    const run = rubric(['run', `${GOV}/rules.rubric`, '--evidence', `${GOV}/evidence`, '--out', path.join(dir, 'out')]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('88.54');
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(expect.arrayContaining(['results.csv', 'results.json', 'results.xlsx']));
    expect(fs.readdirSync(path.join(dir, 'out')).some((f) => f.endsWith('.tmp'))).toBe(false);

    // The engine, copied to another folder that has only zod, as the yearly pipeline uses it.
    const engineDir = path.join(dir, 'standalone');
    fs.mkdirSync(path.join(engineDir, 'node_modules'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'node_modules/zod'), path.join(engineDir, 'node_modules/zod'), { recursive: true });
    expect(rubric(['compile', `${GOV}/rules.rubric`, '-o', path.join(engineDir, 'engine.mjs')]).code).toBe(0);
    const script = `
      import fs from 'node:fs';
      import { run } from './engine.mjs';
      const dir = ${JSON.stringify(path.join(ROOT, GOV, 'evidence'))};
      const units = fs.readdirSync(dir).sort().map((f) => ({ id: f.replace(/\\.json$/, ''), evidence: JSON.parse(fs.readFileSync(dir + '/' + f, 'utf8')) }));
      process.stdout.write(JSON.stringify(run(units), null, 2) + '\\n');`;
    fs.writeFileSync(path.join(engineDir, 'score.mjs'), script);
    const r = spawnSync(process.execPath, ['score.mjs'], { cwd: engineDir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(fs.readFileSync(path.join(dir, 'out/results.json'), 'utf8'));
    const engine = fs.readFileSync(path.join(engineDir, 'engine.mjs'), 'utf8');
    expect(engine).not.toMatch(/\beval\(|new Function/);
    expect(engine.match(/^import .*$/gm)).toEqual(["import { z } from 'zod';"]);
  });
});

describe('rubric test and diff', () => {
  it('prints N passed, N failed last', () => {
    const r = rubric(['test', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('shows what a weight change does to the units', () => {
    const dir = tmp();
    const text = fs.readFileSync(path.join(ROOT, `${GOV}/rules.rubric`), 'utf8');
    const changed = text.replace(/(indicator tech "[^"]*" weight )35/, '$140').replace(/(indicator interaction "[^"]*" weight )25/, '$120');
    expect(changed).not.toBe(text);
    fs.writeFileSync(path.join(dir, 'new.rubric'), changed);
    const r = rubric(['diff', `${GOV}/rules.rubric`, path.join(dir, 'new.rubric'), '--evidence', `${GOV}/evidence`, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { mean: number[]; units: { delta: number }[] };
    expect(d.mean[0]).toBe(88.54);
    expect(d.mean[1]).not.toBe(88.54);
    expect(d.units.length).toBeGreaterThan(0);
    const deltas = d.units.map((u) => Math.abs(u.delta));
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
  });
});

describe('rubric fmt and compile --schema', () => {
  it('fmt --check reports, fmt rewrites, and a formatted file passes the check', () => {
    const dir = tmp();
    const file = path.join(dir, 'messy.rubric');
    fs.copyFileSync(path.join(ROOT, 'tests/format/comments.rubric'), file);
    expect(rubric(['fmt', file, '--check']).code).toBe(1);
    expect(rubric(['fmt', file]).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'tests/format/comments.formatted'), 'utf8'));
    expect(rubric(['fmt', file, '--check']).code).toBe(0);
    fs.writeFileSync(file, 'indicator x weight {');
    expect(rubric(['fmt', file]).code).toBe(1);
  });

  it('emits a JSON Schema of one unit\'s evidence', () => {
    const dir = tmp();
    const r = rubric(['compile', CLEAN, '-o', path.join(dir, 'engine.mjs'), '--schema', path.join(dir, 'schema.json')]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['region', 'portal', 'docs', 'complaint', 'hotline']));
    expect(schema.properties['portal']!.properties!['reachable']).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
  });
});

describe('output folders', () => {
  const COUNTY = ['run', 'examples/county-2023/rules.rubric', '--evidence', 'examples/county-2023/evidence.csv', '--out'];

  it('refuses a file in the way with its name, and writes nothing', () => {
    const dir = tmp();
    const file = path.join(dir, 'taken');
    fs.writeFileSync(file, 'x');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), ...COUNTY, path.join(file, 'out')], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file} is a file, not a folder; choose another output folder`);
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });

  it.runIf(process.platform === 'linux')('fails at once where no folder can be made (/proc), instead of hanging', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), ...COUNTY, '/proc/rubric-out'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot create the output folder /proc/rubric-out');
  });
});
