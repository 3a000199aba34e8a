#!/usr/bin/env node
// Committed launcher: npm links bins at install time, before `prepare` has built dist/.
// It runs the bundle (dist/rubric-lsp.js, made by cli/scripts/bundle.mjs in `npm run build`) for
// start-up time. If a `tsc -b` has rebuilt a package since the bundle was made (a newer
// tsconfig.tsbuildinfo), it runs tsc's output instead (dist/main.js): the same server, slower to start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Every keystroke re-scores every preview unit, and all of it is garbage by the next one. With V8's
// default young generation (16 MB semi-spaces) a preview of 3,000 units outgrows it: each scavenge
// copies the live results and promotes them. 64 MB lets them die young (3,000 units, p50 27 → 19 ms;
// BENCHMARKS.md, section 4). V8 reads the flag only at start-up, so when it was not given the server
// runs in a child that has it, on this process's stdin/stdout; RUBRIC_LSP_HEAP=default opts out.
const HEAP_FLAG = '--max-semi-space-size=64';
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith('--max-semi-space-size'));
if (!given && process.env.RUBRIC_LSP_HEAP !== 'default') {
  const child = spawn(process.execPath, [...process.execArgv, HEAP_FLAG, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // The editor stops the server through this process: pass it on. The child also exits when stdin closes.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => { process.stderr.write(`rubric-lsp: cannot start the server: ${e.message}\n`); process.exit(1); });
  child.on('exit', (code, signal) => { process.exitCode = code ?? (signal ? 1 : 0); });
} else {
  // Node ≥ 22.1 keeps the code it compiled on disk for the next start (in os.tmpdir()/node-compile-cache).
  module.enableCompileCache?.();
  const bundle = new URL('../dist/rubric-lsp.js', import.meta.url);
  const mtime = (url) => { try { return fs.statSync(url).mtimeMs; } catch { return undefined; } };
  const built = mtime(bundle);
  const fresh = built !== undefined && ['grammar', 'core', 'report', 'cli', 'server'].every((p) => !(mtime(new URL(`../../${p}/tsconfig.tsbuildinfo`, import.meta.url)) > built));
  const { main } = await import(fresh ? bundle.href : '../dist/main.js');
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
