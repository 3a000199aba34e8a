/**
 * The county example through the real CLI: a CSV evidence table, one decimal of rounding, both missing
 * policies (`missing exclude`, `missing zero`), a group declared with `by`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'examples/county-2023';
const RULES = `${EXAMPLE}/rules.rubric`;

function rubric(...args: string[]) {
  const r = spawnSync(process.execPath, ['cli/bin/rubric.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
}

interface Unit { id: string; name: string; score: number; grade: string; rank: number; indicators: Record<string, number | null>; excluded: string[]; findings: string[] }
interface Results {
  summary: { units: number; mean: number; indicators: Record<string, { mean: number; units?: number }>; grades: Record<string, number> };
  units: Unit[];
  groups: Record<string, Record<string, { units: number; mean: number; best: string; worst: string }>>;
  groupGaps: Record<string, { highest: string; lowest: string; gap: number }>;
  findings: { id: string; count: number; share: number; units: string[] }[];
}

let out: string;
let results: Results;
const unit = (id: string): Unit => {
  const u = results.units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
};

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'rubric-county2023-'));
  const r = rubric('run', RULES, '--evidence', `${EXAMPLE}/evidence.csv`, '--out', out);
  if (r.status !== 0) throw new Error(`rubric run exited ${r.status}:\n${r.output}`);
  results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('county-2023', () => {
  it('checks clean: exit 0 and no warning', () => {
    const r = rubric('check', RULES);
    expect(r.status, r.output).toBe(0);
    expect(r.output).not.toMatch(/:\d+:\d+: (warning|error):/);
    expect(r.output).not.toMatch(/\b[1-9]\d* warnings?\b/);
  });

  it('passes its own tests', () => {
    const r = rubric('test', RULES);
    expect(r.status, r.output).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^(\w+: )?\d+ passed, 0 failed/);
  });

  it('scores the ten counties of the CSV table, with one decimal', () => {
    expect(results.summary.units).toBe(10);
    expect(results.summary.mean).toBe(74.9);
    expect(results.summary.grades).toEqual({ 优秀: 4, 良好: 1, 合格: 2, 不合格: 3 });
    expect(results.units.map((u) => [u.name, u.score])).toEqual([
      ['东湖县', 98.3], ['青石县', 93.8], ['柳岸县', 92.2], ['南溪县', 91.5], ['石门县', 79.1],
      ['西山县', 73.5], ['松林县', 69.3], ['北岭县', 57.5], ['白河县', 56.7], ['云台县', 37.5],
    ]);
  });

  it('groups by terrain', () => {
    const t = results.groups['terrain']!;
    expect(t['平原']).toMatchObject({ units: 4, mean: 77.2, best: '东湖县', worst: '云台县' });
    expect(t['丘陵']).toMatchObject({ units: 3, mean: 80.1, best: '柳岸县', worst: '白河县' });
    expect(t['山区']).toMatchObject({ units: 3, mean: 66.8, best: '西山县', worst: '北岭县' });
    expect(results.groupGaps['terrain']).toEqual({ highest: '丘陵', lowest: '山区', gap: 13.3 });
  });

  it('missing exclude: a request never answered drops its reply time, and means skip it', () => {
    for (const id of ['beiling', 'yuntai']) {
      expect(unit(id).excluded).toEqual(['request.speed']);
      expect(unit(id).indicators['request.speed']).toBeNull();
      expect(unit(id).indicators['request']).toBe(0);
    }
    expect(results.summary.indicators['request.speed']!.mean).toBe(71.3); // exactly 71.25 over 8 counties
  });

  it('missing zero: a county that did not report hearings scores 0 there, and still counts in the mean', () => {
    expect(unit('songlin').indicators['participation.hearings']).toBe(0);
    expect(unit('songlin').excluded).toEqual([]);
    expect(results.summary.indicators['participation.hearings']!.mean).toBe(60);
  });

  it('reports findings with counts and shares', () => {
    const f = (id: string) => results.findings.find((x) => x.id === id)!;
    expect(f('broken_links')).toMatchObject({ count: 8, share: 0.8 });
    expect(f('overdue_items')).toMatchObject({ count: 7, share: 0.7 });
    expect(f('request_unanswered').units.sort()).toEqual(['云台县', '北岭县'].sort());
    expect(f('not_accessible').units).toEqual(['云台县']);
  });
});
