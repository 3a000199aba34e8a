#!/usr/bin/env node
// `npm run bench:lsp`: keystroke latency of the real language server, as an editor sees it. The server
// runs as `rubric-lsp --stdio` in a child process; a JSON-RPC client sends a change and waits for both
// the diagnostics and the preview notification of that version. Scenarios: the 2022 example (55 units)
// and the same rules over 3,000 synthetic units; plus hover latency, and a burst of keystrokes (stale
// work is dropped: far fewer previews than keystrokes). Not a timed test: it prints p50/p95 (ms).
//   node server/bench/lsp.mjs [--runs 200] [--json out.json]   (LSP_PROF=DIR: the server writes a CPU profile there)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, HoverRequest,
  ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const RUNS = Number(arg('--runs', 200));
const SIZES = (arg('--units', '55,3000')).split(',').map(Number);
const EXAMPLE = path.join(ROOT, 'examples/gov-service-2022');
const rules = fs.readFileSync(path.join(EXAMPLE, 'rules.rubric'), 'utf8');
// Two equivalent-looking buffers that score differently (weights still add up to 100).
const A = rules.replace('indicator delivery "证照送达" weight 10', 'indicator delivery "证照送达" weight 11').replace('indicator online "全程网办" weight 40', 'indicator online "全程网办" weight 39');
const B = rules.replace('indicator delivery "证照送达" weight 10', 'indicator delivery "证照送达" weight 12').replace('indicator online "全程网办" weight 40', 'indicator online "全程网办" weight 38');

function workspace(units) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rubric-bench-${units}-`));
  fs.copyFileSync(path.join(EXAMPLE, 'rules.rubric'), path.join(dir, 'rules.rubric'));
  fs.copyFileSync(path.join(EXAMPLE, 'baseline-2021.json'), path.join(dir, 'baseline-2021.json'));
  fs.mkdirSync(path.join(dir, 'evidence'));
  const sources = fs.readdirSync(path.join(EXAMPLE, 'evidence')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'evidence', f), 'utf8')));
  for (let i = 0; i < units; i++) {
    const e = structuredClone(sources[i % sources.length]);
    if (i >= sources.length) {
      e.name = `${e.name}${Math.floor(i / sources.length)}`;
      // Jitter the ratios a little so units differ (deterministic).
      const jitter = ((i * 7919) % 100) / 1000;
      e.site.reachable = Math.max(0, Math.min(1, Number((e.site.reachable - jitter / 2).toFixed(4))));
      e.survey.satisfaction = Math.max(0, Math.min(1, Number((e.survey.satisfaction - jitter).toFixed(4))));
    }
    fs.writeFileSync(path.join(dir, 'evidence', `u${String(i).padStart(4, '0')}.json`), JSON.stringify(e));
  }
  return dir;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const fmt = (xs) => `p50 ${percentile(xs, 50).toFixed(1)} · p95 ${percentile(xs, 95).toFixed(1)} · max ${Math.max(...xs).toFixed(1)}`;

async function scenario(units) {
  const dir = workspace(units);
  const child = spawn(process.execPath, [...(process.env.LSP_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.LSP_PROF] : []), path.join(ROOT, 'server/bin/rubric-lsp.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const wake = (kind, p) => { for (const w of [...waiters]) if (w.kind === kind && w.test(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(performance.now()); } };
  const next = (kind, test) => new Promise((resolve) => waiters.push({ kind, test, resolve }));
  let checks = 0;
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    checks++;
    wake('diagnostics', p);
  });
  let previews = 0;
  conn.onNotification('rubric/previewChanged', (p) => {
    previews++;
    wake('preview', p);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const rootUri = pathToFileURL(dir).href;
  const started = performance.now();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(path.join(dir, 'rules.rubric')).href;
  const firstPreview = next('preview', (p) => p.uri === uri && p.version === 1);
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'rubric', version: 1, text: rules } });
  const opened = (await firstPreview) - started;
  process.stderr.write(`${units} units: opened in ${opened.toFixed(0)} ms\n`);

  let version = 1;
  const keystroke = async () => {
    version++;
    const v = version;
    const t0 = performance.now();
    const diagnostics = next('diagnostics', (p) => p.uri === uri && p.version === v);
    const preview = next('preview', (p) => p.uri === uri && p.version === v);
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: v % 2 ? A : B }] });
    const [d, p] = await Promise.all([diagnostics, preview]);
    return { diagnostics: d - t0, preview: p - t0 };
  };
  for (let i = 0; i < 30; i++) await keystroke(); // warm-up: JIT, engine caches
  process.stderr.write(`${units} units: warmed up\n`);
  const diag = [];
  const full = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await keystroke();
    diag.push(r.diagnostics);
    full.push(r.preview);
  }
  const position = (() => { const before = (version % 2 ? A : B).slice(0, (version % 2 ? A : B).indexOf('"事项办理"') + 2).split('\n'); return { line: before.length - 1, character: before.at(-1).length }; })();
  const hovers = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    hovers.push(performance.now() - t0);
  }
  process.stderr.write(`${units} units: keystrokes and hovers measured\n`);
  // A burst: 20 keystrokes sent at once; only the newest is checked and scored to the end.
  previews = 0;
  checks = 0;
  const last = version + 20;
  const done = next('preview', (p) => p.uri === uri && p.version === last);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) {
    version++;
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: version % 2 ? A : B }] });
  }
  const burst = (await done) - t0;
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  await new Promise((r) => child.on('exit', r));
  conn.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  return { units, opened, diag, full, hovers, burst, burstPreviews: previews, burstChecks: checks };
}

const results = [];
for (const units of SIZES) results.push(await scenario(units));
const lines = [
  `rubric-lsp keystroke latency (${RUNS} keystrokes after 30 warm-up; node ${process.version}; ${os.cpus().length}× ${os.cpus()[0].model.trim()})`,
  '',
  '| units | open → first preview | keystroke → diagnostics | keystroke → diagnostics + preview | hover | burst of 20 keystrokes |',
  '|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.units} | ${r.opened.toFixed(0)} ms | ${fmt(r.diag)} | ${fmt(r.full)} | ${fmt(r.hovers)} | ${r.burst.toFixed(0)} ms: ${r.burstChecks} checks, ${r.burstPreviews} previews |`),
];
console.log(lines.join('\n'));
const out = arg('--json');
if (out) fs.writeFileSync(out, JSON.stringify(results.map((r) => ({ units: r.units, opened: r.opened, diagnostics: { p50: percentile(r.diag, 50), p95: percentile(r.diag, 95) }, preview: { p50: percentile(r.full, 50), p95: percentile(r.full, 95) }, hover: { p50: percentile(r.hovers, 50), p95: percentile(r.hovers, 95) }, burst: r.burst, burstChecks: r.burstChecks, burstPreviews: r.burstPreviews })), null, 2));
