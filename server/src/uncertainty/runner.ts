/**
 * Where an analysis runs. In a worker thread when its script is beside this module (the built server:
 * `worker.js`; the extension's bundle: `uncertainty-worker.cjs`), so typing never waits for it and
 * cancelling terminates it; otherwise (tests run from the TypeScript sources) on a later turn of the
 * event loop in this thread, cancellable until it starts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyze, analyzeUncertainty, type UncertaintyOptions, type UncertaintyResult, type UnitInput } from '@rubric/core';

export interface AnalysisRequest {
  /** The rules text (the worker checks it again: a model does not cross threads). */
  text: string;
  units: UnitInput[];
  options: UncertaintyOptions;
}

export type WorkerReply = { result: UncertaintyResult; error?: undefined } | { error: string; result?: undefined };

export interface RunningAnalysis {
  /** Rejects with `Cancelled` when cancelled, with an Error when the analysis fails. */
  result: Promise<UncertaintyResult>;
  cancel(): void;
}

export type Runner = (request: AnalysisRequest) => RunningAnalysis;

export class Cancelled extends Error {
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'Cancelled';
  }
}

export function workerRunner(script: URL): Runner {
  return (request) => {
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    const result = new Promise<UncertaintyResult>((resolve, reject) => {
      worker.once('message', (m: WorkerReply) => {
        settled = true;
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.result);
        void worker.terminate();
      });
      worker.once('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.once('exit', () => {
        if (!settled) reject(new Cancelled());
        settled = true;
      });
    });
    return { result, cancel: () => { if (!settled) void worker.terminate(); } };
  };
}

export function inProcessRunner(): Runner {
  return ({ text, units, options }) => {
    let cancelled = false;
    let cancel = () => { cancelled = true; };
    const result = new Promise<UncertaintyResult>((resolve, reject) => {
      const timer = setImmediate(() => {
        if (cancelled) return reject(new Cancelled());
        try {
          const { model, hasErrors } = analyze(text);
          if (hasErrors) throw new Error('The file has errors.');
          resolve(analyzeUncertainty(model, units, options));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      cancel = () => {
        cancelled = true;
        clearImmediate(timer);
        reject(new Cancelled());
      };
    });
    return { result, cancel: () => cancel() };
  };
}

/** The worker script beside this module, if it was built. */
export function workerScript(): URL | undefined {
  const here = import.meta.url;
  const script = new URL(here.endsWith('.cjs') ? './uncertainty-worker.cjs' : './worker.js', here);
  return existsSync(fileURLToPath(script)) ? script : undefined;
}

export function defaultRunner(): Runner {
  const script = workerScript();
  return script ? workerRunner(script) : inProcessRunner();
}
