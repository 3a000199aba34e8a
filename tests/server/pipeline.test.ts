// The document pipeline: phases per version, stale work dropped, bursts coalesced, errors keep the last
// good preview (stale), and requests always answer for the newest version.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../server/src/documents/pipeline.js';
import type { Checked, Previewed } from '../../server/src/documents/phases.js';
import { PreviewService } from '../../server/src/preview/preview.js';
import { FIXTURES } from './helpers/fixture.js';

const file = path.join(FIXTURES, 'hover/indicators.rubric');
const uri = pathToFileURL(file).href;
const text = fs.readFileSync(file, 'utf8').replaceAll('<|>', '');
const weights = (tech: number) => text.replace('indicator tech "技术" weight 60', `indicator tech "技术" weight ${tech}`).replace('indicator talk "互动" weight 40', `indicator talk "互动" weight ${100 - tech}`);

function setup() {
  const checked: Checked[] = [];
  const previewed: Previewed[] = [];
  let wake: (() => void) | undefined;
  const service = new PreviewService();
  service.saved.remember(file, text);
  const pipeline = new Pipeline(service, {
    checked: (d) => checked.push(d),
    previewed: (d) => {
      previewed.push(d);
      wake?.();
    },
  });
  const previewOf = (version: number) => new Promise<Previewed>((resolve) => {
    const look = () => {
      const p = previewed.find((d) => d.version === version);
      if (p) resolve(p);
      else wake = look;
    };
    look();
  });
  return { pipeline, checked, previewed, previewOf };
}

describe('the document pipeline', () => {
  it('checks, then previews, each version; the impact is against the saved text', async () => {
    const { pipeline, checked, previewOf } = setup();
    pipeline.update(uri, 1, text);
    const first = await previewOf(1);
    expect(checked.map((d) => d.version)).toEqual([1]);
    expect(first.preview.results!.summary.mean).toBe(71.62);
    expect(first.preview.impact).toBeUndefined();
    pipeline.update(uri, 2, weights(50));
    const second = await previewOf(2);
    expect(second.preview.impact!.mean).toEqual({ saved: 71.62, edited: 71.65 });
  });

  it('coalesces edits that arrive together: one check and one preview for the newest', async () => {
    const { pipeline, checked, previewed, previewOf } = setup();
    for (let v = 1; v <= 10; v++) pipeline.update(uri, v, weights(50 + v));
    const last = await previewOf(10);
    expect(checked.map((d) => d.version)).toEqual([10]);
    expect(previewed.map((d) => d.version)).toEqual([10]);
    expect(last.analysis.model.indicators[0]!.weight).toEqual([60n, 1n]);
  });

  it('with edits flagged as queued, waits for the queue to drain before checking', async () => {
    const { pipeline, checked, previewOf } = setup();
    pipeline.update(uri, 1, text);
    await previewOf(1);
    pipeline.update(uri, 2, weights(55), true);
    setImmediate(() => pipeline.update(uri, 3, weights(56), true));
    await previewOf(3);
    expect(checked.map((d) => d.version)).toEqual([1, 3]);
    expect(pipeline.stats.backlogged).toBe(2);
  });

  it('keeps the last good scores, marked stale, while the buffer has errors', async () => {
    const { pipeline, previewOf } = setup();
    pipeline.update(uri, 1, text);
    await previewOf(1);
    pipeline.update(uri, 2, text.replace('score = 100 * site.ok', 'score = 100 * site.okk'));
    const broken = await previewOf(2);
    expect(broken.analysis.hasErrors).toBe(true);
    expect(broken.preview).toMatchObject({ stale: true, version: 1 });
    expect(broken.preview.results!.summary.mean).toBe(71.62);
  });

  it('answers requests for the newest version, computing phases on demand', async () => {
    const { pipeline } = setup();
    pipeline.update(uri, 1, text);
    pipeline.update(uri, 2, weights(70));
    expect(pipeline.checked(uri)!.version).toBe(2); // before any scheduled run
    const doc = await pipeline.previewed(uri);
    expect(doc!.version).toBe(2);
    expect(doc!.preview.results!.summary.mean).not.toBe(71.62);
    pipeline.close(uri);
    expect(pipeline.checked(uri)).toBeUndefined();
  });
});
