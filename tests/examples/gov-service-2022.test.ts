/**
 * The flagship example, end to end through the real CLI binary: `rubric run` writes results.json, and
 * this test reads it as a user's script would, checking every figure the 2022 report publishes
 * (shared/design/report-2022-facts.md).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'examples/gov-service-2022';
const RULES = `${EXAMPLE}/rules.rubric`;

function rubric(...args: string[]) {
  const r = spawnSync(process.execPath, ['cli/bin/rubric.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
}

interface Finding { id: string; count: number; share: number; units: string[]; kind?: string }
interface Unit { id: string; name: string; score: number; rank: number; grade: string; groups: Record<string, string>; findings: string[] }
interface Results {
  evaluation: { id: string; year: number };
  summary: {
    units: number;
    mean: number;
    indicators: Record<string, { label: string; mean: number; baseline?: number; delta?: number; observed?: boolean }>;
    grades: Record<string, number>;
  };
  units: Unit[];
  groups: Record<string, Record<string, { units: number; mean: number; best: string; worst: string }>>;
  groupGaps: Record<string, { highest: string; lowest: string; gap: number }>;
  findings: Finding[];
  observed: { scenarios: string[]; indicators: string[] };
}

let out: string;
let results: Results;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'rubric-gov2022-'));
  const r = rubric('run', RULES, '--evidence', `${EXAMPLE}/evidence`, '--baseline', `${EXAMPLE}/baseline-2021.json`, '--out', out);
  if (r.status !== 0) throw new Error(`rubric run exited ${r.status}:\n${r.output}`);
  results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const finding = (id: string): Finding => {
  const f = results.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id} in results.json`);
  return f;
};

describe('gov-service-2022: the rules file', () => {
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
});

describe('gov-service-2022: the published figures', () => {
  it('scores the 55 cities of the 2022 evaluation', () => {
    expect(results.evaluation.id).toBe('gov2022');
    expect(results.evaluation.year).toBe(2022);
    expect(results.summary.units).toBe(55);
    expect(results.units).toHaveLength(55);
  });

  it('overall mean 88.54', () => {
    expect(results.summary.mean).toBe(88.54);
  });

  it('first-level means: 技术支撑 92.93, 办事指南 88.41, 互动交流 86.48, 事项办理 83.55 (lowest)', () => {
    const ind = results.summary.indicators;
    expect(ind['tech']!.mean).toBe(92.93);
    expect(ind['guide']!.mean).toBe(88.41);
    expect(ind['interaction']!.mean).toBe(86.48);
    expect(ind['handling']!.mean).toBe(83.55);
    expect(ind['tech']!.label).toBe('技术支撑');
    const firstLevel = ['guide', 'tech', 'handling', 'interaction'].map((k) => ind[k]!.mean);
    expect(Math.min(...firstLevel)).toBe(83.55);
  });

  it('grades: 23 优秀, 30 良好, 2 中等, 0 较差', () => {
    expect(results.summary.grades).toEqual({ 优秀: 23, 良好: 30, 中等: 2, 较差: 0 });
    const count = (g: string) => results.units.filter((u) => u.grade === g).length;
    expect([count('优秀'), count('良好'), count('中等')]).toEqual([23, 30, 2]);
  });

  it('regions: 华南 highest, 华中 lowest, 6.30 apart', () => {
    expect(results.groupGaps['region']).toEqual({ highest: '华南', lowest: '华中', gap: 6.3 });
    const region = results.groups['region']!;
    expect(Object.keys(region).sort()).toEqual(['东北', '华东', '华中', '华北', '华南', '西北', '西南'].sort());
    const means = Object.values(region).map((g) => g.mean);
    expect(region['华南']!.mean).toBe(Math.max(...means));
    expect(region['华中']!.mean).toBe(Math.min(...means));
    expect(Number((region['华南']!.mean - region['华中']!.mean).toFixed(2))).toBe(6.3);
  });

  it('best and lowest city of each region', () => {
    const region = results.groups['region']!;
    const best = { 华北: '北京', 华东: '上海', 华南: '广州', 东北: '大连', 华中: '长沙', 西北: '银川', 西南: '贵阳' };
    const worst = { 华北: '太原', 华东: '无锡', 华南: '惠州', 东北: '哈尔滨', 华中: '郑州', 西北: '乌鲁木齐', 西南: '拉萨' };
    for (const [r, name] of Object.entries(best)) expect(region[r]!.best, r).toBe(name);
    for (const [r, name] of Object.entries(worst)) expect(region[r]!.worst, r).toBe(name);
    expect(region['华东']!.units).toBe(22);
    expect(region['华南']!.units).toBe(9);
  });

  it('top ten: 4 from 华东, the other 6 from 华南, 西南 and 华北; 北京 上海 广州 深圳 among them', () => {
    const byRank = [...results.units].sort((a, b) => a.rank - b.rank);
    expect(byRank.map((u) => u.rank)).toEqual(results.units.map((u) => u.rank)); // listed by rank
    const top10 = byRank.slice(0, 10);
    expect(byRank[10]!.rank).toBe(11); // no tie across the cut
    const regions = top10.map((u) => u.groups['region']);
    expect(regions.filter((r) => r === '华东')).toHaveLength(4);
    expect(new Set(regions.filter((r) => r !== '华东'))).toEqual(new Set(['华南', '西南', '华北']));
    const names = top10.map((u) => u.name);
    for (const n of ['北京', '上海', '广州', '深圳']) expect(names).toContain(n);
  });

  it('潍坊, 惠州 and 呼和浩特 stall and cannot find the service by search', () => {
    for (const id of ['search_fails', 'page_stalls']) {
      const f = finding(id);
      expect(f.count).toBe(3);
      expect([...f.units].sort()).toEqual(['呼和浩特', '惠州', '潍坊'].sort());
    }
  });

  it('技术支撑 year over year: 可及性 89.81 → 97.73 (+7.92), 有效性 91.67 → 98.55 (+6.88)', () => {
    const ind = results.summary.indicators;
    expect(ind['tech.accessibility']).toMatchObject({ label: '可及性', mean: 97.73, baseline: 89.81, delta: 7.92 });
    expect(ind['tech.validity']).toMatchObject({ label: '有效性', mean: 98.55, baseline: 91.67, delta: 6.88 });
  });

  it('marks what the 2021 baseline lacks (overall mean, regions, unit scores), never a change from zero', () => {
    const r = results as unknown as { summary: { baselineMissing?: true; delta?: number }; groups: Record<string, Record<string, { baselineMissing?: true; delta?: number }>>; units: { baselineMissing?: true; delta?: unknown }[] };
    expect(r.summary.baselineMissing).toBe(true);
    expect(r.summary.delta).toBeUndefined();
    for (const v of Object.values(r.groups['region']!)) expect(v).toMatchObject({ baselineMissing: true });
    for (const u of r.units) expect([u.baselineMissing, u.delta]).toEqual([true, undefined]);
    expect(results.summary.indicators['guide']).toMatchObject({ baselineMissing: true });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('也没有以下数据（不以零计）：总分、区域（华北、东北、华东、华中、华南、西南、西北）、各评估对象的得分与排名。');
  });

  const FINDINGS: [string, number, number, string[]][] = [
    ['no_e_certificate', 25, 0.4545, []],
    ['duplicate_paper', 15, 0.2727, []],
    ['identity_online', 6, 0.1091, ['深圳', '佛山', '东莞', '宁波', '合肥', '呼和浩特']],
    ['no_shared_materials', 6, 0.1091, ['乌鲁木齐', '郑州', '哈尔滨']],
    ['no_single_form', 6, 0.1091, ['长春', '沈阳']],
    ['no_human_guide', 45, 0.8182, []],
    ['hotline_unanswered', 3, 0.0545, ['海口', '珠海', '太原']],
    ['consult_unanswered', 6, 0.1091, ['中山', '南宁', '西宁']],
    ['complaint_channel_blocked', 11, 0.2, ['苏州', '青岛']],
    ['complaint_referred', 10, 0.1818, []],
    ['complaint_ineffective', 14, 0.2545, []],
    ['complaint_no_reply', 19, 0.3455, []],
    ['review_source_hidden', 8, 0.1455, []],
    ['review_results_partial', 17, 0.3091, []],
  ];
  it.each(FINDINGS)('finding %s: %i cities (share %f), named cities included', (id, count, share, named) => {
    const f = finding(id);
    expect(f.count).toBe(count);
    expect(f.share).toBe(share);
    expect(f.units).toHaveLength(count);
    for (const n of named) expect(f.units).toContain(n);
  });

  it('identity_online is a good practice', () => {
    expect(finding('identity_online').kind).toBe('good');
  });

  it('the temporary-ID scenario is observed, not counted', () => {
    expect(results.observed.scenarios).toContain('temp_id');
    expect(results.summary.indicators['temp']?.observed).toBe(true);
    expect(results.observed.indicators).toContain('temp');
  });
});
