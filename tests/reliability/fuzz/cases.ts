/** The fuzzer's inputs: mutated repository files, mutated generated files, and token soup. */
import fc from 'fast-check';
import { rulesText } from '../../differential/generators.js';
import { seeds } from './corpus.js';
import { applyOps, op, tokenSoup, type Op } from './mutate.js';

export type Case =
  | { kind: 'mutated'; file: number; ops: Op[] }
  | { kind: 'generated'; base: string; ops: Op[] }
  | { kind: 'soup'; text: string };

export function caseArbitrary(): fc.Arbitrary<Case> {
  const files = seeds();
  const mutated = fc.record({ kind: fc.constant('mutated' as const), file: fc.integer({ min: 0, max: files.length - 1 }), ops: fc.array(op, { minLength: 1, maxLength: 5 }) });
  const generated = fc.record({ kind: fc.constant('generated' as const), base: rulesText, ops: fc.array(op, { maxLength: 3 }) });
  const soup = fc.record({ kind: fc.constant('soup' as const), text: tokenSoup });
  return fc.oneof({ weight: 14, arbitrary: mutated }, { weight: 3, arbitrary: generated }, { weight: 3, arbitrary: soup });
}

export function caseText(c: Case): string {
  switch (c.kind) {
    case 'mutated': return applyOps(seeds()[c.file]!.text, c.ops);
    case 'generated': return applyOps(c.base, c.ops);
    case 'soup': return c.text;
  }
}

/** How to reproduce a case, for reports. */
export function caseLabel(c: Case): string {
  switch (c.kind) {
    case 'mutated': return `${seeds()[c.file]!.file} with ${JSON.stringify(c.ops)}`;
    case 'generated': return `a generated file with ${JSON.stringify(c.ops)}`;
    case 'soup': return `token soup ${JSON.stringify(c.text.slice(0, 200))}`;
  }
}
