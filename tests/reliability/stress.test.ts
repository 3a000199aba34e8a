/**
 * Inputs no mutation reaches: 10 MB files, 1,000-deep nesting, long operator chains, lone surrogates.
 * Never an exception, about a second of CPU at most, every error with a range inside the text, and the
 * limits (grammar/src/parser/limits.ts) reported as diagnostics rather than as stack overflows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type UnitInput } from '@rubric/core';
import { format, parse } from '@rubric/grammar';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING, MAX_SOURCE_LENGTH } from '@rubric/grammar/parser/limits';
import { evidenceFor } from '../differential/generators.js';
import { checkDiagnostics, compareScorers, examine } from './fuzz/oracle.js';

const BUDGET = Number(process.env['FUZZ_BUDGET_MS'] ?? 1500);
const MB10 = 10 * 1024 * 1024;

const HEAD = `evaluation s "S" { year 2024 scale 0..100 round 2 half-up }
evidence { r: ratio  g: enum(a, b) }
grades { top >= 50 rest otherwise }
group g
`;

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function cpu<T>(f: () => T): { value: T; ms: number } {
  const u = process.cpuUsage();
  const value = f();
  const d = process.cpuUsage(u);
  return { value, ms: (d.user + d.system) / 1000 };
}

/** analyze + format: no throw, within the budget, ranges inside; returns the diagnostic codes. */
function survives(text: string, budget = BUDGET): string[] {
  const problems: string[] = [];
  const { value: a, ms } = cpu(() => analyze(text));
  const f = cpu(() => format(text));
  checkDiagnostics(text, a.diagnostics, problems);
  expect(problems).toEqual([]);
  expect(ms + f.ms, `analyze ${ms.toFixed(0)} ms + format ${f.ms.toFixed(0)} ms`).toBeLessThan(budget);
  return a.diagnostics.map((d) => d.code);
}

analyze(HEAD); // the parser is built once per process, outside the budgets

describe('10 MB files', () => {
  const cases: Record<string, () => string> = {
    'a valid file of 180,000 indicators': () => HEAD + fill('indicator i "指标" weight 0.001 { score = 100 * r }\n', MB10),
    'one comment': () => `${HEAD}// ${fill('注释 comment ', MB10)}`,
    'an unclosed block comment': () => `${HEAD}/* ${fill('x', MB10)}`,
    'one string': () => `${HEAD}indicator i "${fill('长', MB10)}" weight 100 { score = 100 * r }`,
    'binary garbage': () => fill('\u0000\u00ff\ufffd@#$%^&\u0007', MB10),
    'open braces': () => fill('{', MB10),
    'open parentheses': () => `${HEAD}indicator i "I" weight 100 { score = ${fill('(', MB10)}`,
    'lone surrogates': () => fill('\ud800x\udc00', MB10),
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, () => {
      const text = make();
      expect(text.length).toBeGreaterThan(MAX_SOURCE_LENGTH);
      expect(survives(text)).toContain('syntax/too-large');
    });
  }

  it('a valid file of 256 Ki characters (5,800 indicators): within the budget of any file', () => {
    const text = HEAD + fill('indicator i "I" weight 0 { score = 100 * r }\n', (1 << 18) - HEAD.length);
    expect(survives(text)).not.toContain('syntax/too-large');
  });

  it('just under the size limit, valid: parsed and checked, the budget per 256 Ki characters', () => {
    const text = HEAD + fill('indicator i "I" weight 0 { score = 100 * r }\n', MAX_SOURCE_LENGTH - HEAD.length - 10);
    expect(survives(text, BUDGET * (MAX_SOURCE_LENGTH / (1 << 18)))).not.toContain('syntax/too-large');
  });
});

describe('1,000-deep nesting', () => {
  const deep: Record<string, (n: number) => string> = {
    indicators: (n) => `${HEAD}${Array.from({ length: n }, (_, i) => `indicator i${i} "I" weight 100 {\n`).join('')}score = 100 * r\n${'}\n'.repeat(n)}`,
    parentheses: (n) => `${HEAD}indicator i "I" weight 100 { score = ${'('.repeat(n)}100 * r${')'.repeat(n)} }`,
    'unclosed parentheses': (n) => `${HEAD}indicator i "I" weight 100 { score = ${'('.repeat(n)}100 * r }`,
    'if … else if chains': (n) => `${HEAD}indicator i "I" weight 100 { score = ${'if r > 0.5 then 100 else '.repeat(n)}0 }`,
    'nested if conditions': (n) => `${HEAD}indicator i "I" weight 100 { score = if ${'if r > 0.5 then '.repeat(n)}true${' else false'.repeat(n)} then 100 else 0 }`,
    'not chains': (n) => `${HEAD}finding f "f" when ${'not '.repeat(n)}r > 0.5\nindicator i "I" weight 100 { score = 100 * r }`,
    'minus chains': (n) => `${HEAD}indicator i "I" weight 100 { score = clamp(${'- '.repeat(n)}100 * r, 0, 100) }`,
    'match subjects': (n) => `${HEAD}indicator i "I" weight 100 { score = ${'match '.repeat(n)}g${' { otherwise => 1 }'.repeat(n)} }`,
    'match arms': (n) => `${HEAD}indicator i "I" weight 100 { score = ${'match g { a => '.repeat(n)}1${', otherwise => 0 }'.repeat(n)} }`,
    'function calls': (n) => `${HEAD}indicator i "I" weight 100 { score = ${'min(100, '.repeat(n)}100 * r${')'.repeat(n)} }`,
    'braces only': (n) => '{'.repeat(n) + '}'.repeat(n),
  };
  for (const [name, make] of Object.entries(deep)) {
    it(`${name}: a too-deep error, no stack overflow`, () => {
      expect(survives(make(1000))).toContain('syntax/too-deep');
      // Ten thousand levels: too deep, or (for the wordier constructs) already too large.
      expect(survives(make(10_000)).some((c) => c === 'syntax/too-deep' || c === 'syntax/too-large')).toBe(true);
    });
  }

  it('long operator chains (a + b + … 5,000 terms, and/or chains) are cut at the expression depth limit', () => {
    for (const [op, operand] of [['+', 'r'], ['*', 'r'], ['-', 'r'], ['/', '2'], ['and', 'r > 0.5'], ['or', 'r > 0.5']] as const) {
      const text = `${HEAD}indicator i "I" weight 100 { score = if ${Array(5000).fill(operand).join(` ${op} `)} then 1 else 0 }`;
      expect(survives(text), op).toContain('syntax/too-deep');
    }
  });

  it('just inside the limits: parsed without errors, and the engine agrees with the evaluator', () => {
    const depth = MAX_NESTING - 4;
    const texts = [
      deep['indicators']!(depth),
      deep['parentheses']!(depth),
      deep['if … else if chains']!(depth),
      deep['not chains']!(depth),
      `${HEAD}indicator i "I" weight 100 { score = min(100, ${Array(MAX_EXPRESSION_DEPTH - 10).fill('r').join(' + ')}) }`,
    ];
    for (const text of texts) {
      const a = analyze(text);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const units = fc.sample(fc.array(evidenceFor(a.model), { minLength: 3, maxLength: 3 }), { numRuns: 1, seed: 5 })[0]!;
      const problems: string[] = [];
      compareScorers(a.model, units.map((evidence, i) => ({ id: `u${i}`, evidence: evidence as UnitInput['evidence'] })), problems);
      expect(problems).toEqual([]);
      expect(format(text).ok).toBe(true);
    }
  });
});

describe('odd characters', () => {
  it('lone surrogates, separators and NUL in every kind of place', () => {
    const odd = ['\ud800', '\udfff', '\udbff\udfff', '\u2028', '\u2029', '\u0000', '\ufeff', '\r'];
    for (const ch of odd) {
      for (const text of [
        `${HEAD}indicator i "I${ch}" weight 100 { score = 100 * r }`,
        `${HEAD}indicator i${ch} "I" weight 100 { score = 100 * r }`,
        `${HEAD}// ${ch}\nindicator i "I" weight 100 { score = 100 * r } /* ${ch} */`,
        `${HEAD}indicator i "I" weight 100 { score = 100 * r ${ch}}`,
        `${ch}${HEAD}indicator i "I" weight 100 { score = 100 * r }${ch}`,
      ]) {
        const v = examine(text, { seed: 3 });
        expect(v.problems, JSON.stringify(text.slice(-60))).toEqual([]);
      }
    }
  });

  it('an error range never points past the end of a file that ends inside a token', () => {
    for (const text of [`${HEAD}indicator i "`, `${HEAD}indicator`, `${HEAD}indicator i "I" weight 1`, 'evaluation e "E" { round 2 half-', '"', '/*', '\ud800']) {
      const problems: string[] = [];
      checkDiagnostics(text, parse(text).errors, problems);
      checkDiagnostics(text, analyze(text).diagnostics, problems);
      expect(problems).toEqual([]);
    }
  });
});
