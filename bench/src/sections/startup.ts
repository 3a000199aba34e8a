/**
 * 3b. Start-up: parser construction and first parses in fresh processes, module import costs, and the
 * CLI's cold start (`rubric check` on a small file) against `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BENCH_DIST, CLI_BIN, ROOT, RULES_2022, SMALL_RULES, TMP, ensureDir, section, smoke, which, type SectionResult } from '../env.js';
import { longRules } from '../generate.js';
import { dur, latency, ratio, type Latency } from '../harness.js';

const COLD = path.join(BENCH_DIST, 'src/child/cold.js');
const BUNDLE_DIR = path.join(ROOT, 'cli/dist/bundle');

/**
 * The launcher runs the bundle only when no `tsc -b` has rebuilt a package since it was made (as
 * cli/bin/rubric.js decides); `npm run bench` runs `tsc -b`, so the bundle is made again when stale,
 * and the figures are those of what `npm run build` leaves.
 */
function ensureBundle(): string | undefined {
  const mtime = (f: string) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : undefined);
  const built = mtime(path.join(BUNDLE_DIR, 'rubric.js'));
  const fresh = built !== undefined && ['grammar', 'core', 'report', 'cli'].every((p) => !((mtime(path.join(ROOT, p, 'tsconfig.tsbuildinfo')) ?? 0) > built));
  if (fresh) return undefined;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/scripts/bundle.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli/scripts/bundle.mjs failed: ${r.stderr}`);
  return 'The bundle was older than the TypeScript build; the section made it again (`node cli/scripts/bundle.mjs`) before measuring.';
}

/** The bundle's file holding a module (cli/dist/bundle/.bundle.json, written by cli/scripts/bundle.mjs). */
function bundled(module: string): string | undefined {
  try {
    const { modules } = JSON.parse(fs.readFileSync(path.join(BUNDLE_DIR, '.bundle.json'), 'utf8')) as { modules: Record<string, string> };
    return modules[module] ? path.join(BUNDLE_DIR, modules[module]) : undefined;
  } catch {
    return undefined;
  }
}

function cold(args: string[], runs: number): Record<string, Latency> {
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [COLD, ...args], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold.js ${args.join(' ')} failed: ${r.stderr}`);
    const line = r.stdout.trim().split('\n').pop()!;
    for (const [k, v] of Object.entries(JSON.parse(line) as Record<string, number>)) (samples[k] ??= []).push(v);
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, latency(v)]));
}

interface Command { name: string; argv: string[] }
interface CommandTiming { name: string; command: string; median: number; p95: number; min: number; runs: number }

/** Wall time of whole commands: hyperfine when installed, else spawned `runs` times. */
function commands(list: Command[], runs: number, warmup: number, useHyperfine = true): { tool: string; timings: CommandTiming[] } {
  const hyperfine = useHyperfine ? which('hyperfine') : undefined;
  const show = (c: Command) => c.argv.map((a) => (a.startsWith(ROOT + path.sep) ? path.relative(ROOT, a) : a)).map((a) => (a === process.execPath ? 'node' : a)).join(' ');
  if (hyperfine) {
    const json = path.join(ensureDir(TMP), `hyperfine-${process.pid}.json`);
    const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', json, '--style', 'none',
      ...list.flatMap((c) => ['-n', c.name, c.argv.map((a) => (/[\s"'$]/.test(a) ? `"${a}"` : a)).join(' ')])];
    const r = spawnSync(hyperfine, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status === 0) {
      const res = JSON.parse(fs.readFileSync(json, 'utf8')) as { results: { command: string; median: number; times: number[]; min: number }[] };
      fs.rmSync(json, { force: true });
      return {
        tool: `hyperfine ${spawnSync(hyperfine, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^hyperfine /, '')} (-N, ${warmup} warm-up runs, ${runs} runs)`,
        timings: res.results.map((x, i) => {
          const l = latency(x.times.map((t) => t * 1000));
          return { name: x.command, command: show(list[i]!), median: x.median * 1000, p95: l.p95, min: x.min * 1000, runs: x.times.length };
        }),
      };
    }
  }
  const timings = list.map((c) => {
    const times: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(c.argv[0]!, c.argv.slice(1), { cwd: ROOT, stdio: 'ignore' });
      const dt = performance.now() - t0;
      if (r.error) throw r.error;
      if (i >= warmup) times.push(dt);
    }
    const l = latency(times);
    return { name: c.name, command: show(c), median: l.p50, p95: l.p95, min: l.min, runs };
  });
  return { tool: `spawnSync from Node (hyperfine not installed; ${warmup} warm-up runs, ${runs} runs)`, timings };
}

export async function run(): Promise<SectionResult> {
  const s = section('startup', '3b. Start-up: parser construction, first parses, CLI cold start');
  const quick = smoke();
  const rebuilt = ensureBundle();
  if (rebuilt) s.notes.push(rebuilt);
  const runs = quick ? 1 : 10;
  const file500 = path.join(ensureDir(TMP), 'long-500.rubric');
  fs.writeFileSync(file500, longRules(quick ? 100 : 500).text);
  const lines500 = fs.readFileSync(file500, 'utf8').split('\n').length;

  const parser = cold(['parser'], runs);
  const firstParse = cold(['first-parse', file500], runs);
  const firstAnalyze = cold(['first-analyze', RULES_2022], runs);
  s.method.push(`Each figure is the median over ${runs} fresh processes (bench/src/child/cold.ts); times are taken inside the process with performance.now().`);
  s.tables.push({
    caption: 'Parser and checker in a fresh process',
    head: ['step', 'median', 'p95'],
    rows: [
      ['import @rubric/grammar/parser/parser (Chevrotain, tokens)', dur(parser['import']!.p50), dur(parser['import']!.p95)],
      ['`new RubricParser()` (first: grammar recording, validation)', dur(parser['construct']!.p50), dur(parser['construct']!.p95)],
      ['`new RubricParser()` again', dur(parser['constructAgain']!.p50), dur(parser['constructAgain']!.p95)],
      [`first \`parse\` of a ${lines500}-line file (builds the parser)`, dur(firstParse['first']!.p50), dur(firstParse['first']!.p95)],
      ['second `parse`', dur(firstParse['second']!.p50), dur(firstParse['second']!.p95)],
      ['third `parse`', dur(firstParse['third']!.p50), dur(firstParse['third']!.p95)],
      ['import @rubric/core', dur(firstAnalyze['import']!.p50), dur(firstAnalyze['import']!.p95)],
      ['first `analyze` of the 2022 file (builds the parser)', dur(firstAnalyze['first']!.p50), dur(firstAnalyze['first']!.p95)],
      ['second `analyze`', dur(firstAnalyze['second']!.p50), dur(firstAnalyze['second']!.p95)],
    ],
  });

  const url = (f: string) => pathToFileURL(path.join(ROOT, f)).href;
  const checkChunk = bundled('cli/dist/commands/check.js');
  // What `rubric check` loads, bundled: the check command's chunk and the chunks it imports (the last row).
  const cliRows: [string, string][] = [
    ['cli/dist/main.js, unbundled (commander; each command is imported when it runs)', url('cli/dist/main.js')],
    ['cli/dist/commands/check.js, unbundled (what `rubric check` imports)', url('cli/dist/commands/check.js')],
    ['cli/dist/bundle/rubric.js (the bundle\'s entry: commander)', url('cli/dist/bundle/rubric.js')],
    ...(checkChunk ? [['`rubric check`\'s chunks in the bundle (Chevrotain, the grammar, the checker)', pathToFileURL(checkChunk).href] as [string, string]] : []),
  ];
  const modules: [string, string][] = quick ? [['@rubric/core', '@rubric/core'], ...cliRows] : [
    ['chevrotain', 'chevrotain'], ['zod', 'zod'], ['@rubric/grammar', '@rubric/grammar'], ['@rubric/core', '@rubric/core'],
    ['@rubric/report', '@rubric/report'], ['exceljs', 'exceljs'], ['commander', 'commander'], ...cliRows,
  ];
  const imports = modules.map(([label, spec]) => {
    try {
      return [label, cold(['import', spec], Math.min(runs, 6))['import']!] as const;
    } catch {
      return [label, null] as const;
    }
  });
  s.tables.push({
    caption: 'Import cost of each module in a fresh process (each includes what it imports)',
    head: ['module', 'median', 'p95'],
    rows: imports.map(([label, l]) => [label, l ? dur(l.p50) : 'not importable', l ? dur(l.p95) : '']),
  });

  const node = process.execPath;
  const all: Command[] = [
    { name: 'node -e 0', argv: [node, '-e', '0'] },
    { name: 'rubric --help', argv: [node, CLI_BIN, '--help'] },
    { name: 'rubric --version', argv: [node, CLI_BIN, '--version'] },
    { name: 'rubric check (small file)', argv: [node, CLI_BIN, 'check', SMALL_RULES] },
    { name: 'rubric check (2022 file)', argv: [node, CLI_BIN, 'check', RULES_2022] },
    // tsc's output, as the launcher runs it when the bundle is stale.
    { name: 'rubric check (small file), unbundled', argv: [node, '--input-type=module', '-e', `import('./cli/dist/main.js').then((m)=>m.main(['check','${path.relative(ROOT, SMALL_RULES)}'])).then((c)=>{process.exitCode=c})`] },
  ];
  // The smoke run times the two commands of the goal once each, without hyperfine.
  const list = quick ? all.filter((c) => c.name === 'node -e 0' || c.name === 'rubric check (small file)') : all;
  const { tool, timings } = quick ? commands(list, 1, 0, false) : commands(list, 20, 2);
  const timing = (name: string) => timings.find((t) => t.name === name);
  const base = timing('node -e 0')!.median;
  s.tables.push({
    caption: `Whole commands, wall time (${tool})`,
    head: ['command', 'median', 'p95', 'min', '÷ node -e 0'],
    rows: timings.map((t) => [`\`${t.command}\``, dur(t.median), dur(t.p95), dur(t.min), ratio(t.median / base)]),
  });
  const checkSmall = timing('rubric check (small file)')!.median;
  const version = timing('rubric --version')?.median;
  const help = timing('rubric --help')?.median;
  const unbundled = timing('rubric check (small file), unbundled')?.median;
  const imported = (label: string) => imports.find(([l]) => l === label)?.[1] ?? null;
  const checkImport = checkChunk ? imported(cliRows[cliRows.length - 1]![0]) : null;
  s.method.push(`CLI: \`${timing('rubric check (small file)')!.command}\` (${fs.readFileSync(SMALL_RULES, 'utf8').split('\n').length} lines) against \`node -e 0\`. cli/bin/rubric.js runs the bundle cli/dist/bundle/ (esbuild, ESM, a chunk per lazily imported command; cli/scripts/bundle.mjs); the \`unbundled\` row runs tsc's output, as the launcher does when a \`tsc -b\` is newer than the bundle.`);

  s.goals.push(
    {
      name: 'parser start-up (`new RubricParser()` in a fresh process) ≤ 20 ms', target: '≤ 20 ms',
      measured: `${dur(parser['construct']!.p50)} (+ ${dur(parser['import']!.p50)} to import it)`, met: parser['construct']!.p50 <= 20,
      cause: 'Chevrotain\'s `performSelfAnalysis` records every rule, computes lookahead functions and validates the grammar on each construction; a grammar this size takes that long. Chevrotain offers no serialised form to skip it; keep it off the start-up path (build lazily, as `parse` does) or warm it in the background.',
    },
    {
      name: 'CLI `check` on a small file ≤ 2× `node -e 0`', target: '≤ 2×',
      measured: `${ratio(checkSmall / base)} (${dur(checkSmall)} vs ${dur(base)}${version !== undefined ? `; \`--version\` alone ${dur(version)}` : ''})`, met: checkSmall / base <= 2,
      cause: `What \`rubric check\` spends on a small file, in order: Node's own start (\`node -e 0\`, ${dur(base)}); the launcher and commander (\`--help\`${help !== undefined ? `, ${dur(help)} in all` : ''}); loading what \`check\` needs from the bundle — Chevrotain, the grammar and the checker${checkImport ? `, ${dur(checkImport.p50)} in a fresh process` : ''}; building the parser (\`new RubricParser()\`, ${dur(parser['construct']!.p50)}: Chevrotain's grammar recording and validation); then lexing, parsing and checking the file cold. The lazy imports keep the report (echarts, exceljs), the evidence readers, zod and the code generator off this path. Unbundled (tsc's output, which the launcher runs after a bare \`tsc -b\`) the same command takes ${unbundled !== undefined ? dur(unbundled) : '?'}. Node ≥ 22.1 also reuses the compiled code across runs (\`module.enableCompileCache()\` in the launcher); Node 20 has no such cache.`,
    },
  );
  Object.assign(s.metrics, {
    parserImportMs: parser['import']!.p50, parserConstructMs: parser['construct']!.p50, parserConstructAgainMs: parser['constructAgain']!.p50,
    firstParseMs: firstParse['first']!.p50, secondParseMs: firstParse['second']!.p50, firstAnalyzeMs: firstAnalyze['first']!.p50,
    nodeMs: base, helpMs: help ?? null, versionMs: version ?? null, checkSmallMs: checkSmall, check2022Ms: timing('rubric check (2022 file)')?.median ?? null,
    checkSmallUnbundledMs: unbundled ?? null,
    ...Object.fromEntries(imports.map(([label, l]) => [`import ${label}`, l ? l.p50 : null])),
  });
  return s;
}
