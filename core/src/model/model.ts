/**
 * The checked model: what a `.rubric` file means, with names resolved, types known, weights exact.
 * The evaluator and the code generator read only this, never the syntax tree.
 */
import type { Span } from '@rubric/grammar';
import type { Rational } from '../numeric/exact.js';

export type FieldType =
  | { kind: 'bool' }
  | { kind: 'number'; min?: Rational; max?: Rational }
  | { kind: 'ratio' }
  | { kind: 'count' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'text' };

export type MissingPolicy = 'error' | 'zero' | 'exclude';

export interface Field {
  path: string;
  type: FieldType;
  missing: MissingPolicy;
  description?: string;
  span: Span;
}

export type ValueType = 'number' | 'bool' | 'enum' | 'text' | 'error';

interface ExprBase {
  type: ValueType;
  span: Span;
}

/** A typed, resolved expression. `enumOf` names the field whose values an enum expression ranges over. */
export type TExpr =
  | (ExprBase & { k: 'num'; value: Rational })
  | (ExprBase & { k: 'bool'; value: boolean })
  | (ExprBase & { k: 'enumLit'; value: string })
  | (ExprBase & { k: 'text'; value: string })
  | (ExprBase & { k: 'field'; path: string })
  | (ExprBase & { k: 'neg'; e: TExpr })
  | (ExprBase & { k: 'not'; e: TExpr })
  | (ExprBase & { k: 'arith'; op: '+' | '-' | '*' | '/'; l: TExpr; r: TExpr })
  | (ExprBase & { k: 'cmp'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; l: TExpr; r: TExpr })
  | (ExprBase & { k: 'logic'; op: 'and' | 'or'; l: TExpr; r: TExpr })
  | (ExprBase & { k: 'if'; c: TExpr; t: TExpr; e: TExpr })
  | (ExprBase & { k: 'call'; fn: 'min' | 'max' | 'clamp'; args: TExpr[] })
  | (ExprBase & { k: 'match'; subject: TExpr; arms: { value: string | boolean; result: TExpr }[]; otherwise?: TExpr })
  | (ExprBase & { k: 'band'; subject: TExpr; arms: { op: '<=' | '<'; bound: Rational; result: TExpr }[]; otherwise?: TExpr });

export interface FindingDef {
  id: string;
  message: string;
  kind: 'defect' | 'good';
  /** Path of the indicator the finding belongs to; absent at the top level. */
  indicator?: string;
  observed: boolean;
  /** `when`: its own condition; `check`: fires when the check fails; `adjust`: fires when the rule moves points. */
  trigger: { kind: 'when'; cond: TExpr } | { kind: 'check' } | { kind: 'adjust' };
  /** Evidence fields the finding depends on (its condition, or its rule's). */
  reads: string[];
  span: Span;
}

export interface AdjustRule {
  op: 'deduct' | 'add';
  points: Rational;
  per?: TExpr;
  max?: Rational;
  when?: TExpr;
  finding?: FindingDef;
  /** The rule as written, for explanations. */
  source: string;
  span: Span;
}

export type LeafRule =
  | { kind: 'score'; expr: TExpr; source: string; span: Span }
  | { kind: 'check'; cond: TExpr; finding?: FindingDef; source: string; span: Span }
  | { kind: 'points'; start: Rational; rules: AdjustRule[]; source: string; span: Span };

export interface Indicator {
  id: string;
  /** Dotted path from the top: `tech.accessibility`. */
  path: string;
  label: string;
  /** Percentage of the parent; null for observed indicators. */
  weight: Rational | null;
  /** Percentage of the total; null when the indicator (or an ancestor) is observed. */
  effectiveWeight: Rational | null;
  /** Declared observed, or under an observed ancestor or scenario: computed, never counted. */
  observed: boolean;
  scenario?: string;
  children: Indicator[];
  leaf?: LeafRule;
  /** Standalone `finding … when …` in this indicator's body. */
  findings: FindingDef[];
  /** Evidence fields the leaf's score depends on (for missing-evidence policies). */
  reads: string[];
  /** Whether the checker could prove the leaf stays on the scale; if not, it is clamped at run time. */
  needsClamp: boolean;
  parent?: string;
  depth: number;
  span: Span;
  nameSpan: Span;
}

export interface Grade {
  name: string;
  /** Lower bound (inclusive); null for `otherwise`. */
  threshold: Rational | null;
  span: Span;
}

export interface Group {
  id: string;
  label: string;
  field: string;
  span: Span;
}

export interface Scenario {
  id: string;
  label: string;
  observed: boolean;
  span: Span;
}

export type TestValue = null | boolean | string | Rational;

export interface TestExpectation {
  negated: boolean;
  kind: 'score' | 'grade' | 'indicator' | 'finding' | 'anyFinding' | 'excluded';
  /** Indicator path, grade name or finding id. */
  target?: string;
  op?: '==' | '!=' | '<' | '<=' | '>' | '>=';
  value?: TestValue;
  source: string;
  span: Span;
}

export interface TestCase {
  name: string;
  extends?: string;
  /** Own evidence, before the parent test's is merged in. */
  given: Record<string, TestValue>;
  expects: TestExpectation[];
  span: Span;
}

export interface UncertaintySettings {
  runs: number;
  seed: number;
  /** Uniform weight noise, ± this percentage of each weight, renormalised per sibling set. */
  weights: Rational;
  /** Shift of every grade threshold, ± this many points. */
  threshold: Rational;
  /** Percentage of runs that swap every declared missing-evidence policy (zero ↔ exclude). */
  imputation: Rational;
}

export interface Model {
  evaluation: {
    id: string;
    label: string;
    year: number | null;
    scale: { min: Rational; max: Rational };
    decimals: number;
  };
  preview: { evidence?: string; baseline?: string };
  fields: Map<string, Field>;
  grades: Grade[];
  groups: Group[];
  scenarios: Scenario[];
  /** Top-level indicators, in source order. */
  indicators: Indicator[];
  /** Every indicator, parents before children, in source order. */
  allIndicators: Indicator[];
  /** Every finding, in source order. */
  findings: FindingDef[];
  tests: TestCase[];
  uncertainty?: UncertaintySettings;
  /** sha256 of the source text, as `sha256:…`; set by the caller that knows the bytes. */
  rulesHash: string;
}
