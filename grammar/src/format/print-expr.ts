import { displayWidth } from './width.js';

/** Expressions in canonical form: single spaces around operators, parentheses only where precedence needs them. */
import type { BandArm, Expr, Literal, MatchArm } from '../syntax/ast.js';

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };

export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

export function printLiteral(l: Literal): string {
  switch (l.kind) {
    case 'number': return l.text;
    case 'string': return quote(l.value);
    case 'bool': return String(l.value);
    case 'name': return l.text;
  }
}

function prec(e: Expr): number {
  if (e.kind === 'Binary') return PRECEDENCE[e.op] ?? 8;
  if (e.kind === 'Unary') return e.op === 'not' ? 3 : 7;
  if (e.kind === 'If') return 0;
  return 8;
}

/** `width` is the room left on the line; match and band break into one arm per line when they do not fit. */
export function printExpr(e: Expr | undefined, indent: string, width = 100): string {
  if (!e) return '';
  switch (e.kind) {
    case 'Number': return e.text;
    case 'Bool': return String(e.value);
    case 'String': return quote(e.value);
    case 'Ref': return e.path.text;
    case 'Unary': {
      const inner = e.operand ? wrap(e.operand, prec(e), indent, width, false) : '';
      return e.op === 'not' ? `not ${inner}` : `-${inner}`;
    }
    case 'Binary': {
      const p = prec(e);
      const l = e.left ? wrap(e.left, p, indent, width, false) : '';
      const r = e.right ? wrap(e.right, p, indent, width, true) : '';
      return `${l} ${e.op} ${r}`;
    }
    case 'If':
      return `if ${printExpr(e.cond, indent, width)} then ${printExpr(e.then, indent, width)} else ${printExpr(e.else, indent, width)}`;
    case 'Call':
      return `${e.fn.text}(${e.args.map((a) => printExpr(a, indent, width)).join(', ')})`;
    case 'Match':
      return arms('match', printExpr(e.subject, indent, width), e.arms.map((a) => matchArm(a, indent)), indent, width);
    case 'Band':
      return arms('band', printExpr(e.subject, indent, width), e.arms.map((a) => bandArm(a, indent)), indent, width);
  }
}

function wrap(child: Expr, parent: number, indent: string, width: number, right: boolean): string {
  const p = prec(child);
  const text = printExpr(child, indent, width);
  // Same precedence on the right keeps its parentheses: `a - (b - c)` must not become `a - b - c`.
  return p < parent || (right && p === parent && child.kind === 'Binary') ? `(${text})` : text;
}

function matchArm(a: MatchArm, indent: string): string {
  return `${a.otherwise ? 'otherwise' : a.value ? printLiteral(a.value) : ''} => ${printExpr(a.result, indent + '  ')}`;
}

function bandArm(a: BandArm, indent: string): string {
  return `${a.otherwise ? 'otherwise' : `${a.op ?? '<='} ${a.bound?.text ?? ''}`} => ${printExpr(a.result, indent + '  ')}`;
}

function arms(keyword: string, subject: string, items: string[], indent: string, width: number): string {
  const inline = `${keyword} ${subject} { ${items.join(', ')} }`;
  if (displayWidth(inline) <= width && !inline.includes('\n')) return inline;
  return `${keyword} ${subject} {\n${items.map((i) => `${indent}  ${i},`).join('\n')}\n${indent}}`;
}
