/**
 * The TextMate grammar VS Code highlights `.rubric` with, derived from the token lists in lexer/tokens.ts.
 * `npm run build:grammar` writes grammar/syntaxes/rubric.tmLanguage.json; a test fails when it is stale.
 */
import { CONTEXTUAL_KEYWORDS, RESERVED } from '../lexer/tokens.js';

const DECLARATIONS = ['evaluation', 'preview', 'evidence', 'grades', 'group', 'scenario', 'indicator', 'finding', 'test', 'uncertainty'];
const RULES = ['score', 'check', 'start', 'deduct', 'add', 'per', 'when', 'else', 'weight', 'observed', 'missing', 'given', 'expect', 'extends'];
const CONTROL = ['match', 'band', 'if', 'then', 'otherwise'];
const OPERATOR_WORDS = ['and', 'or', 'not'];
const CONSTANTS = ['true', 'false'];

const words = (list: readonly string[]) => `\\b(?:${[...list].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|')})\\b`;

export function textMateGrammar(): object {
  const covered = new Set([...DECLARATIONS, ...RULES, ...CONTROL, ...OPERATOR_WORDS, ...CONSTANTS]);
  const missing = RESERVED.filter((w) => !covered.has(w));
  if (missing.length) throw new Error(`reserved words without a highlighting class: ${missing.join(', ')}`);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Rubric',
    scopeName: 'source.rubric',
    fileTypes: ['rubric'],
    comment: 'Generated from grammar/src/lexer/tokens.ts by `npm run build:grammar`; do not edit.',
    patterns: [
      { include: '#comments' },
      { include: '#strings' },
      { include: '#numbers' },
      { include: '#keywords' },
      { include: '#types' },
      { include: '#operators' },
    ],
    repository: {
      comments: {
        patterns: [
          { name: 'comment.line.double-slash.rubric', match: '//.*$' },
          { name: 'comment.block.rubric', begin: '/\\*', end: '\\*/' },
        ],
      },
      strings: {
        name: 'string.quoted.double.rubric',
        begin: '"',
        end: '"',
        patterns: [{ name: 'constant.character.escape.rubric', match: '\\\\.' }],
      },
      numbers: { name: 'constant.numeric.rubric', match: '\\b\\d+(?:\\.\\d+)?\\b' },
      keywords: {
        patterns: [
          { name: 'storage.type.declaration.rubric', match: words(DECLARATIONS) },
          { name: 'keyword.other.rule.rubric', match: words(RULES) },
          { name: 'keyword.control.rubric', match: words(CONTROL) },
          { name: 'keyword.operator.word.rubric', match: words(OPERATOR_WORDS) },
          { name: 'constant.language.boolean.rubric', match: words(CONSTANTS) },
          { name: 'keyword.other.setting.rubric', match: `${words([...CONTEXTUAL_KEYWORDS.evaluationSettings, ...CONTEXTUAL_KEYWORDS.uncertainty])}|\\bhalf-up\\b` },
          { name: 'support.function.rubric', match: `${words(CONTEXTUAL_KEYWORDS.functions)}(?=\\s*\\()` },
        ],
      },
      types: {
        patterns: [
          { match: `(:)\\s*(${words(CONTEXTUAL_KEYWORDS.types)})`, captures: { 1: { name: 'punctuation.separator.rubric' }, 2: { name: 'support.type.rubric' } } },
          { match: `(\\bmissing)\\s+(${words(CONTEXTUAL_KEYWORDS.missingPolicies)})`, captures: { 1: { name: 'keyword.other.rule.rubric' }, 2: { name: 'constant.language.policy.rubric' } } },
        ],
      },
      operators: { name: 'keyword.operator.rubric', match: '=>|==|!=|<=|>=|<|>|=|\\+|-|\\*|/|\\.\\.' },
    },
  };
}
