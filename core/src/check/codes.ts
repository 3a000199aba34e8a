/**
 * Diagnostic codes: stable strings shared by the checks, the quick fixes, the docs
 * (docs/diagnostics.md) and the tests. Never renumber; add.
 */
export const Code = {
  // syntax (from grammar/)
  SyntaxUnexpected: 'syntax/unexpected',
  SyntaxCharacter: 'syntax/unexpected-character',
  SyntaxSetting: 'syntax/unknown-setting',
  SyntaxTooLarge: 'syntax/too-large',
  SyntaxTooDeep: 'syntax/too-deep',
  SyntaxTooManyErrors: 'syntax/too-many-errors',
  // evaluation header
  EvaluationMissing: 'evaluation/missing',
  EvaluationDuplicate: 'evaluation/duplicate',
  EvaluationScale: 'evaluation/scale',
  EvaluationRound: 'evaluation/round',
  // names
  DuplicateId: 'names/duplicate',
  UnknownField: 'names/unknown-field',
  UnknownScenario: 'names/unknown-scenario',
  UnknownFunction: 'names/unknown-function',
  UnknownIndicator: 'names/unknown-indicator',
  UnknownFinding: 'names/unknown-finding',
  UnknownGrade: 'names/unknown-grade',
  UnknownTest: 'names/unknown-test',
  NameReserved: 'names/reserved',
  // evidence fields
  FieldType: 'evidence/unknown-type',
  FieldConstraint: 'evidence/constraint',
  FieldMissingPolicy: 'evidence/missing-policy',
  FieldUnused: 'evidence/unused',
  FieldReserved: 'evidence/reserved',
  // types
  TypeMismatch: 'types/mismatch',
  EnumValue: 'types/unknown-enum-value',
  DivisionByZero: 'types/division-by-zero',
  // weights and structure
  WeightsSum: 'weights/sum',
  WeightMissing: 'weights/missing',
  WeightRange: 'weights/range',
  ObservedWeight: 'observed/weight',
  ObservedScenario: 'observed/scenario',
  IndicatorEmpty: 'indicator/empty',
  IndicatorMixed: 'indicator/mixed',
  IndicatorRules: 'indicator/rules',
  NoIndicators: 'indicator/none',
  // scale
  ScaleUnproven: 'scale/unproven',
  ScaleOutside: 'scale/outside',
  // band / match
  BandOrder: 'band/order',
  BandExhaustive: 'band/not-exhaustive',
  BandUnreachable: 'band/unreachable',
  MatchExhaustive: 'match/not-exhaustive',
  MatchDuplicate: 'match/duplicate',
  MatchUnreachable: 'match/unreachable',
  MatchSubject: 'match/subject',
  // grades
  GradesMissing: 'grades/missing',
  GradesOrder: 'grades/order',
  GradesGap: 'grades/gap',
  GradesUnreachable: 'grades/unreachable',
  GradesOutside: 'grades/outside',
  // groups
  GroupField: 'group/field',
  // tests
  TestCycle: 'test/cycle',
  TestExpectation: 'test/expectation',
  // preview / uncertainty
  PreviewSetting: 'preview/setting',
  UncertaintySetting: 'uncertainty/setting',
  BlockDuplicate: 'blocks/duplicate',
} as const;

export type CodeValue = (typeof Code)[keyof typeof Code];
