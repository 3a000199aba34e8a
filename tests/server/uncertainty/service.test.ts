// The uncertainty phase: computed once per preview and depth, a full analysis serves a quick question, a
// newer version cancels older work, a cancelled request stops a full analysis nobody waits for, and the
// file's own settings decide what a full analysis runs (the quick one caps the runs and skips the plans).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UncertaintyResult } from '@rubric/core';
import { Cancelled, inProcessRunner, type AnalysisRequest, type Runner } from '../../../server/src/uncertainty/runner.js';
import { optionsFor, UncertaintyService } from '../../../server/src/uncertainty/service.js';
import { FIXTURES, loadFixture, previewedOf } from '../helpers/fixture.js';

/** A runner whose analyses finish only when the test says so. */
function manualRunner() {
  const calls: { request: AnalysisRequest; finish: () => void; cancelled: boolean }[] = [];
  const runner: Runner = (request) => {
    let finish!: () => void;
    let fail!: (e: Error) => void;
    const result = new Promise<UncertaintyResult>((resolve, reject) => {
      finish = () => resolve({ config: request.options } as unknown as UncertaintyResult);
      fail = reject;
    });
    const call = { request, finish, cancelled: false };
    calls.push(call);
    return { result, cancel: () => { call.cancelled = true; fail(new Cancelled()); } };
  };
  return { runner, calls };
}

function token() {
  const listeners: (() => void)[] = [];
  const t = {
    isCancellationRequested: false,
    onCancellationRequested: (l: () => void) => { listeners.push(l); return { dispose: () => undefined }; },
    cancel: () => { t.isCancellationRequested = true; for (const l of listeners) l(); },
  };
  return t;
}

const fixture = loadFixture(path.join(FIXTURES, 'hover/uncertainty.rubric'));

describe('the uncertainty phase', () => {
  it('runs the file\'s settings when full, at most 200 runs and no plans when quick', async () => {
    const doc = await previewedOf(fixture);
    expect(optionsFor(doc.analysis.model, 'full')).toEqual({});
    expect(optionsFor(doc.analysis.model, 'quick')).toEqual({ runs: 200, maxChanges: 0, sobol: 0 });
    const real = new UncertaintyService(inProcessRunner());
    const full = await real.analyse(doc, 'full');
    expect(full.result!.config).toMatchObject({ runs: 500, seed: 7, weights: 25, threshold: 2, maxChanges: 3 });
    expect(full.result!.units.map((u) => [u.name, u.ranks.p5, u.ranks.p95])).toEqual([['甲', 1, 1], ['丁', 2, 2], ['丙', 3, 4], ['乙', 3, 4], ['戊', 5, 5]]);
    expect(full.result!.units[1]!.nextBand).not.toBeUndefined();
  });

  it('analyses each preview once per depth; a full analysis answers a quick question', async () => {
    const doc = await previewedOf(fixture);
    const { runner, calls } = manualRunner();
    const service = new UncertaintyService(runner);
    const a = service.analyse(doc, 'quick');
    const b = service.analyse(doc, 'quick');
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    expect((await a).result).toBe((await b).result);
    expect(service.peek(doc)?.result).toBe((await a).result);
    const full = service.analyse(doc, 'full');
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await full;
    // Now a quick question gets the full answer, with no new run.
    expect((await service.analyse(doc, 'quick')).result!.config).toEqual({});
    expect(calls).toHaveLength(2);
  });

  it('a newer version cancels the analysis of an older one; the hover stops waiting in time', async () => {
    const { runner, calls } = manualRunner();
    const svc = new UncertaintyService(runner);
    const v1 = await previewedOf(fixture);
    const pending = svc.analyse(v1, 'quick');
    const v2 = await previewedOf(fixture);
    svc.supersede(v2.uri, v2.preview);
    expect(calls[0]!.cancelled).toBe(true);
    expect((await pending).reason).toMatch(/cancelled/);
    expect(await svc.forHover(v2, 10)).toEqual({ depth: 'quick', pending: true });
    expect(calls).toHaveLength(2);
    expect(svc.stats).toEqual({ started: 2, cancelled: 1 });
  });

  it('a cancelled request stops a full analysis nobody else waits for, but not a quick one', async () => {
    const doc = await previewedOf(fixture);
    const { runner, calls } = manualRunner();
    const service = new UncertaintyService(runner);
    const t1 = token();
    const quick = service.analyse(doc, 'quick', t1);
    t1.cancel();
    expect((await quick).reason).toMatch(/cancelled/);
    expect(calls[0]!.cancelled).toBe(false);
    const t2 = token();
    const t3 = token();
    const full1 = service.analyse(doc, 'full', t2);
    const full2 = service.analyse(doc, 'full', t3);
    t2.cancel();
    expect(calls[1]!.cancelled).toBe(false); // t3 still waits
    t3.cancel();
    expect(calls[1]!.cancelled).toBe(true);
    expect((await full1).reason).toMatch(/cancelled/);
    expect((await full2).reason).toMatch(/cancelled/);
    // Asked again, it runs again.
    void service.analyse(doc, 'full');
    expect(calls).toHaveLength(3);
  });

  it('says why when there are no scores', async () => {
    const broken = { ...fixture, text: fixture.text.replace('weight 60', 'weight 6O') };
    const doc = await previewedOf(broken);
    const state = await new UncertaintyService(inProcessRunner()).analyse(doc, 'full');
    expect(state.result).toBeUndefined();
    expect(state.reason).toMatch(/errors/);
  });
});
