/**
 * The syntax tree: plain values with source spans. Parsing never fails, so with errors any child may be
 * missing (`undefined`); later phases skip what is missing and report nothing twice.
 */
import type { Span } from './diagnostic.js';

export interface Node {
  span: Span;
}

export interface Name extends Node {
  text: string;
}

export interface StringLit extends Node {
  value: string;
}

/** A decimal exactly as written (with its sign), never converted to binary floating point here. */
export interface NumberLit extends Node {
  text: string;
}

export interface Path extends Node {
  parts: Name[];
  /** The dotted text, e.g. `site.reachable`. */
  text: string;
}

export interface FileNode extends Node {
  kind: 'File';
  items: TopItem[];
}

export type TopItem =
  | EvaluationDecl
  | PreviewDecl
  | EvidenceBlock
  | GradesBlock
  | GroupDecl
  | ScenarioDecl
  | IndicatorDecl
  | FindingDecl
  | TestDecl
  | UncertaintyDecl;

export interface Setting extends Node {
  name: Name;
  value?: NumberLit;
  /** Upper bound of `lo..hi`. */
  upTo?: NumberLit;
  /** `half-up` after `round n`. */
  mode?: Name;
}

export interface EvaluationDecl extends Node {
  kind: 'Evaluation';
  keyword: Span;
  id?: Name;
  label?: StringLit;
  settings: Setting[];
}

export interface PreviewEntry extends Node {
  key: Name;
  value?: StringLit;
}

export interface PreviewDecl extends Node {
  kind: 'Preview';
  keyword: Span;
  entries: PreviewEntry[];
}

export interface TypeRef extends Node {
  name: Name;
  /** Enum values, when `name` is `enum`. */
  values?: Name[];
}

export type FieldConstraint =
  | (Node & { op: '>='; value: NumberLit })
  | (Node & { op: '<='; value: NumberLit })
  | (Node & { op: 'range'; lo: NumberLit; hi: NumberLit });

export interface FieldDecl extends Node {
  kind: 'Field';
  path?: Path;
  type?: TypeRef;
  constraints: FieldConstraint[];
  missing?: Name;
  description?: StringLit;
}

export interface EvidenceBlock extends Node {
  kind: 'Evidence';
  keyword: Span;
  fields: FieldDecl[];
}

export interface GradeDecl extends Node {
  kind: 'Grade';
  name: Name;
  threshold?: NumberLit;
  otherwise: boolean;
}

export interface GradesBlock extends Node {
  kind: 'Grades';
  keyword: Span;
  grades: GradeDecl[];
}

export interface GroupDecl extends Node {
  kind: 'Group';
  id?: Name;
  label?: StringLit;
  by?: Path;
}

export interface ScenarioDecl extends Node {
  kind: 'Scenario';
  id?: Name;
  label?: StringLit;
  observed: boolean;
}

export interface IndicatorDecl extends Node {
  kind: 'Indicator';
  id?: Name;
  label?: StringLit;
  weight?: NumberLit;
  observed?: Span;
  scenario?: Name;
  /** From the indicator keyword to the opening brace: what the indicator's hover and lens attach to. */
  header: Span;
  items: IndicatorItem[];
}

export type IndicatorItem = IndicatorDecl | ScoreRule | CheckRule | StartRule | AdjustRule | FindingDecl;

export interface ScoreRule extends Node {
  kind: 'Score';
  expr?: Expr;
}

export interface FindingRef extends Node {
  id?: Name;
  message?: StringLit;
  good: boolean;
}

export interface CheckRule extends Node {
  kind: 'Check';
  cond?: Expr;
  finding?: FindingRef;
}

export interface StartRule extends Node {
  kind: 'Start';
  value?: NumberLit;
}

export interface AdjustRule extends Node {
  kind: 'Adjust';
  op: 'deduct' | 'add';
  points?: NumberLit;
  per?: Expr;
  max?: NumberLit;
  when?: Expr;
  finding?: FindingRef;
}

export interface FindingDecl extends Node {
  kind: 'Finding';
  id?: Name;
  message?: StringLit;
  good: boolean;
  when?: Expr;
}

export type Literal =
  | (Node & { kind: 'number'; text: string })
  | (Node & { kind: 'string'; value: string })
  | (Node & { kind: 'bool'; value: boolean })
  | (Node & { kind: 'name'; text: string });

export interface GivenEntry extends Node {
  path?: Path;
  value?: Literal;
}

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface ExpectStmt extends Node {
  negated: boolean;
  /** `finding [id]` */
  finding?: { id?: Name };
  /** `score`, `grade`, an indicator path, or `excluded` (with `target`). */
  subject?: Path;
  op?: CompareOp;
  value?: Literal;
  /** The indicator of `expect excluded INDICATOR`. */
  target?: Path;
}

export interface TestDecl extends Node {
  kind: 'Test';
  name?: StringLit;
  extends?: StringLit;
  given: GivenEntry[];
  expects: ExpectStmt[];
}

export interface UncertaintyDecl extends Node {
  kind: 'Uncertainty';
  keyword: Span;
  settings: Setting[];
}

export type BinaryOp = '+' | '-' | '*' | '/' | CompareOp | 'and' | 'or';

export type Expr =
  | (Node & { kind: 'Number'; text: string })
  | (Node & { kind: 'Bool'; value: boolean })
  | (Node & { kind: 'String'; value: string })
  | (Node & { kind: 'Ref'; path: Path })
  | (Node & { kind: 'Unary'; op: '-' | 'not'; operand?: Expr })
  | (Node & { kind: 'Binary'; op: BinaryOp; left?: Expr; right?: Expr; opSpan: Span })
  | (Node & { kind: 'If'; cond?: Expr; then?: Expr; else?: Expr })
  | (Node & { kind: 'Call'; fn: Name; args: Expr[] })
  | (Node & { kind: 'Match'; subject?: Expr; arms: MatchArm[] })
  | (Node & { kind: 'Band'; subject?: Expr; arms: BandArm[] });

export interface MatchArm extends Node {
  /** Absent for `otherwise`. */
  value?: Literal;
  otherwise: boolean;
  result?: Expr;
}

export interface BandArm extends Node {
  op?: '<=' | '<';
  bound?: NumberLit;
  otherwise: boolean;
  result?: Expr;
}
