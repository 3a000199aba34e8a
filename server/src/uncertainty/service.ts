/**
 * The uncertainty phase: `analyzeUncertainty` of a document's preview, computed lazily and cached per
 * preview (one version over one evidence set). Nothing runs while typing: a grade or indicator hover
 * asks for a *quick* analysis (at most 200 Monte-Carlo runs, the file's other settings, no next-grade
 * search), the `rubric/uncertainty` request (the Analyse Uncertainty command, the preview panel) for the
 * *full* one (the file's `uncertainty` block or the defaults: exactly `rubric uncertainty`). Each runs
 * off the main thread (runner.ts); a newer version of the document cancels the work still running for
 * older ones, and a cancelled request cancels a full analysis nobody else waits for.
 */
import { configOf, type Model, type UncertaintyOptions, type UncertaintyResult } from '@rubric/core';
import type { Previewed } from '../documents/phases.js';
import type { Preview } from '../preview/preview.js';
import { Cancelled, defaultRunner, type RunningAnalysis, type Runner } from './runner.js';

export type Depth = 'quick' | 'full';

/** Monte-Carlo runs of a quick analysis (hovers), at most. */
export const QUICK_RUNS = 200;
/** How long a hover waits for a quick analysis before it shows "analysing…" instead. */
export const HOVER_WAIT_MS = 2500;

export interface UncertaintyState {
  /** What was asked for; `result` may be deeper (a full analysis serves a quick request). */
  depth: Depth;
  result?: UncertaintyResult;
  /** Still running: the caller did not wait for it. */
  pending?: boolean;
  /** The result is of the last version without errors. */
  stale?: boolean;
  /** Why there is no result. */
  reason?: string;
  /** Milliseconds the analysis took. */
  millis?: number;
}

/** Anything that can say it was cancelled (an LSP CancellationToken). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

interface Job {
  uri: string;
  preview: Preview;
  depth: Depth;
  running: RunningAnalysis;
  state: Promise<UncertaintyState>;
  done?: UncertaintyState;
  /** Requests waiting for it that can cancel (a full analysis ends when none is left). */
  waiters: number;
}

/** The settings of an analysis of this depth: the file's own, fewer runs and no next-grade search when quick. */
export function optionsFor(model: Model, depth: Depth): UncertaintyOptions {
  if (depth === 'full') return {};
  return { runs: Math.min(configOf(model).runs, QUICK_RUNS), maxChanges: 0, sobol: 0 };
}

export class UncertaintyService {
  private readonly jobs = new WeakMap<Preview, Partial<Record<Depth, Job>>>();
  /** Unfinished jobs per document, to cancel when a newer version comes. */
  private readonly running = new Map<string, Set<Job>>();
  /** The last finished job per document, shown (marked stale) while the file has errors. */
  private readonly lastDone = new Map<string, Job>();
  /** Counts, for tests: analyses started and cancelled. */
  readonly stats = { started: 0, cancelled: 0 };

  constructor(private readonly runner: Runner = defaultRunner()) {}

  /** A finished analysis of this preview, if any (a full one preferred); never starts one. */
  peek(doc: Previewed): UncertaintyState | undefined {
    const jobs = this.jobs.get(doc.preview);
    return jobs?.full?.done ?? jobs?.quick?.done;
  }

  /** The analysis of the document's preview at this depth: cached, joined if running, else started. */
  analyse(doc: Previewed, depth: Depth, token?: Cancellation): Promise<UncertaintyState> {
    const p = doc.preview;
    if (p.stale) {
      const last = this.lastDone.get(doc.uri);
      if (last?.done?.result) return Promise.resolve({ ...last.done, depth, stale: true });
      return Promise.resolve({ depth, reason: p.reason ?? 'The file has errors; fix them to analyse the uncertainty.' });
    }
    if (!p.results || p.version !== doc.version || doc.analysis.hasErrors) return Promise.resolve({ depth, reason: p.reason ?? 'There are no scores to analyse.' });
    const jobs = this.jobs.get(p) ?? {};
    this.jobs.set(p, jobs);
    // A full analysis answers a quick question too.
    const job = (depth === 'quick' && jobs.full && !jobs.full.done?.reason ? jobs.full : undefined) ?? jobs[depth] ?? this.start(doc, depth, jobs);
    if (job.done) return Promise.resolve({ ...job.done, depth });
    if (token) return this.waitCancellable(job, token).then((s) => ({ ...s, depth }));
    return job.state.then((s) => ({ ...s, depth }));
  }

  /** For a hover: a finished analysis, or a quick one if it finishes within `waitMs`, else `pending`. */
  async forHover(doc: Previewed, waitMs = HOVER_WAIT_MS): Promise<UncertaintyState> {
    const done = this.peek(doc);
    if (done) return done;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<UncertaintyState>((resolve) => { timer = setTimeout(() => resolve({ depth: 'quick', pending: true }), waitMs); });
    try {
      return await Promise.race([this.analyse(doc, 'quick'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A newer preview of the document exists: stop the work still running for older ones. */
  supersede(uri: string, current: Preview): void {
    for (const job of [...(this.running.get(uri) ?? [])]) if (job.preview !== current) this.cancel(job);
  }

  close(uri: string): void {
    for (const job of [...(this.running.get(uri) ?? [])]) this.cancel(job);
    this.running.delete(uri);
    this.lastDone.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.running.keys()]) this.close(uri);
  }

  private start(doc: Previewed, depth: Depth, jobs: Partial<Record<Depth, Job>>): Job {
    let options: UncertaintyOptions;
    try {
      options = optionsFor(doc.analysis.model, depth);
    } catch (e) {
      // A bad `uncertainty` block (the checker reports it too): nothing to run.
      const done: UncertaintyState = { depth, reason: (e as Error).message };
      const job: Job = { uri: doc.uri, preview: doc.preview, depth, running: { result: Promise.reject(new Cancelled()), cancel: () => undefined }, state: Promise.resolve(done), done, waiters: 0 };
      job.running.result.catch(() => undefined);
      jobs[depth] = job;
      return job;
    }
    const started = performance.now();
    const running = this.runner({ text: doc.text, units: doc.preview.units, options });
    this.stats.started++;
    const job: Job = { uri: doc.uri, preview: doc.preview, depth, running, waiters: 0, state: undefined! };
    job.state = running.result.then(
      (result): UncertaintyState => ({ depth, result, millis: Math.round(performance.now() - started) }),
      (e: unknown): UncertaintyState => ({ depth, reason: e instanceof Cancelled ? e.message : `The analysis failed: ${e instanceof Error ? e.message : String(e)}` }),
    ).then((state) => {
      this.running.get(job.uri)?.delete(job);
      if (state.result) {
        job.done = state;
        const last = this.lastDone.get(job.uri);
        if (!last || last.preview !== job.preview || depth === 'full') this.lastDone.set(job.uri, job);
      } else if (jobs[depth] === job) {
        // A failure is kept (the same input fails again); a cancellation is forgotten, to run again if asked.
        if (state.reason?.startsWith('The analysis failed')) job.done = state;
        else delete jobs[depth];
      }
      return state;
    });
    jobs[depth] = job;
    let set = this.running.get(doc.uri);
    if (!set) this.running.set(doc.uri, (set = new Set()));
    set.add(job);
    return job;
  }

  private waitCancellable(job: Job, token: Cancellation): Promise<UncertaintyState> {
    if (token.isCancellationRequested) return Promise.resolve({ depth: job.depth, reason: new Cancelled().message });
    job.waiters++;
    return new Promise((resolve) => {
      let waiting = true;
      const leave = (state: UncertaintyState) => {
        if (!waiting) return;
        waiting = false;
        sub.dispose();
        job.waiters--;
        resolve(state);
      };
      const sub = token.onCancellationRequested(() => {
        leave({ depth: job.depth, reason: new Cancelled().message });
        // A quick analysis stays useful for the next hover; a full one nobody waits for is stopped.
        if (job.waiters === 0 && job.depth === 'full' && !job.done) this.cancel(job);
      });
      void job.state.then(leave);
    });
  }

  private cancel(job: Job): void {
    if (job.done) return;
    this.stats.cancelled++;
    job.running.cancel();
    this.running.get(job.uri)?.delete(job);
  }
}
