/**
 * Runs one section in this (fresh) process and writes its result as JSON:
 *   node --expose-gc bench/dist/src/section.js <id> --result FILE [--smoke]
 * The runner starts one process per section, so sections do not share warm caches, JIT state or heap.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { SectionResult } from './env.js';

const SECTIONS: Record<string, () => Promise<{ run(): Promise<SectionResult> }>> = {
  engine: () => import('./sections/engine.js'),
  scorers: () => import('./sections/scorers.js'),
  parser: () => import('./sections/parser.js'),
  startup: () => import('./sections/startup.js'),
  editor: () => import('./sections/editor.js'),
  run: () => import('./sections/run-scale.js'),
  uncertainty: () => import('./sections/uncertainty.js'),
};

const SECTION_IDS = Object.keys(SECTIONS);

async function main(): Promise<void> {
  const id = process.argv[2] ?? '';
  const resultAt = process.argv.indexOf('--result');
  const out = resultAt > 0 ? process.argv[resultAt + 1] : undefined;
  const load = SECTIONS[id];
  if (!load || !out) {
    process.stderr.write(`usage: section.js <${SECTION_IDS.join('|')}> --result FILE [--smoke]\n`);
    process.exitCode = 2;
    return;
  }
  const t0 = performance.now();
  const result = await (await load()).run();
  result.seconds = (performance.now() - t0) / 1000;
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
}

await main();
