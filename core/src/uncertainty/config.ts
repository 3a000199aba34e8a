/**
 * The settings of one analysis: defaults, then the rules' `uncertainty` block, then the caller's options
 * (the CLI's --runs --seed --weights --threshold), each overriding the one before.
 */
import { Q } from '../numeric/exact.js';
import type { Model } from '../model/model.js';
import type { UncertaintyConfig } from './types.js';

export const DEFAULT_CONFIG: UncertaintyConfig = { runs: 1000, seed: 1, weights: 20, threshold: 0, imputation: 0, steps: 20, maxChanges: 3, sobol: 0 };

/** Runs of one analysis at most: each keeps a rank and a score shift per unit. */
export const MAX_RUNS = 100_000;
/** Runs × units at most (about 12 bytes each): a sample beyond this would not fit comfortably in memory. */
export const MAX_SAMPLE = 50_000_000;

export type UncertaintyOptions = Partial<UncertaintyConfig>;

export function configOf(model: Model, options: UncertaintyOptions = {}): UncertaintyConfig {
  const u = model.uncertainty;
  const fromRules: UncertaintyOptions = u ? { runs: u.runs, seed: u.seed, weights: Q.toNumber(u.weights), threshold: Q.toNumber(u.threshold), imputation: Q.toNumber(u.imputation) } : {};
  const c = { ...DEFAULT_CONFIG, ...fromRules, ...defined(options) };
  const problems = configProblems(c);
  if (problems.length) throw new RangeError(problems.join('; '));
  return { runs: c.runs, seed: c.seed, weights: c.weights, threshold: c.threshold, imputation: c.imputation, steps: c.steps, maxChanges: c.maxChanges, sobol: c.sobol };
}

/** What is wrong with a configuration, each message starting with the option's name; empty when it can run. */
export function configProblems(c: UncertaintyConfig): string[] {
  const out: string[] = [];
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  if (!whole(c.runs, 1) || c.runs > MAX_RUNS) out.push(`runs must be a whole number from 1 to ${MAX_RUNS.toLocaleString('en-US')}`);
  if (!Number.isFinite(c.seed)) out.push('seed must be a number');
  if (!(c.weights >= 0 && c.weights < 100)) out.push('weights is a ± percentage from 0 to below 100');
  if (!(c.threshold >= 0 && Number.isFinite(c.threshold))) out.push('threshold is a number of points, at least 0');
  if (!(c.imputation >= 0 && c.imputation <= 100)) out.push('imputation is a percentage of runs, from 0 to 100');
  if (!whole(c.steps, 0)) out.push('steps must be a whole number, at least 0');
  if (!whole(c.maxChanges, 0) || c.maxChanges > 6) out.push('max-changes must be a whole number from 0 to 6');
  if (!whole(c.sobol, 0)) out.push('sobol must be a whole number of samples, at least 0');
  return out;
}

function defined(o: UncertaintyOptions): UncertaintyOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
