/**
 * The same inputs give byte-identical outputs — results.json, results.csv, results.xlsx, report.html and
 * the compiled engine.mjs — whatever the order the evidence files come in (folder order, command-line
 * order), the locale (C, zh_CN.UTF-8, tr_TR.UTF-8) or the time zone (UTC, Asia/Shanghai,
 * America/Los_Angeles): the real CLI, run under each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOV, copyFiles, noStack, rubricP, snapshot, tmp, removeTemps } from './cli.js';

const RULES = path.join(GOV, 'rules.rubric');
const BASELINE = path.join(GOV, 'baseline-2021.json');
const EVIDENCE = path.join(GOV, 'evidence');

let dir: string;
let forward: string;
let backward: string;
let names: string[];

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

afterAll(removeTemps);

beforeAll(() => {
  dir = tmp('rubric-determinism-');
  names = fs.readdirSync(EVIDENCE);
  forward = path.join(dir, 'forward');
  backward = path.join(dir, 'backward');
  // The same files, created in opposite orders: directory listing order differs on most file systems.
  copyFiles(EVIDENCE, forward, (n) => [...n].sort());
  copyFiles(EVIDENCE, backward, (n) => [...n].sort().reverse());
});

const ENVS: Record<string, Record<string, string>> = {
  'LC_ALL=C TZ=UTC': { LC_ALL: 'C', LANG: 'C', TZ: 'UTC' },
  'zh_CN.UTF-8, Asia/Shanghai': { LC_ALL: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8', TZ: 'Asia/Shanghai' },
  'tr_TR.UTF-8, America/Los_Angeles': { LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8', TZ: 'America/Los_Angeles' },
  'en_US.UTF-8, Pacific/Chatham': { LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8', TZ: 'Pacific/Chatham' },
};

describe('byte-identical outputs', () => {
  it('rubric run: evidence order × locale × time zone', async () => {
    const runs: [string, string[], Record<string, string>][] = [];
    runs.push(['folder, forward', [forward], ENVS['LC_ALL=C TZ=UTC']!]);
    runs.push(['folder, backward', [backward], ENVS['LC_ALL=C TZ=UTC']!]);
    runs.push(['files, shuffled on the command line', shuffle(names, 7).map((n) => path.join(forward, n)), ENVS['LC_ALL=C TZ=UTC']!]);
    runs.push(['a glob, and files listed in reverse', [path.join(backward, '*.json')], ENVS['LC_ALL=C TZ=UTC']!]);
    runs.push(['files, reversed', [...names].sort().reverse().map((n) => path.join(backward, n)), ENVS['LC_ALL=C TZ=UTC']!]);
    for (const [label, env] of Object.entries(ENVS)) runs.push([label, [backward], env]);

    const outs = await Promise.all(runs.map(async ([label, evidence, env], i) => {
      const out = path.join(dir, `run-${i}`);
      const r = await rubricP(['run', RULES, '--evidence', ...evidence, '--baseline', BASELINE, '--out', out], { env });
      noStack(r);
      expect(r.code, `${label}: ${r.err.slice(0, 300)}`).toBe(0);
      return [label, snapshot(out)] as const;
    }));
    const [firstLabel, first] = outs[0]!;
    expect([...first.keys()]).toEqual(expect.arrayContaining(['results.json', 'results.csv']));
    for (const [label, files] of outs.slice(1)) {
      expect([...files.keys()], label).toEqual([...first.keys()]);
      for (const [name, bytes] of first) expect(files.get(name)!.equals(bytes), `${name}: "${label}" differs from "${firstLabel}"`).toBe(true);
    }
  });

  it('rubric compile and rubric check --format json: locale × time zone', async () => {
    const outs = await Promise.all(Object.entries(ENVS).map(async ([label, env], i) => {
      const engine = path.join(dir, `engine-${i}.mjs`);
      const c = await rubricP(['compile', RULES, '-o', engine], { env });
      noStack(c);
      expect(c.code, label).toBe(0);
      const check = await rubricP(['check', path.join(dirOf('tests/check/fixtures'), 'weights-and-names.rubric'), '--format', 'json'], { env });
      return [label, fs.readFileSync(engine), check.out] as const;
    }));
    for (const [label, engine, check] of outs.slice(1)) {
      expect(engine.equals(outs[0]![1]), `engine.mjs under ${label}`).toBe(true);
      expect(check, `check output under ${label}`).toBe(outs[0]![2]);
    }
  });
});

function dirOf(rel: string): string {
  return path.join(path.dirname(path.dirname(GOV)), rel);
}
