// Real VS Code in a browser, offline: code-server (VS Code 1.139 with a Node extension host) started in
// its own process group with isolated state, and Debian's chromium driven by playwright-core.
// Shared by run-suite.mjs (the extension's own test module) and ui.mjs (UI-level checks + screenshot).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CACHE = process.env.RUBRIC_E2E_CACHE ?? path.join(ROOT, '.cache/e2e');
const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';
export const CODE_SERVER = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'bin/code-server');
export const NODE24 = process.env.NODE24_DIR ?? path.join(ROOT, '.cache/node24');
export const EXTENSION = process.env.RUBRIC_EXTENSION_PATH ?? path.join(ROOT, '.cache/extension');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const log = (...a) => console.log(new Date().toISOString().slice(11, 23), ...a);

/** A scratch workspace: a copy of the 2022 example (tests write a broken copy and an engine into it). */
export function scratchWorkspace(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rubric-${name}-`));
  const ws = path.join(dir, 'gov-service-2022');
  const example = path.join(ROOT, 'examples/gov-service-2022');
  fs.mkdirSync(ws);
  for (const f of ['rules.rubric', 'baseline-2021.json', 'evidence']) fs.cpSync(path.join(example, f), path.join(ws, f), { recursive: true });
  return { dir, ws };
}

async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server; resolves once /healthz answers. `stop()` kills its whole process group.
 * With `vsix`, that package is first installed into the (empty) extensions folder, as a user would.
 */
export async function startCodeServer(scratch, workspace, { vsix } = {}) {
  for (const [what, p] of [['code-server', CODE_SERVER], ['Node 24', path.join(NODE24, 'bin/node')], ['chromium', CHROMIUM]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found at ${p}: run scripts/e2e/setup.sh first`);
  }
  const port = await freePort();
  const data = path.join(scratch, 'cs-data');
  fs.mkdirSync(path.join(data, 'user/User'), { recursive: true });
  fs.writeFileSync(path.join(data, 'user/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
    'workbench.tips.enabled': false, 'editor.hover.delay': 300, 'workbench.colorTheme': 'Default Light Modern',
    'chat.disableAIFeatures': true, 'files.autoSave': 'off', 'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }));
  fs.writeFileSync(path.join(data, 'config.yaml'), 'auth: none\n');
  const xdg = path.join(data, 'xdg');
  const tmp = path.join(scratch, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env, PATH: `${path.join(NODE24, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg, TMPDIR: tmp,
    RUBRIC_E2E_LOG: path.join(scratch, 'suite.log'),
  };
  const common = ['--config', path.join(data, 'config.yaml'), '--user-data-dir', path.join(data, 'user'), '--extensions-dir', path.join(data, 'exts')];
  if (vsix) {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(CODE_SERVER, [...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    log(out.trim().split('\n').pop());
  }
  const logFile = fs.openSync(path.join(scratch, 'code-server.log'), 'w');
  const child = spawn(CODE_SERVER, [
    ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--idle-timeout-seconds', '900', '--vscode-option', 'enable-smoke-test-driver', workspace,
  ], { env, detached: true, stdio: ['ignore', logFile, logFile] });
  const stop = () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${path.join(scratch, 'code-server.log')}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() - started > 60_000) { stop(); throw new Error('code-server did not answer /healthz within 60 s'); }
    await new Promise((r) => setTimeout(r, 200)); // polling a port that is not open yet: there is no event to wait for
  }
  log(`code-server ${CODE_SERVER_VERSION} up on ${base} in ${Date.now() - started} ms`);
  return { base, host: `127.0.0.1:${port}`, stop, logFile: path.join(scratch, 'code-server.log') };
}

export async function launchBrowser(scratch) {
  return chromium.launchPersistentContext(path.join(scratch, 'chrome-profile'), {
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 1600, height: 1000 },
  });
}

/** The workbench URL that loads `extensionPath` as the extension under development (and optionally runs tests). */
export function workbenchUrl(server, workspace, extensionPath, testsPath) {
  if (!extensionPath) return `${server.base}/?folder=${encodeURIComponent(workspace)}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${server.host}${extensionPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.host}${testsPath}`]);
  return `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
