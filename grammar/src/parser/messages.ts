/**
 * Syntax errors written for people. Chevrotain's defaults list token names; a methodologist needs to
 * read "expected a weight (a number) after `weight`". Messages are chosen by the rule being parsed and
 * the token before the error, the parser state that best predicts what the writer meant.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { TOKEN_DESCRIPTIONS } from '../lexer/tokens.js';

/** What may start an item, per rule that chooses between alternatives. */
const ALTERNATIVES: Record<string, string> = {
  topItem: 'a declaration (`evaluation`, `preview`, `evidence`, `grades`, `group`, `scenario`, `indicator`, `finding`, `test`)',
  indicatorItem: 'an indicator item (`indicator`, `score =`, `check`, `start`, `deduct`, `add`, `finding`)',
  primary: 'an expression (a number, an evidence field, `(`, `if`, `match`, `band`, `min(…)`, `max(…)`, `clamp(…)`)',
  unaryExpr: 'an expression',
  notExpr: 'a condition',
  literal: 'a value (a number, `true`, `false`, a text in quotes, or an enum value)',
  fieldOption: 'a constraint (`>= n`, `<= n`, `a..b`) or a missing-evidence policy (`missing zero`, `missing exclude`)',
  gradeDecl: 'a lower bound (`>= n`) or `otherwise` after the grade name',
  bandArm: 'a band (`<= n =>`, `< n =>`) or `otherwise =>`',
  matchArm: 'a case (an enum value `=>`) or `otherwise =>`',
  comparison: 'a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`)',
  expectStmt: 'an expectation (`score == n`, `grade == name`, `INDICATOR == n`, `finding id`, `no finding`, `excluded INDICATOR`)',
  previewEntry: '`evidence "glob"` or `baseline "file"`',
  adjustRule: '`deduct` or `add`',
};

/** What the writer most likely meant, keyed by the token just before the error. */
const AFTER: Record<string, string> = {
  weight: 'a weight (a number, the percentage of the parent)',
  round: 'the number of decimals of published figures',
  year: 'a year (a number)',
  scale: 'the scale as `min..max`',
  start: 'the starting points (a number)',
  deduct: 'the points to deduct (a number)',
  add: 'the points to add (a number)',
  max: 'the cap of this rule (a number)',
  per: 'what the points are multiplied by (an expression)',
  when: 'a condition',
  check: 'a condition',
  if: 'a condition',
  indicator: 'an id for the indicator (a name)',
  finding: 'an id for the finding (a name)',
  scenario: 'an id for the scenario (a name)',
  group: 'a group name (usually an evidence field such as `region`)',
  evaluation: 'an id for the evaluation (a name)',
  test: 'the name of the test, in double quotes',
  extends: 'the name of the test to extend, in double quotes',
  missing: '`zero` or `exclude`',
  ':': 'a type (`bool`, `number`, `ratio`, `count`, `enum(…)`, `text`)',
  '=': 'an expression',
  '=>': 'the points of this case (an expression)',
  '>=': 'a number',
  '<=': 'a number',
};

function describeToken(type: TokenType): string {
  if (type === EOF) return 'the end of the file';
  const known = TOKEN_DESCRIPTIONS.get(type);
  if (known) return known;
  if (type.LABEL) return type.LABEL;
  return type.name;
}

function describeActual(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the file';
  return `\`${token.image}\``;
}

/** Own entries only: a token `constructor` or `__proto__` must not find Object.prototype's members. */
function hintAfter(previous: IToken): string | undefined {
  return Object.hasOwn(AFTER, previous.image) ? AFTER[previous.image] : undefined;
}

function describeExpected(expected: TokenType, previous: IToken): string {
  const hint = hintAfter(previous);
  if (hint) return hint;
  return describeToken(expected);
}

function after(previous: IToken): string {
  return previous.tokenType === EOF || previous.image === '' ? '' : ` after \`${previous.image}\``;
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous }) {
    if (expected.name === 'RBrace') {
      return `Expected \`}\` to close the block${after(previous)}, found ${describeActual(actual)}.`;
    }
    return `Expected ${describeExpected(expected, previous)}${after(previous)}, found ${describeActual(actual)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${describeActual(firstRedundant)}: expected a declaration (\`indicator\`, \`evidence\`, \`grades\`, …).`;
  },
  buildNoViableAltMessage({ actual, previous, ruleName }) {
    const wanted = hintAfter(previous) ?? (Object.hasOwn(ALTERNATIVES, ruleName) ? ALTERNATIVES[ruleName] : undefined) ?? 'something else';
    return `Expected ${wanted}${after(previous)}, found ${describeActual(actual[0]!)}.`;
  },
  buildEarlyExitMessage({ actual, previous, ruleName }) {
    const wanted = (Object.hasOwn(ALTERNATIVES, ruleName) ? ALTERNATIVES[ruleName] : undefined) ?? 'at least one item';
    return `Expected ${wanted}${after(previous)}, found ${describeActual(actual[0]!)}.`;
  },
};
