/** The memo of exact values the editor keeps across keystrokes: bounded, and never a stale value. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, instantiateEngine, validateEvidence, type ExactMemo } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';

const dir = path.join(ROOT, 'examples/gov-service-2022');
const text = fs.readFileSync(path.join(dir, 'rules.rubric'), 'utf8');
const model = analyze(text).model;
const raw = fs.readdirSync(path.join(dir, 'evidence')).sort().map((f) => ({ id: f.replace(/\.json$/, ''), source: f, data: JSON.parse(fs.readFileSync(path.join(dir, 'evidence', f), 'utf8')) as unknown }));
const units = validateEvidence(model, raw).units;

/** A weight edit that keeps the siblings at 100: online 40 → 40 - d/4, delivery 10 → 10 + d/4. */
const edit = (d: number) => text.replace('"全程网办" weight 40', `"全程网办" weight ${40 - d / 4}`).replace('"证照送达" weight 10', `"证照送达" weight ${10 + d / 4}`);

describe('exact memo', () => {
  it('keeps at most four keys per indicator (plus a few) however many edits go by', () => {
    // Each edit gives `handling` a new key: 150 edits are more than the bound without eviction.
    const memo: ExactMemo = new Map();
    const limit = 4 * model.allIndicators.length + 16;
    for (let d = 0; d < 150; d++) {
      const m = analyze(edit(d)).model;
      const engine = instantiateEngine(m);
      const results = engine.runValidated(units, { explain: false, memo });
      if (d % 25 === 0) expect(JSON.stringify(results)).toBe(JSON.stringify(engine.runValidated(units, { explain: false })));
      expect(memo.size).toBeLessThanOrEqual(limit);
    }
    expect(memo.size).toBeGreaterThan(model.allIndicators.length / 2); // it was used
  });

  it('gives the published figures of the 2022 report through any number of edits and back', () => {
    const memo: ExactMemo = new Map();
    for (const d of [0, 20, 48, 0]) instantiateEngine(analyze(edit(d)).model).runValidated(units, { explain: false, memo });
    const r = instantiateEngine(model).runValidated(units, { explain: false, memo });
    expect(r.summary.mean).toBe(88.54);
    expect(r.summary.indicators['handling']!.mean).toBe(83.55);
  });
});
