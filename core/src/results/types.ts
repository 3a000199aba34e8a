/**
 * The shape of results.json (CONTRACT.md). Everything that writes or reads results — the evaluator, the
 * generated engine, the CLI, the report, the editor preview — uses these types, so the contract has one
 * definition. Published numbers are JSON numbers already rounded as the rules declare.
 */

export interface EvaluationInfo {
  id: string;
  label: string;
  year: number | null;
  rulesHash: string;
  /** Decimals of published figures (the rules' `round`). */
  decimals: number;
  scale: { min: number; max: number };
  /** Grade bands, highest first; `min` null for `otherwise`. */
  grades: { name: string; min: number | null }[];
  /** Declared groups with their labels and the evidence field they group by. */
  groups: { id: string; label: string; field: string }[];
  scenarios: { id: string; label: string; observed: boolean }[];
  /** The evaluation a baseline came from, as its results.json names it (only with a baseline). */
  baseline?: { id?: string; label?: string; year?: number | null };
}

export interface IndicatorSummary {
  label: string;
  /** Units that have a value for this indicator (excluded units do not count). */
  units: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Percentage of the parent; absent on observed indicators. */
  weight?: number;
  /** Percentage of the total (product of weights along the path); absent on observed indicators. */
  effectiveWeight?: number;
  observed?: true;
  scenario?: string;
  /** Dotted path of the parent, absent at the top level. */
  parent?: string;
  baseline?: number;
  delta?: number;
  /** Set when a baseline was given but holds no figure for this indicator. */
  baselineMissing?: true;
}

export interface Summary {
  units: number;
  mean: number;
  baseline?: number;
  delta?: number;
  /** Set when a baseline was given but holds no overall mean. */
  baselineMissing?: true;
  indicators: Record<string, IndicatorSummary>;
  grades: Record<string, number>;
}

export interface ExplainStep {
  indicator: string;
  /**
   * What the step is: `score` a leaf's whole score (from `score =` or `check`); `start` the points a
   * `start N` leaf begins with; `deduct`/`add` one rule's move; `clamp` the leaf pulled back onto the
   * scale; `excluded`/`zero` a leaf whose evidence is missing, by its field's policy.
   */
  kind: 'score' | 'start' | 'deduct' | 'add' | 'clamp' | 'excluded' | 'zero';
  /** The rule as written in the source, e.g. `check licence.e_certificate`. */
  rule: string;
  /** Points this rule gave (positive) or took (negative), or the leaf score for `score =`/`check`. */
  points: number;
  /** The evidence values the rule read, by field path (null when missing). */
  evidence: Record<string, unknown>;
  /** Extra notes: `clamped to the scale`, `excluded: complaint.days missing`, … */
  note?: string;
}

export interface UnitResult {
  id: string;
  name: string;
  score: number;
  grade: string;
  rank: number;
  groups: Record<string, string>;
  indicators: Record<string, number | null>;
  findings: string[];
  excluded: string[];
  explain: ExplainStep[];
  baseline?: { score?: number; rank?: number };
  delta?: { score?: number; rank?: number };
  /** Set when a baseline was given but holds neither a score nor a rank for this unit. */
  baselineMissing?: true;
}

export interface GroupValueSummary {
  units: number;
  mean: number;
  best: string;
  worst: string;
  baseline?: number;
  delta?: number;
  /** Set when a baseline was given but holds no mean for this group value. */
  baselineMissing?: true;
}

export interface GroupGap {
  highest: string;
  lowest: string;
  gap: number;
}

export interface FindingSummary {
  id: string;
  message: string;
  /** `defect` (the default) or `good` (a good practice). */
  kind: 'defect' | 'good';
  /** Indicator path the finding belongs to, absent for top-level findings. */
  indicator?: string;
  observed?: true;
  count: number;
  share: number;
  /** Display names of the units, in result order. */
  units: string[];
}

export interface Results {
  evaluation: EvaluationInfo;
  summary: Summary;
  units: UnitResult[];
  groups: Record<string, Record<string, GroupValueSummary>>;
  groupGaps: Record<string, GroupGap>;
  findings: FindingSummary[];
  observed: { scenarios: string[]; indicators: string[] };
}
