#!/usr/bin/env node
// `npm run test:vscode`: the extension's own test suite in desktop VS Code through @vscode/test-electron
// — the same run() entry the code-server runner uses. Give VSCODE_EXECUTABLE (a desktop VS Code binary)
// to use an installed one; without it test-electron downloads VS Code (which needs network access to
// update.code.visualstudio.com: not available on the offline build machines, where run-suite.mjs runs
// the suite in code-server instead).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { EXTENSION, ROOT, log, scratchWorkspace } from './harness.mjs';

execFileSync(process.execPath, [path.join(ROOT, 'client/scripts/build.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(ROOT, 'client/scripts/stage.mjs'), EXTENSION], { stdio: 'inherit' });
const { dir, ws } = scratchWorkspace('electron');
const logFile = path.join(dir, 'suite.log');
try {
  await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    extensionDevelopmentPath: EXTENSION,
    extensionTestsPath: path.join(EXTENSION, 'client/dist/test/suite.cjs'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(dir, 'user')}`],
    extensionTestsEnv: { RUBRIC_E2E_LOG: logFile },
  });
  log('extension suite in desktop VS Code: PASS');
  fs.rmSync(dir, { recursive: true, force: true });
} catch (e) {
  if (fs.existsSync(logFile)) process.stderr.write(fs.readFileSync(logFile, 'utf8'));
  log(`extension suite in desktop VS Code: FAIL (${e instanceof Error ? e.message : e})`);
  process.exit(1);
}
