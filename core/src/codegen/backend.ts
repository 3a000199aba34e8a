/**
 * Two arithmetic backends for one generated scorer: `fast` (binary floats, with a flag raised wherever a
 * result could differ from exact arithmetic) and `exact` (exact rationals through the embedded `Qs`: doubles while the terms stay safe integers, BigInt beyond). The scorer
 * code is written once against this interface, so both paths have the same structure.
 */
import type { Rational } from '../numeric/exact.js';
import type { TExpr } from '../model/model.js';

export interface Constants {
  /** Numbers of the rules; weights and thresholds live here, not in the code, so editing one reuses the function. */
  nums: Rational[];
  /** Texts shown in results: indicator paths, rule sources, finding ids. */
  strs: string[];
  /** The slot of each indicator's weight (never shared), so an analysis can vary one weight alone. */
  weightSlots: Map<string, number>;
}

export interface Backend {
  readonly kind: 'fast' | 'exact';
  num(q: Rational): string;
  /** An indicator's weight, in a slot of its own. */
  weight(path: string, q: Rational): string;
  field(index: number): string;
  neg(a: string): string;
  arith(op: '+' | '-' | '*' | '/', a: string, b: string): string;
  /** Numeric comparison; `trivial` when both sides are fields or constants (exactly compared even as floats). */
  cmp(op: '==' | '!=' | '<' | '<=' | '>' | '>=', a: string, b: string, trivial: boolean): string;
  minmax(fn: 'min' | 'max', args: string[]): string;
  clamp(x: string, lo: string, hi: string): string;
  zero(): string;
  /** The float of a value, for `raw` figures. */
  publishable(x: string): string;
}

export function constantIndex(c: Constants, q: Rational): number {
  const i = c.nums.findIndex((x) => x[0] === q[0] && x[1] === q[1]);
  if (i >= 0) return i;
  c.nums.push(q);
  return c.nums.length - 1;
}

export function weightIndex(c: Constants, path: string, q: Rational): number {
  let i = c.weightSlots.get(path);
  if (i === undefined) {
    c.nums.push(q);
    i = c.nums.length - 1;
    c.weightSlots.set(path, i);
  }
  return i;
}

export function stringIndex(c: Constants, s: string): number {
  const i = c.strs.indexOf(s);
  if (i >= 0) return i;
  c.strs.push(s);
  return c.strs.length - 1;
}

export function fastBackend(c: Constants): Backend {
  return {
    kind: 'fast',
    num: (q) => `N[${constantIndex(c, q)}]`,
    weight: (path, q) => `N[${weightIndex(c, path, q)}]`,
    field: (i) => `f${i}`,
    neg: (a) => `(-${a})`,
    arith: (op, a, b) => `(${a} ${op} ${b})`,
    cmp: (op, a, b, trivial) => (trivial ? `(${a} ${op === '==' ? '===' : op === '!=' ? '!==' : op} ${b})` : `Scoring.cmp${({ '==': 'Eq', '!=': 'Ne', '<': 'Lt', '<=': 'Le', '>': 'Gt', '>=': 'Ge' } as const)[op]}(${a}, ${b}, S)`),
    minmax: (fn, args) => `Math.${fn}(${args.join(', ')})`,
    clamp: (x, lo, hi) => `Math.min(Math.max(${x}, ${lo}), ${hi})`,
    zero: () => '0',
    publishable: (x) => x,
  };
}

export function exactBackend(c: Constants): Backend {
  return {
    kind: 'exact',
    num: (q) => `QN[${constantIndex(c, q)}]`,
    weight: (path, q) => `QN[${weightIndex(c, path, q)}]`,
    field: (i) => `(q${i} !== undefined ? q${i} : (q${i} = f${i} === null ? null : Qs.fromNumber(f${i})))`,
    neg: (a) => `Qs.neg(${a})`,
    arith: (op, a, b) => `Qs.${({ '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const)[op]}(${a}, ${b})`,
    cmp: (op, a, b) => `(Qs.cmp(${a}, ${b}) ${op === '==' ? '===' : op === '!=' ? '!==' : op} 0)`,
    minmax: (fn, args) => args.reduce((acc, a) => `Qs.${fn}(${acc}, ${a})`),
    clamp: (x, lo, hi) => `Qs.clamp(${x}, ${lo}, ${hi})`,
    zero: () => 'Qs.ZERO',
    publishable: (x) => `Qs.toNumber(${x})`,
  };
}

/** Whether floats compare this expression exactly: a field or a constant, both decimals as written. */
export function trivial(e: TExpr): boolean {
  return e.k === 'field' || e.k === 'num';
}
