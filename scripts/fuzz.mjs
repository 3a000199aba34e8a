#!/usr/bin/env node
// The long reliability run (RELIABILITY.md): `npm run fuzz [-- --cases 10000 --seed 42 --budget 1500]`
// (`--record <file> --doc <file>` write the figures elsewhere than last-run.json and RELIABILITY.md).
//  1. the parser/checker/formatter fuzzer (tests/reliability/fuzz) on --cases mutated, generated and
//     token-soup files, every failure collected;
//  2. the language server under --cases random edits of the 2022 example (tests/reliability/lsp-edits.test.ts);
//  3. the property suites (differential, numbers) with --cases/10 and --cases/20 runs each.
// It prints the figures, writes tests/reliability/fuzz/last-run.json and updates the "Latest long run"
// section of RELIABILITY.md. Exit 1 when anything failed. Build first (`npx tsc -b`): tests import dist/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const cases = Number(arg('cases', 10_000));
const seed = Number(arg('seed', Math.floor(Date.now() / 1000) % 2_147_483_647));
const budget = Number(arg('budget', 1500));
// Where the figures go: `--record` and `--doc` let a test run the script without touching the real ones.
const record = path.resolve(arg('record', path.join(root, 'tests/reliability/fuzz/last-run.json')));
const doc = path.resolve(arg('doc', path.join(root, 'RELIABILITY.md')));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-fuzz-'));
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

function run(label, files, env) {
  const started = Date.now();
  const json = path.join(tmp, `${label}.json`);
  process.stderr.write(`fuzz: ${label}…\n`);
  const r = spawnSync(process.execPath, [vitest, 'run', ...files, '--testTimeout=7200000', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], {
    cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env },
  });
  let tests = { total: 0, failed: 0 };
  if (fs.existsSync(json)) {
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    tests = { total: j.numTotalTests - j.numPendingTests, failed: j.numFailedTests };
  }
  return { status: r.status, durationMs: Date.now() - started, tests };
}

const git = (...a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout.trim();
const commit = git('rev-parse', '--short', 'HEAD');
const dirty = git('status', '--porcelain').length > 0;

const report = path.join(tmp, 'fuzz-report.json');
const fuzz = run('fuzz', ['tests/reliability/fuzz/'], { FUZZ_CASES: String(cases), FUZZ_SEED: String(seed), FUZZ_REPORT: report, FUZZ_BUDGET_MS: String(budget) });
const fuzzed = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : { cases: 0, failed: 1, failures: [{ problems: ['the fuzz run did not finish'] }] };
const diffRuns = Math.max(60, Math.round(cases / 10));
const numberRuns = Math.max(150, Math.round(cases / 20));
// Not `lsp-edits.json`: run('lsp-edits') writes vitest's JSON report there, which would replace the figures.
const lspReport = path.join(tmp, 'lsp-edits-figures.json');
const lsp = run('lsp-edits', ['tests/reliability/lsp-edits.test.ts'], { LSP_EDITS: String(cases), LSP_EDITS_SEED: String(seed), LSP_EDITS_REPORT: lspReport });
const lspFigures = fs.existsSync(lspReport) ? JSON.parse(fs.readFileSync(lspReport, 'utf8')) : { failures: 1, error: 'the run did not finish' };
const props = run('properties', ['tests/reliability/differential.test.ts', 'tests/reliability/numbers.test.ts', 'tests/reliability/json-duplicates.test.ts', 'tests/differential'], { DIFF_RUNS: String(diffRuns), NUMBER_RUNS: String(numberRuns), FUZZ_SEED: String(seed) });

const last = {
  date: new Date().toISOString(),
  commit: `${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
  node: process.version,
  seed,
  fuzz: {
    cases: fuzzed.cases, failed: fuzzed.failed, scored: fuzzed.scored, slowestCpuMs: fuzzed.slowestCpuMs, budgetMs: budget,
    seedFiles: fuzzed.seedFiles, durationMs: fuzz.durationMs, failures: fuzzed.failures,
  },
  properties: { diffRuns, numberRuns, tests: props.tests.total, failed: props.tests.failed, durationMs: props.durationMs },
  lspEdits: { ...lspFigures, status: lsp.status, durationMs: lsp.durationMs },
};
fs.writeFileSync(record, `${JSON.stringify(last, null, 2)}\n`);

const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;
const section = [
  '<!-- fuzz:last-run (written by scripts/fuzz.mjs) -->',
  '| | |',
  '|---|---|',
  `| date | ${last.date.slice(0, 16).replace('T', ' ')} UTC |`,
  `| commit | \`${last.commit}\` |`,
  `| seed | ${seed} (replay a case: \`FUZZ_CASES=${cases} FUZZ_SEED=${seed} FUZZ_REPLAY=<index> npx vitest run tests/reliability/fuzz\`) |`,
  `| fuzz cases | ${last.fuzz.cases} (${last.fuzz.scored} without errors, so also scored by engine and evaluator), from ${last.fuzz.seedFiles} seed files |`,
  `| fuzz failures | ${last.fuzz.failed} |`,
  `| slowest file | ${last.fuzz.slowestCpuMs} ms of CPU for analyze + format (budget ${budget} ms) |`,
  `| property tests | ${last.properties.tests} tests, ${diffRuns} runs each for the differential ones and ${numberRuns} for the numbers ones; ${last.properties.failed} failed |`,
  `| duration | ${minutes(last.fuzz.durationMs)} fuzzing + ${minutes(last.properties.durationMs)} properties, Node ${process.version} |`,
  '<!-- /fuzz:last-run -->',
].join('\n');
const m = lspFigures.rssMb ?? {};
// didChange notifications by kind of typist action, most first: `4361 type, 1849 backspace, …`.
const kinds = Object.entries(lspFigures.kinds ?? {}).filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([kind, count]) => `${count} ${kind}`).join(', ');
const lspSection = [
  '<!-- lsp-edits:last-run (written by scripts/fuzz.mjs) -->',
  '| | |',
  '|---|---|',
  `| date | ${last.date.slice(0, 16).replace('T', ' ')} UTC, \`${last.commit}\`, Node ${process.version} |`,
  `| seed | ${seed} (replay: \`LSP_EDITS=${cases} LSP_EDITS_SEED=${seed} npx vitest run tests/reliability/lsp-edits.test.ts\`) |`,
  `| edits | ${lspFigures.edits ?? '?'} didChange notifications (${lspFigures.actions ?? '?'} typist actions${kinds ? `; by kind: ${kinds}` : ''}), ${lspFigures.requests ?? '?'} requests in between, then ${lspFigures.undone ?? '?'} undos back to the original |`,
  `| failures | ${lspFigures.failures ?? '?'}${lspFigures.error ? ` — ${String(lspFigures.error).replace(/\|/g, '\\|').slice(0, 200)}` : ''} |`,
  `| server memory (VmRSS) | ${m.start ?? '?'} MB at start, ${m.warm ?? '?'} MB after warm-up (${m.warmUpEdits ?? '?'} edits), ${m.half ?? '?'} MB at half-way, peak ${m.peak ?? '?'} MB, ${m.end ?? '?'} MB at the end |`,
  `| duration | ${minutes(lsp.durationMs)} |`,
  '<!-- /lsp-edits:last-run -->',
].join('\n');
if (fs.existsSync(doc)) {
  let text = fs.readFileSync(doc, 'utf8');
  const re = /<!-- fuzz:last-run[\s\S]*?<!-- \/fuzz:last-run -->/;
  if (re.test(text)) text = text.replace(re, section);
  const lspRe = /<!-- lsp-edits:last-run[\s\S]*?<!-- \/lsp-edits:last-run -->/;
  if (lspRe.test(text)) text = text.replace(lspRe, lspSection);
  fs.writeFileSync(doc, text);
}
console.log(`\n${section}\n\n${lspSection}\n`);
for (const f of fuzzed.failures ?? []) console.log(`FAILED #${f.index}: ${f.case}\n  ${f.problems.join('\n  ')}`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(fuzzed.failed === 0 && props.tests.failed === 0 && fuzz.status === 0 && props.status === 0 && lsp.status === 0 ? 0 : 1);
