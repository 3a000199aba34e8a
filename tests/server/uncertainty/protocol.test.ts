// The uncertainty analysis through the real `rubric-lsp --stdio` (its worker thread included), on the 2022
// example, against what `rubric uncertainty` prints for the same rules and evidence.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoverRequest, type Hover, type Position } from 'vscode-languageserver-protocol/node';
import type { UncertaintyResult } from '@rubric/core';
import { UncertaintyRequest } from '../../../server/src/protocol.js';
import { LspProcess, ROOT } from '../helpers/lsp-process.js';

const EXAMPLE = path.join(ROOT, 'examples/gov-service-2022');
const RULES = path.join(EXAMPLE, 'rules.rubric');
const text = fs.readFileSync(RULES, 'utf8');

function positionOf(source: string, needle: string, within = 1): Position {
  const at = source.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  const before = source.slice(0, at + within).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}
const markdown = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('rubric/uncertainty and the uncertainty hovers, on the 2022 example', () => {
  let lsp: LspProcess;
  let uri: string;
  let cli: UncertaintyResult;

  beforeAll(async () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), 'uncertainty', RULES, '--evidence', path.join(EXAMPLE, 'evidence'), '--format', 'json'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    cli = JSON.parse(run.stdout) as UncertaintyResult;
    lsp = new LspProcess();
    await lsp.initialize(EXAMPLE);
    uri = await lsp.open(RULES, text);
    await lsp.waitForPreview(uri);
  });
  afterAll(() => {
    if (lsp?.child.exitCode === null) lsp.child.kill();
  });

  it('a hover on the 优秀 band lists the units `rubric uncertainty` finds fragile at 90', async () => {
    const atNinety = cli.units.filter((u) => u.fragile && u.boundary?.threshold === 90).map((u) => u.name);
    expect(atNinety).toEqual(['嘉兴', '重庆', '银川', '绍兴', '大连', '珠海', '西安', '济南', '南宁']);
    const h = markdown(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '优秀 >= 90') }));
    expect(h).toContain('**优秀** score ≥ 90');
    expect(h).toContain('**Uncertainty** (weights ±20% · 200 runs)');
    expect(h).toContain('**Fragile at the 90 cut-off**: 9 units whose published scores lie within reach of it');
    const listed = [...h.matchAll(/^\| (\S+) \| \d+\.\d\d \| (优秀|良好) \| [+−±]/gm)].map((m) => m[1]);
    expect(listed).toEqual(atNinety);
    expect(h).toMatch(/^\| 珠海 \| 90\.07 \| 优秀 \| \+0\.07 \| 0\.\d\d \| \d+(\.\d)?% \|$/m);
    // The 良好 band: its own cut-off, 80.
    const good = markdown(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '良好 >= 80') }));
    expect([...good.matchAll(/^\| (\S+) \| \d+\.\d\d \|/gm)].map((m) => m[1])).toEqual(['郑州', '乌鲁木齐']);
  });

  it('a hover on an indicator shows its sensitivity, as `rubric uncertainty` computes it', async () => {
    const guide = cli.indicators.find((i) => i.path === 'guide')!;
    expect(guide.meanRankShift).toBe(0.3709);
    const h = markdown(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'indicator guide', 11) }));
    expect(h).toContain(`**Sensitivity** (this weight alone ±20%, 20 steps): mean |Δrank| 0.3709 · largest ${guide.maxRankShift} · ${guide.unitsMoved} of 55 units move · 1st of 22 weights`);
  });

  it('the full analysis is exactly `rubric uncertainty --format json`: 55 rank intervals and grade probabilities', async () => {
    const r = await lsp.connection.sendRequest(UncertaintyRequest, { textDocument: { uri } });
    expect(r).toMatchObject({ uri, version: 1, depth: 'full', stale: false });
    expect(r!.result!.units).toHaveLength(55);
    expect(r!.result!.units.find((u) => u.id === 'beijing')!.ranks).toMatchObject({ p5: 3, median: 3, p95: 4 });
    expect(r!.result).toEqual(cli);
    // Quick, now that the full one is cached: the full one answers.
    const quick = await lsp.connection.sendRequest(UncertaintyRequest, { textDocument: { uri }, depth: 'quick' });
    expect(quick!.result!.config.runs).toBe(1000);
  });

  it('a quick analysis of a new version caps the runs and skips the plans', async () => {
    const version = await lsp.change(uri, text.replace('indicator delivery "证照送达" weight 10', 'indicator delivery "证照送达" weight 20').replace('indicator online "全程网办" weight 40', 'indicator online "全程网办" weight 30'));
    await lsp.waitForPreview(uri, (p) => p.version === version);
    const quick = await lsp.connection.sendRequest(UncertaintyRequest, { textDocument: { uri }, depth: 'quick' });
    expect(quick).toMatchObject({ version, depth: 'quick' });
    expect(quick!.result!.config).toMatchObject({ runs: 200, maxChanges: 0 });
    expect(quick!.result!.units.every((u) => u.nextBand === undefined)).toBe(true);
    expect(await lsp.shutdown()).toBe(0);
    expect(lsp.stderr).toBe('');
  });
});
