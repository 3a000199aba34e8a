/**
 * The result of an uncertainty analysis, as plain JSON-serialisable data. `rubric uncertainty --format json`
 * prints it; the report (a rank-interval chart, a grade-probability table) and the editor (hover, preview)
 * read it. Objects are built with a fixed key order and every number is already rounded, so the same rules,
 * evidence, settings and seed give the same bytes. docs/uncertainty.md explains every figure.
 */

/** What one analysis varied and how much; the rules' `uncertainty` block, overridden by options. */
export interface UncertaintyConfig {
  /** Monte-Carlo runs. */
  runs: number;
  /** Seed of the mulberry32 generator: the same seed gives the same draws, hence the same result. */
  seed: number;
  /** ± percent of uniform noise on each counted weight, renormalised per sibling set. */
  weights: number;
  /** ± points of uniform shift of each grade threshold, drawn independently per threshold. */
  threshold: number;
  /** Percentage of runs scored with the other missing-evidence policy (zero ↔ exclude) of every field that declares one. */
  imputation: number;
  /** Grid points per weight of the one-at-a-time sensitivity (0: not computed). */
  steps: number;
  /** Most evidence changes a next-band plan may hold (0: no plans searched). */
  maxChanges: number;
  /** Base sample size N of the Sobol design, which costs N·(k+2) runs for k weights (0: not computed). */
  sobol: number;
}

export interface UncertaintyResult {
  evaluation: { id: string; label: string; year: number | null; rulesHash: string; decimals: number };
  config: UncertaintyConfig;
  /** Nominal grades, as declared (descending thresholds; the last may be `otherwise`, threshold null). */
  grades: { name: string; threshold: number | null }[];
  /** Every unit, by nominal rank, then id (as results.json lists them). */
  units: UnitUncertainty[];
  /** Every counted weighted indicator, in model order (parents before children). */
  indicators: IndicatorSensitivity[];
  /** Variance-based indices, present only when `config.sobol > 0`. */
  sobol?: SobolResult;
}

export interface UnitUncertainty {
  id: string;
  name: string;
  /** Nominal published score, grade and rank (exactly those of `rubric run`). */
  score: number;
  grade: string;
  rank: number;
  /**
   * Ranks over the runs, competition style (1, 1, 3) from published scores. Percentiles are nearest-rank
   * (the smallest rank at or below which at least p% of runs fall), so they are ranks that occurred;
   * the mean is rounded to 4 decimals.
   */
  ranks: { mean: number; median: number; p5: number; p95: number; min: number; max: number };
  /** Share of runs in each grade, in declared grade order; shares are rounded to 4 decimals. */
  grades: { name: string; runs: number; probability: number }[];
  /** |published score in a run − nominal published score|: its median and 90th percentile over the runs. */
  scoreShift: { median: number; p90: number };
  /** The nearest grade threshold: `margin` = score − threshold (≥ 0 when the unit is at or above it). */
  boundary: { grade: string; threshold: number; margin: number } | null;
  /** Within `reach` (the 90th-percentile score shift + the threshold noise) of `boundary`; reach 0 never is. */
  fragile: boolean;
  reach: number;
  /** The cheapest evidence changes into the next grade up; null for units already in the top grade. Absent when not searched. */
  nextBand?: NextBand | null;
}

export interface IndicatorSensitivity {
  path: string;
  label: string;
  /** Nominal weight (% of the parent) and effective weight (% of the total). */
  weight: number;
  effectiveWeight: number;
  /**
   * One-at-a-time: only this weight varies over its ±`config.weights`% range (a midpoint grid of
   * `config.steps` points, siblings renormalised); the mean over grid points and units of |rank − nominal rank|.
   * The three figures are null when `config.steps` is 0.
   */
  meanRankShift: number | null;
  /** The largest |rank − nominal rank| of any unit at any grid point. */
  maxRankShift: number | null;
  /** Units whose rank changes at some grid point. */
  unitsMoved: number | null;
}

/**
 * Sobol indices of Y = the mean over units of |rank − nominal rank|, with each weight's noise an
 * independent input (Saltelli 2010 first-order, Jansen total-order estimators; bootstrap 95% intervals).
 * Threshold noise moves grades, never ranks, so it is not an input here.
 */
export interface SobolResult {
  samples: number;
  runs: number;
  /** Variance of Y over the design; 0 means no weight moves any rank (the indices are then all 0). */
  variance: number;
  indices: { path: string; first: number; firstCI: [number, number]; total: number; totalCI: [number, number] }[];
}

/** An evidence value as validated evidence holds it. */
export type EvidenceValue = boolean | number | string | null;

export interface NextBand {
  /** Nominal grade, the grade above it and its threshold; `gap` = threshold − published score. */
  from: string;
  to: string;
  threshold: number;
  gap: number;
  /** The cheapest plan found, or null when no plan of at most `config.maxChanges` changes reaches `to`. */
  plan: NextBandPlan | null;
  /** Other plans with as few changes, next cheapest first (at most two). */
  alternatives: NextBandPlan[];
  /** When no plan reaches `to`: the `config.maxChanges` changes that come closest (not minimised); else null. */
  closest: NextBandPlan | null;
}

export interface NextBandPlan {
  /** Applied in this order; each step's `gain` is measured after the steps before it, so gains add up. */
  changes: EvidenceChange[];
  /** Published score and grade after every change. */
  score: number;
  grade: string;
  gain: number;
  /** Sum of the changes' costs: 1 per bool/enum/missing value, |Δ| / range for numbers (docs/uncertainty.md). */
  cost: number;
}

export interface EvidenceChange {
  field: string;
  /** The field's description from the evidence block, if any. */
  description?: string;
  from: EvidenceValue;
  to: EvidenceValue;
  cost: number;
  /** Change of the published score this step brings. */
  gain: number;
  /** The counted leaf rules whose points this step changes (from the engine's explanations). */
  rules: RuleEffect[];
}

export interface RuleEffect {
  indicator: string;
  label: string;
  /** The rule as written. */
  rule: string;
  /** Points the rule gave (or the leaf score) before and after; null where the rule did not apply. */
  before: number | null;
  after: number | null;
  /** Explanation note after the change, or before it when the note went away (e.g. `excluded: … missing`). */
  note?: string;
}
