/**
 * The parser, checker and formatter under fuzzing (RELIABILITY.md). `npm test` runs a short, fixed-seed
 * sample; `npm run fuzz` (scripts/fuzz.mjs) runs this file with FUZZ_CASES=10000 or more and a fresh seed,
 * collecting every failure instead of stopping at the first, and records the figures.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '@rubric/core';
import { seeds } from './corpus.js';
import { caseArbitrary, caseLabel, caseText, type Case } from './cases.js';
import { examine } from './oracle.js';

const LONG = Number(process.env['FUZZ_CASES'] ?? 0);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20240611);
/** CPU milliseconds allowed for analyze + format of one file; generous for loaded CI machines. */
const BUDGET = Number(process.env['FUZZ_BUDGET_MS'] ?? 1500);
const SHORT = Number(process.env['FUZZ_SHORT_RUNS'] ?? 300);

analyze('evaluation warm "up" { }'); // builds the parser once, outside any budget

describe.skipIf(LONG > 0)('fuzzing (short run)', () => {
  it('every repository rules file as it is', () => {
    for (const s of seeds()) {
      const v = examine(s.text, { seed: 1 });
      expect(v.problems, s.file).toEqual([]);
    }
  });

  it(`${SHORT} mutated, generated and token-soup files: no exception, ranges in the text, idempotent format, scorers agree`, () => {
    fc.assert(fc.property(caseArbitrary(), fc.nat(), (c: Case, unitSeed: number) => {
      const v = examine(caseText(c), { seed: unitSeed });
      expect(v.problems, caseLabel(c)).toEqual([]);
      expect(v.cpuMs, `${caseLabel(c)} took ${v.cpuMs.toFixed(0)} ms`).toBeLessThan(BUDGET);
    }), { numRuns: SHORT, seed: SEED });
  });
});

describe.runIf(LONG > 0)('fuzzing (long run)', () => {
  it(`${LONG} cases from seed ${SEED}`, () => {
    const started = Date.now();
    const arb = caseArbitrary();
    const failures: { index: number; case: string; problems: string[] }[] = [];
    let slowest = { ms: 0, case: '' };
    let scored = 0;
    let failed = 0;
    // One sample per index, so case i of seed s can be replayed alone (FUZZ_REPLAY=i).
    const only = process.env['FUZZ_REPLAY'] === undefined ? undefined : Number(process.env['FUZZ_REPLAY']);
    for (let i = only ?? 0; i < (only === undefined ? LONG : only + 1); i++) {
      const c = fc.sample(arb, { numRuns: 1, seed: SEED + i })[0]!;
      const v = examine(caseText(c), { seed: SEED + i });
      if (v.cpuMs > slowest.ms) slowest = { ms: v.cpuMs, case: caseLabel(c).slice(0, 300) };
      if (v.scored) scored++;
      const problems = [...v.problems, ...(v.cpuMs > BUDGET ? [`took ${v.cpuMs.toFixed(0)} ms of CPU (budget ${BUDGET})`] : [])];
      if (problems.length) {
        failed++;
        if (failures.length < 50) failures.push({ index: i, case: caseLabel(c).slice(0, 2000), problems });
      }
      if (i % 500 === 0 && i > 0) process.stderr.write(`fuzz: ${i} cases, ${failed} failed\n`);
    }
    const report = {
      cases: only === undefined ? LONG : 1, failed, scored, seed: SEED, budgetMs: BUDGET, seedFiles: seeds().length,
      slowestCpuMs: Math.round(slowest.ms), slowestCase: slowest.case, durationMs: Date.now() - started, failures,
    };
    if (process.env['FUZZ_REPORT']) fs.writeFileSync(process.env['FUZZ_REPORT'], `${JSON.stringify(report, null, 2)}\n`);
    expect(failures).toEqual([]);
  }, 24 * 3600_000);
});
