/** Paths, options and the shape of a section's result (shared by the runner and the sections). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/dist/src/env.js → ../../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLE = path.join(ROOT, 'examples/gov-service-2022');
export const RULES_2022 = path.join(EXAMPLE, 'rules.rubric');
export const EVIDENCE_2022 = path.join(EXAMPLE, 'evidence');
export const BASELINE_2021 = path.join(EXAMPLE, 'baseline-2021.json');
export const SMALL_RULES = path.join(ROOT, 'tests/check/fixtures/clean.rubric');
export const CLI_BIN = path.join(ROOT, 'cli/bin/rubric.js');
export const SERVER_BIN = path.join(ROOT, 'server/bin/rubric-lsp.js');
export const BENCH_DIST = path.join(ROOT, 'bench/dist');

/** Generated evidence and scratch files live outside the repository, and are reused between runs. */
export const TMP = process.env['BENCH_TMP'] ?? path.join(os.tmpdir(), 'rubric-bench');

export function smoke(): boolean {
  return process.argv.includes('--smoke') || process.env['BENCH_SMOKE'] === '1';
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

export interface Table {
  caption?: string;
  head: string[];
  rows: string[][];
}

export interface Goal {
  name: string;
  target: string;
  measured: string;
  /** null: could not be measured. */
  met: boolean | null;
  /** Why the goal is missed (or what the figure depends on), from profiling at the time of writing. */
  cause?: string;
}

export interface SectionResult {
  id: string;
  title: string;
  /** What was measured and how. */
  method: string[];
  tables: Table[];
  notes: string[];
  goals: Goal[];
  /** Raw figures (milliseconds, bytes, counts) for the machine-readable copy. */
  metrics: Record<string, number | string | boolean | null>;
  seconds?: number;
}

export function section(id: string, title: string): SectionResult {
  return { id, title, method: [], tables: [], notes: [], goals: [], metrics: {} };
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function which(cmd: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}
