/**
 * `npm run bench`: runs every section, each in a fresh Node process, one after another (never in
 * parallel: this machine has two cores), and writes BENCHMARKS.md.
 *
 *   node bench/dist/src/run.js [--smoke] [--only engine,editor [--merge]] [--out FILE] [--json FILE] [--no-wait | --wait-minutes M --quiet-load L]
 *
 * --smoke (or BENCH_SMOKE=1): tiny sizes, a few seconds per section, written to a scratch file unless
 * --out says otherwise; it checks that the suite still runs, its figures mean nothing.
 * --merge keeps the sections not run now from the previous run's JSON; --render-only rewrites BENCHMARKS.md
 * from that JSON without running anything.
 * Without --no-wait a full run first waits (up to --wait-minutes, default 10) for the machine to be quiet
 * (1-minute load average ≤ --quiet-load, default 0.7).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_DIST, ROOT, TMP, ensureDir, smoke, which, type SectionResult } from './env.js';
import { render, type RunInfo } from './report.js';

/**
 * Node flags of a section's process beyond `--expose-gc`: the editor section runs the language server's
 * pipeline in-process, so it gets the heap the server is started with (server/bin/rubric-lsp.js).
 */
const SECTION_FLAGS: Partial<Record<string, string[]>> = { editor: ['--max-semi-space-size=64'] };

const SECTIONS = ['engine', 'scorers', 'parser', 'startup', 'editor', 'run', 'uncertainty'] as const;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

const load = () => os.loadavg()[0]!;

async function waitQuiet(maxMinutes: number, threshold: number): Promise<boolean> {
  const until = Date.now() + maxMinutes * 60_000;
  while (load() > threshold) {
    if (Date.now() > until) return false;
    log(`waiting for a quiet machine (1-minute load average ${load().toFixed(2)} > ${threshold})…`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  return true;
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

async function main(): Promise<number> {
  // --render-only: BENCHMARKS.md again from the last run's JSON (after a change to the report's layout).
  if (process.argv.includes('--render-only')) {
    const json = path.resolve(arg('--json') ?? path.join(ROOT, 'out/bench/benchmarks.json'));
    const { info, sections } = JSON.parse(fs.readFileSync(json, 'utf8')) as { info: RunInfo; sections: SectionResult[] };
    fs.writeFileSync(path.resolve(arg('--out') ?? path.join(ROOT, 'BENCHMARKS.md')), render(info, sections));
    return 0;
  }
  const quick = smoke();
  const only = arg('--only')?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of only ?? []) if (!(SECTIONS as readonly string[]).includes(id)) { log(`unknown section ${id}; sections: ${SECTIONS.join(', ')}`); return 2; }
  const ids = SECTIONS.filter((id) => !only || only.includes(id));
  const out = path.resolve(arg('--out') ?? (quick ? path.join(TMP, 'BENCHMARKS.smoke.md') : path.join(ROOT, 'BENCHMARKS.md')));
  const jsonOut = path.resolve(arg('--json') ?? (quick ? path.join(TMP, 'benchmarks.smoke.json') : path.join(ROOT, 'out/bench/benchmarks.json')));
  ensureDir(TMP);

  const waitMinutes = Number(arg('--wait-minutes') ?? 10);
  const quiet = quick || process.argv.includes('--no-wait') ? null : await waitQuiet(waitMinutes, Number(arg('--quiet-load') ?? 0.7));
  const loadStart = load();
  const t0 = performance.now();
  const sections: SectionResult[] = [];
  const failures: string[] = [];
  for (const id of ids) {
    const resultFile = path.join(TMP, `section-${id}-${process.pid}.json`);
    fs.rmSync(resultFile, { force: true });
    const before = load();
    log(`${id}…`);
    const started = performance.now();
    const r = spawnSync(process.execPath, ['--expose-gc', ...(SECTION_FLAGS[id] ?? []), path.join(BENCH_DIST, 'src/section.js'), id, '--result', resultFile, ...(quick ? ['--smoke'] : [])], {
      cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20,
      env: { ...process.env, ...(quick ? { BENCH_SMOKE: '1' } : {}) },
    });
    const seconds = (performance.now() - started) / 1000;
    if (r.status === 0 && fs.existsSync(resultFile)) {
      const s = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SectionResult;
      s.metrics['loadBefore'] = before;
      s.metrics['loadAfter'] = load();
      s.metrics['ranAt'] = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      sections.push(s);
      log(`${id} done in ${seconds.toFixed(1)} s`);
    } else {
      const err = `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim();
      failures.push(id);
      sections.push({ id, title: `${id} (FAILED)`, method: [], tables: [], notes: [`The section failed (exit ${r.status}):`, '```', err.split('\n').slice(-25).join('\n'), '```'], goals: [], metrics: {}, seconds });
      log(`${id} FAILED (exit ${r.status})\n${err.split('\n').slice(-25).join('\n')}`);
    }
    fs.rmSync(resultFile, { force: true });
  }

  // --merge: sections not run now are taken from the previous run's JSON (e.g. to redo one section
  // that ran while the machine was busy); each section says when it ran.
  if (process.argv.includes('--merge') && fs.existsSync(jsonOut)) {
    const previous = (JSON.parse(fs.readFileSync(jsonOut, 'utf8')) as { sections: SectionResult[] }).sections;
    const now = new Map(sections.map((s) => [s.id, s]));
    const merged = SECTIONS.map((id) => now.get(id) ?? previous.find((p) => p.id === id)).filter((s): s is SectionResult => s !== undefined);
    sections.splice(0, sections.length, ...merged);
  }

  const cpus = os.cpus();
  const info: RunInfo = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    smoke: quick,
    command: quick ? 'npm run bench -- --smoke' : `npm run bench${only ? ` -- --only ${only.join(',')}${process.argv.includes('--merge') ? ' --merge' : ''}` : ''}`,
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: `${process.version} (V8 ${process.versions.v8})`,
    commit: (() => {
      const head = git(['rev-parse', '--short', 'HEAD']);
      const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
      return head ? `${head}${dirty ? ' + uncommitted changes in the work tree' : ''}` : 'unknown';
    })(),
    tools: [
      which('hyperfine') ? spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).stdout.trim() : 'hyperfine not installed (commands timed by spawning them)',
      fs.existsSync('/usr/bin/time') ? 'GNU time' : 'GNU time not installed (process.resourceUsage() instead)',
    ].join(', '),
    load: { start: loadStart, end: load(), quiet },
    seconds: (performance.now() - t0) / 1000,
  };
  ensureDir(path.dirname(out));
  fs.writeFileSync(out, render(info, sections));
  ensureDir(path.dirname(jsonOut));
  fs.writeFileSync(jsonOut, `${JSON.stringify({ info, sections }, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), out) || out} and ${path.relative(process.cwd(), jsonOut) || jsonOut} in ${info.seconds.toFixed(0)} s${failures.length ? `; FAILED: ${failures.join(', ')}` : ''}`);
  return failures.length ? 1 : 0;
}

process.exitCode = await main();
