#!/usr/bin/env node
// `npm run package`: build (minified), stage, then `vsce package` under Node 24 (vsce needs Node >= 22;
// scripts/node24.sh fetches it from the npm registry into .cache/node24). vsce itself is installed once
// into .cache/vsce. Writes out/rubric-<version>.vsix.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(client, '..');
const VSCE = '4.1.0';
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
const node24 = path.join(root, 'scripts/node24.sh');

run(process.execPath, [path.join(client, 'scripts/build.mjs'), '--production']);
const stage = path.join(root, '.cache/extension');
run(process.execPath, [path.join(client, 'scripts/stage.mjs'), stage]);
fs.rmSync(path.join(stage, 'client/dist/test'), { recursive: true, force: true });

const vsceDir = path.join(root, '.cache/vsce');
const vsce = path.join(vsceDir, 'node_modules/@vscode/vsce/vsce');
if (!fs.existsSync(vsce)) run(node24, ['npm', 'install', '--prefix', vsceDir, '--no-save', '--no-package-lock', `@vscode/vsce@${VSCE}`]);
const { name, version } = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8'));
const outFile = path.join(root, 'out', `${name}-${version}.vsix`);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
run(node24, ['node', vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile], { cwd: stage });
console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
