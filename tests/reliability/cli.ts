/** The real `rubric` binary as a user runs it, for the reliability tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

export const BIN = path.join(ROOT, 'cli/bin/rubric.js');

export interface Ran { code: number | null; out: string; err: string; signal: NodeJS.Signals | null }

export function rubric(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number; user?: number } = {}): Ran {
  const argv = options.user === undefined ? [process.execPath, BIN, ...args]
    : ['setpriv', `--reuid=${options.user}`, `--regid=${options.user}`, '--clear-groups', process.execPath, BIN, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: options.timeout ?? 120_000,
    env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '', signal: r.signal };
}

/** The same, without blocking: tests that run many commands run them concurrently. */
export function rubricP(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 120_000);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, out, err, signal }); });
  });
}

export function rubricAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: 'ignore' });
}

const made: string[] = [];

/** A fresh temporary folder, removed by `removeTemps` (each test file calls it after all its tests). */
export function tmp(prefix = 'rubric-rel-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export function removeTemps(): void {
  if (process.env['KEEP_TEMPS']) return;
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * For a test file about evidence: a temporary folder (made before its tests, removed after) holding
 * `rules.rubric` with `rulesText`, and `folder(name, files)` to make evidence folders in it.
 */
export function evidenceWorkspace(rulesText: string): { dir: () => string; rules: () => string; folder: (name: string, files: Record<string, string | Buffer>) => string } {
  let dir = '';
  beforeAll(() => {
    dir = tmp();
    fs.writeFileSync(path.join(dir, 'rules.rubric'), rulesText);
  });
  afterAll(removeTemps);
  return {
    dir: () => dir,
    rules: () => path.join(dir, 'rules.rubric'),
    folder: (name, files) => {
      const d = path.join(dir, name);
      fs.mkdirSync(d, { recursive: true });
      for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(d, f), content);
      return d;
    },
  };
}

/** No JavaScript stack frame reached the user. */
export function noStack(r: Ran): void {
  expect(r.err, 'stderr has a stack frame').not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(r.out, 'stdout has a stack frame').not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(r.err + r.out).not.toMatch(/internal error/);
}

/** A copy of a folder's files, taken in the given order (so directory order differs between copies). */
export function copyFiles(from: string, to: string, order: (names: string[]) => string[] = (n) => n, rename: (name: string) => string = (n) => n): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of order(fs.readdirSync(from))) fs.copyFileSync(path.join(from, name), path.join(to, rename(name)));
}

/** Every file of a folder, by name → bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isFile()) out.set(name, fs.readFileSync(p));
  }
  return out;
}

export const GOV = path.join(ROOT, 'examples/gov-service-2022');
