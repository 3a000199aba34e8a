/**
 * Scores unit files on every core: worker threads take batches in turn, so a slow file delays only its
 * own batch. Small runs stay on the main thread, where starting workers would cost more than it saves.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Engine, EvidenceProblem, Model } from '@rubric/core';
import { ExplainSink, scoreFiles, type FileResult, type ScoredFile } from './score-files.js';

export interface PoolOptions {
  rules: string;
  model: Model;
  engine: Engine;
  tempDir: string;
  onProgress: (n: number) => void;
  /** Worker threads; 0 scores on the main thread. Default: one per core when there are enough files. */
  workers?: number;
}

const BATCH = 200;
const MIN_FILES_FOR_WORKERS = 2000;

export function defaultWorkers(files: number): number {
  const env = process.env['RUBRIC_WORKERS'];
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  return files >= MIN_FILES_FOR_WORKERS ? Math.max(1, Math.min(os.availableParallelism(), 8)) : 0;
}

export async function scoreAll(files: string[], o: PoolOptions): Promise<{ scored: ScoredFile[]; problems: EvidenceProblem[] }> {
  const items = files.map((file, index) => ({ index, file }));
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const results: FileResult[] = [];
  // No files (a table-only run) means no batches: threads would never be fed and the run never settle.
  const workers = batches.length === 0 ? 0 : o.workers ?? defaultWorkers(files.length);

  if (workers === 0) {
    const sink = new ExplainSink(path.join(o.tempDir, 'explain-main.jsonl'));
    try {
      for (const b of batches) {
        results.push(scoreFiles(o.model, o.engine, b, sink));
        o.onProgress(b.length);
      }
    } finally {
      sink.close();
    }
  } else {
    const strings = new Map<string, string>();
    const intern = (x: string) => { const y = strings.get(x); if (y !== undefined) return y; strings.set(x, x); return x; };
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let closed = 0;
      const threads = Array.from({ length: Math.min(workers, batches.length) }, (_, w) => new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { rules: o.rules, explainFile: path.join(o.tempDir, `explain-${w}.jsonl`) },
      }));
      const feed = (t: Worker) => {
        if (next < batches.length) t.postMessage({ batch: batches[next++] });
        else t.postMessage({ done: true });
      };
      for (const t of threads) {
        t.on('message', (m: { result?: FileResult; error?: string; closed?: true }) => {
          if (m.error) { threads.forEach((x) => void x.terminate()); reject(new Error(m.error)); return; }
          if (m.closed) { void t.terminate(); if (++closed === threads.length) resolve(); return; }
          // A message arrives with its own copy of every string: keep one of each (side files, finding ids,
          // excluded paths, group values), not one per unit, for a run holds every unit until the end.
          for (const f of m.result!.scored) {
            f.explain.file = intern(f.explain.file);
            const u = f.score;
            u.findings = u.findings.map(intern);
            u.excluded = u.excluded.map(intern);
            for (const g of Object.keys(u.groups)) u.groups[g] = intern(u.groups[g]!);
          }
          results.push(m.result!);
          o.onProgress(m.result!.scored.length + m.result!.problems.length);
          feed(t);
        });
        t.on('error', (e) => { threads.forEach((x) => void x.terminate()); reject(e); });
        feed(t);
      }
    });
  }
  const scored = results.flatMap((r) => r.scored).sort((a, b) => a.index - b.index);
  // Batches finish in any order; problems are listed by file so a run reads the same each time.
  const problems = results.flatMap((r) => r.problems).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { scored, problems };
}
