#!/usr/bin/env node
// Runs the extension's own test module (client/src/test/suite, bundled to client/dist/test/suite.cjs)
// inside code-server's real extension host — the `run()` entry @vscode/test-electron calls on desktop.
// The exit code comes back through window.codeAutomationExit (the smoke-test driver's hook).
//   node tests/e2e/vscode/run-suite.mjs     (after scripts/e2e/setup.sh and the extension build + stage)
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION, launchBrowser, log, scratchWorkspace, startCodeServer, workbenchUrl } from './harness.mjs';

const started = Date.now();
const { dir, ws } = scratchWorkspace('suite');
const server = await startCodeServer(dir, ws);
const browser = await launchBrowser(dir);
let code = 1;
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  let exited;
  const exit = new Promise((resolve) => (exited = resolve));
  await page.exposeFunction('codeAutomationExit', (c) => exited(c));
  page.on('console', (m) => { if (m.text().includes('[rubric-e2e]')) log(m.text().replace(/^.*\[rubric-e2e\] /, '')); });
  await page.goto(workbenchUrl(server, ws, EXTENSION, path.join(EXTENSION, 'client/dist/test/suite.cjs')));
  const result = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout'), 240_000))]);
  log(`extension host exit code: ${result}`);
  code = result === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.stop();
  const suiteLog = path.join(dir, 'suite.log');
  if (code !== 0 && fs.existsSync(suiteLog)) process.stderr.write(fs.readFileSync(suiteLog, 'utf8'));
  if (code !== 0) log(`code-server log: ${server.logFile}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  log(`extension suite in code-server: ${code === 0 ? 'PASS' : 'FAIL'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(code);
