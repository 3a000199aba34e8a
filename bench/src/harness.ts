/**
 * Timing. Micro-operations (µs) are timed in batches: a batch runs the operation n times, n calibrated
 * so that one batch lasts at least `batchMs`; a sample is batch time / n, and the figure is the median of
 * the samples. Functions compared with one another are sampled round-robin (one batch of each in turn),
 * so a slow phase of the machine affects them alike and their ratio stays meaningful.
 * Latencies (ms: a keystroke, a hover) are timed one by one and summarised as p50 / p95.
 */
import { performance } from 'node:perf_hooks';

export interface Stats {
  /** Median, in milliseconds. */
  median: number;
  p5: number;
  p95: number;
  min: number;
  mean: number;
  samples: number;
  /** Operations per sample batch. */
  batch: number;
}

export interface Latency {
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
  n: number;
}

/** Something for results to flow into, so the optimiser cannot drop the work. */
export const sink: { value: unknown; n: number } = { value: undefined, n: 0 };
export function consume(v: unknown): void {
  sink.value = v;
  sink.n++;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function latency(values: number[]): Latency {
  const s = [...values].sort((a, b) => a - b);
  return {
    p50: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), n: s.length,
  };
}

function stats(perOp: number[], batch: number): Stats {
  const s = [...perOp].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5), p5: quantile(s, 0.05), p95: quantile(s, 0.95), min: s[0] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), samples: s.length, batch,
  };
}

export interface CompareOptions {
  /** Minimum duration of one batch. */
  batchMs?: number;
  /** Samples per function. */
  samples?: number;
  /** Warm-up time per function before sampling. */
  warmupMs?: number;
  /** Operations each call of the function performs (e.g. 55 units per call): figures are per operation. */
  opsPerCall?: number;
  /** Per function, where it differs from `opsPerCall`. */
  ops?: Record<string, number>;
}

function opsOf(o: CompareOptions, names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((k) => [k, o.ops?.[k] ?? o.opsPerCall ?? 1]));
}

/** Calls of `fn` needed for one batch of at least `batchMs`. */
function calibrate(fn: () => void, batchMs: number): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= batchMs || n >= 1 << 24) return n;
    n = dt <= 0 ? n * 16 : Math.max(n * 2, Math.ceil((n * batchMs * 1.2) / dt));
  }
}

/** Times each synchronous function; figures are milliseconds per operation. */
export function compare(fns: Record<string, () => void>, o: CompareOptions = {}): Record<string, Stats> {
  const batchMs = o.batchMs ?? 5;
  const samples = o.samples ?? 40;
  const warmupMs = o.warmupMs ?? 150;
  const names = Object.keys(fns);
  const ops = opsOf(o, names);
  const n: Record<string, number> = {};
  for (const name of names) {
    const fn = fns[name]!;
    const until = performance.now() + warmupMs;
    do fn(); while (performance.now() < until);
    n[name] = calibrate(fn, batchMs);
  }
  const perOp: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let s = 0; s < samples; s++) {
    for (const name of names) {
      const fn = fns[name]!;
      const count = n[name]!;
      const t0 = performance.now();
      for (let i = 0; i < count; i++) fn();
      perOp[name]!.push((performance.now() - t0) / count / ops[name]!);
    }
  }
  return Object.fromEntries(names.map((k) => [k, stats(perOp[k]!, n[k]! * ops[k]!)]));
}

/** The same for asynchronous functions (each call awaited in turn). */
export async function compareAsync(fns: Record<string, () => Promise<void>>, o: CompareOptions = {}): Promise<Record<string, Stats>> {
  const batchMs = o.batchMs ?? 20;
  const samples = o.samples ?? 15;
  const warmupMs = o.warmupMs ?? 300;
  const names = Object.keys(fns);
  const ops = opsOf(o, names);
  const n: Record<string, number> = {};
  for (const name of names) {
    const fn = fns[name]!;
    const until = performance.now() + warmupMs;
    do await fn(); while (performance.now() < until);
    let count = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) await fn();
      const dt = performance.now() - t0;
      if (dt >= batchMs) break;
      count = Math.max(count * 2, Math.ceil((count * batchMs * 1.2) / Math.max(dt, 1e-3)));
    }
    n[name] = count;
  }
  const perOp: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let s = 0; s < samples; s++) {
    for (const name of names) {
      const fn = fns[name]!;
      const count = n[name]!;
      const t0 = performance.now();
      for (let i = 0; i < count; i++) await fn();
      perOp[name]!.push((performance.now() - t0) / count / ops[name]!);
    }
  }
  return Object.fromEntries(names.map((k) => [k, stats(perOp[k]!, n[k]! * ops[k]!)]));
}

/** Times `fn` `runs` times one by one (after `warmup` untimed runs); milliseconds. */
export function repeat(fn: (i: number) => void, runs: number, warmup = 2): Latency {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return latency(out);
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// ---- formatting ----

/** A duration given in milliseconds, in the unit that reads best. */
export function dur(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 0.01) return `${(ms * 1e3).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1e3).toFixed(1)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function ratio(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 100) return `${Math.round(x).toLocaleString('en-US')}×`;
  return `${x.toFixed(digits)}×`;
}

export function int(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—';
}

export function mb(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
}
