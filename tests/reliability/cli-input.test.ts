/**
 * Bad input never gives a stack trace: the CLI, run on broken paths and files, exits 1 (the input is wrong)
 * or 2 (it cannot be read / bad usage) with a message that names the file, and no `    at ` frame.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOV, noStack, rubric, rubricP, tmp, removeTemps } from './cli.js';

let dir: string;
const RULES = path.join(GOV, 'rules.rubric');
const EVIDENCE = path.join(GOV, 'evidence');

afterAll(removeTemps);

beforeAll(() => {
  dir = tmp();
  fs.writeFileSync(path.join(dir, 'garbage.rubric'), Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256)));
  fs.writeFileSync(path.join(dir, 'empty.rubric'), '');
  fs.writeFileSync(path.join(dir, 'huge.rubric'), `${fs.readFileSync(RULES, 'utf8')}\n// ${'x'.repeat(10 * 1024 * 1024)}\n`);
  fs.writeFileSync(path.join(dir, 'not-json.json'), 'not json {');
  fs.writeFileSync(path.join(dir, 'list.json'), '[1, 2]');
  fs.writeFileSync(path.join(dir, 'afile'), '');
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.rubric'));
  fs.mkdirSync(path.join(dir, 'folder.rubric'));
  fs.mkdirSync(path.join(dir, 'empty-evidence'));
  fs.mkdirSync(path.join(dir, 'binary-evidence'));
  fs.writeFileSync(path.join(dir, 'binary-evidence/u.json'), Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x00]));
  fs.writeFileSync(path.join(dir, 'binary-evidence/v.yaml'), Buffer.from([0x00, 0x01, 0x3a, 0x0a, 0xff]));
  fs.writeFileSync(path.join(dir, 'binary-evidence/w.csv'), Buffer.from([0x22, 0x00, 0x0a, 0x22, 0x22, 0x2c]));
  fs.writeFileSync(path.join(dir, 'binary-evidence/x.xlsx'), Buffer.from('PK\u0003\u0004 not really a zip'));
});

const p = (name: string) => path.join(dir, name);

type Case = [string, () => string[], number[], RegExp];
const cases: Case[] = [
  ['check: a path that does not exist', () => ['check', p('nope.rubric')], [2], /nope\.rubric/],
  ['check: a folder instead of a file', () => ['check', p('folder.rubric')], [2], /folder\.rubric/],
  ['check: a dangling symlink', () => ['check', p('dangling.rubric')], [2], /dangling\.rubric/],
  ['check: a path through a file', () => ['check', p('afile/x.rubric')], [2], /afile/],
  ['check: binary garbage', () => ['check', p('garbage.rubric')], [1], /garbage\.rubric:\d+:\d+: error/],
  ['check: an empty file', () => ['check', p('empty.rubric')], [1], /empty\.rubric:1:1: error/],
  ['check: a 10 MB file', () => ['check', p('huge.rubric')], [1], /huge\.rubric:1:1: error: .*syntax\/too-large/],
  ['check --format json: binary garbage', () => ['check', p('garbage.rubric'), '--format', 'json'], [1], /"code"/],
  ['compile: binary garbage', () => ['compile', p('garbage.rubric'), '-o', p('engine.mjs')], [1], /garbage\.rubric/],
  ['compile: into a folder', () => ['compile', RULES, '-o', p('folder.rubric')], [2], /folder\.rubric/],
  ['compile: into a path through a file', () => ['compile', RULES, '-o', p('afile/engine.mjs')], [2], /afile/],
  ['test: binary garbage', () => ['test', p('garbage.rubric')], [1], /garbage\.rubric/],
  ['test: a folder', () => ['test', p('folder.rubric')], [2], /folder\.rubric/],
  ['fmt: binary garbage', () => ['fmt', p('garbage.rubric')], [1], /garbage\.rubric/],
  ['fmt --check: an empty file', () => ['fmt', '--check', p('empty.rubric')], [0, 1], /empty\.rubric|^$/],
  ['fmt: a 10 MB file', () => ['fmt', p('huge.rubric')], [1], /huge\.rubric/],
  ['run: rules that do not exist', () => ['run', p('nope.rubric'), '--evidence', EVIDENCE, '--out', p('o1')], [2], /nope\.rubric/],
  ['run: binary garbage as rules', () => ['run', p('garbage.rubric'), '--evidence', EVIDENCE, '--out', p('o2')], [1], /garbage\.rubric/],
  ['run: evidence that does not exist', () => ['run', RULES, '--evidence', p('no-evidence'), '--out', p('o3')], [1], /no-evidence/],
  ['run: an empty evidence folder', () => ['run', RULES, '--evidence', p('empty-evidence'), '--out', p('o4')], [1], /empty-evidence/],
  ['run: binary evidence files', () => ['run', RULES, '--evidence', p('binary-evidence'), '--out', p('o5')], [1], /u\.json[\s\S]*v\.yaml[\s\S]*w\.csv[\s\S]*x\.xlsx|x\.xlsx[\s\S]*/],
  ['run: a glob in a folder that does not exist', () => ['run', RULES, '--evidence', p('nodir/*.json'), '--out', p('o6')], [1], /nodir/],
  ['run: a baseline that does not exist', () => ['run', RULES, '--evidence', EVIDENCE, '--baseline', p('nope.json'), '--out', p('o7')], [2], /nope\.json/],
  ['run: a baseline that is not JSON', () => ['run', RULES, '--evidence', EVIDENCE, '--baseline', p('not-json.json'), '--out', p('o8')], [2], /not-json\.json/],
  ['run: a baseline that is a list', () => ['run', RULES, '--evidence', EVIDENCE, '--baseline', p('list.json'), '--out', p('o9')], [2], /list\.json/],
  ['run: a baseline that is a folder', () => ['run', RULES, '--evidence', EVIDENCE, '--baseline', p('folder.rubric'), '--out', p('o10')], [2], /folder\.rubric/],
  ['run: --out is a file', () => ['run', RULES, '--evidence', EVIDENCE, '--out', p('afile')], [2], /afile/],
  ['run: --out under a file', () => ['run', RULES, '--evidence', EVIDENCE, '--out', p('afile/sub')], [2], /afile/],
  ['diff: new rules that do not exist', () => ['diff', RULES, p('nope.rubric'), '--evidence', EVIDENCE], [2], /nope\.rubric/],
  ['diff: new rules that are garbage', () => ['diff', RULES, p('garbage.rubric'), '--evidence', EVIDENCE], [1], /garbage\.rubric/],
  ['an unknown command', () => ['frobnicate'], [2], /frobnicate|unknown command/],
  ['a missing option', () => ['run', RULES], [2], /--evidence|--out|required/],
];

describe('bad input: exit 1 or 2, the file named, no stack trace', () => {
  for (const [name, args, codes, message] of cases) {
    it.concurrent(name, async () => {
      const r = await rubricP(args());
      noStack(r);
      expect(codes, `exit ${r.code}; stderr: ${r.err.slice(0, 400)}`).toContain(r.code);
      expect(r.err + r.out).toMatch(message);
    });
  }

  it.sequential('nothing was written by the failed runs, and no temporary file was left behind', () => {
    for (const o of ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10']) expect(fs.existsSync(p(o)), o).toBe(false);
    expect(fs.existsSync(p('engine.mjs'))).toBe(false);
  });

  // Regression, fixed — formerly a bug (cli/src/commands/compile.ts, output/atomic.ts): `rubric compile rules -o <folder>` fails on the
  // rename (EISDIR) and leaves `.<name>.<pid>.tmp` in the folder above; the temporary file should be removed.
  it('compile into a folder leaves no temporary file behind', () => {
    const d = tmp();
    fs.mkdirSync(path.join(d, 'engine.mjs'));
    const r = rubric(['compile', RULES, '-o', path.join(d, 'engine.mjs')]);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('unreadable files (permission 000, as an unprivileged user: root reads anything)', (ctx) => {
    if (process.getuid?.() !== 0 || spawnable('setpriv') === false) { ctx.skip(); return; }
    const d = tmp();
    fs.chmodSync(d, 0o755);
    fs.copyFileSync(RULES, path.join(d, 'rules.rubric'));
    fs.copyFileSync(RULES, path.join(d, 'locked.rubric'));
    fs.chmodSync(path.join(d, 'locked.rubric'), 0o000);
    fs.mkdirSync(path.join(d, 'ev'));
    for (const f of fs.readdirSync(EVIDENCE).slice(0, 3)) fs.copyFileSync(path.join(EVIDENCE, f), path.join(d, 'ev', f));
    const locked = fs.readdirSync(path.join(d, 'ev'))[1]!;
    fs.chmodSync(path.join(d, 'ev', locked), 0o000);
    fs.chmodSync(path.join(d, 'ev'), 0o755);
    for (const f of fs.readdirSync(path.join(d, 'ev'))) if (f !== locked) fs.chmodSync(path.join(d, 'ev', f), 0o644);
    fs.chmodSync(path.join(d, 'rules.rubric'), 0o644);

    const check = rubric(['check', path.join(d, 'locked.rubric')], { user: 65534 });
    noStack(check);
    expect(check.code).toBe(2);
    expect(check.err).toContain('locked.rubric');
    const run = rubric(['run', path.join(d, 'rules.rubric'), '--evidence', path.join(d, 'ev'), '--out', path.join(d, 'out')], { user: 65534, env: { HOME: d } });
    noStack(run);
    expect(run.code).toBe(1);
    expect(run.err).toContain(locked);
    expect(fs.existsSync(path.join(d, 'out'))).toBe(false);
  });

  // Regression, fixed — formerly a bug (cli/src/commands/shared.ts readBaseline, core/src/runtime/assemble.ts): a baseline that is JSON
  // but not shaped like results.json is not validated — `{"units": {}}` or `{"summary": {"indicators": 5}}`
  // end in "internal error: … is not iterable", `{"summary": {"mean": 1e999}}` in "internal error: not a
  // finite number", and `{"summary": {"mean": "50"}}` is silently ignored (no baseline, no delta).
  it('a baseline of the wrong shape is reported, naming the file and the path, never an internal error', () => {
    for (const baseline of ['{"units": {}}', '{"summary": {"indicators": 5}}', '{"summary": {"mean": 1e999}}', '{"summary": {"mean": "50"}}']) {
      const file = p('bad-baseline.json');
      fs.writeFileSync(file, baseline);
      const r = rubric(['run', RULES, '--evidence', EVIDENCE, '--baseline', file, '--out', p('o11')]);
      noStack(r);
      expect(r.code, baseline).toBe(2);
      expect(r.err).toContain('bad-baseline.json');
    }
  });

  // Regression, fixed — formerly a bug (cli/src/evidence/load.ts expandInputs): an evidence folder's subfolders are skipped without a
  // word, so a region kept in its own subfolder silently drops out of the results (exit 0).
  it('an evidence folder with a subfolder: its units are read, or the subfolder is reported', () => {
    const d = tmp();
    const files = fs.readdirSync(EVIDENCE);
    fs.mkdirSync(path.join(d, 'ev/east'), { recursive: true });
    for (const f of files.slice(0, 5)) fs.copyFileSync(path.join(EVIDENCE, f), path.join(d, 'ev', f));
    for (const f of files.slice(5, 8)) fs.copyFileSync(path.join(EVIDENCE, f), path.join(d, 'ev/east', f));
    const r = rubric(['run', RULES, '--evidence', path.join(d, 'ev'), '--out', path.join(d, 'out')]);
    noStack(r);
    if (r.code === 0) {
      const results = JSON.parse(fs.readFileSync(path.join(d, 'out/results.json'), 'utf8')) as { summary: { units: number } };
      expect(results.summary.units).toBe(8);
    } else {
      expect([1, 2]).toContain(r.code);
      expect(r.err).toContain('east');
    }
  });
});

function spawnable(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
}
