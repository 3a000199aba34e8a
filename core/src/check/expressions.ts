/**
 * Types and resolves expressions, and bounds them by interval analysis. Each check reports once, at the
 * innermost place, and returns an `error`-typed node so outer checks stay quiet.
 */
import type { Expr, Fix, Literal, Span } from '@rubric/grammar';
import { Q, type Rational } from '../numeric/exact.js';
import type { Field, TExpr, ValueType } from '../model/model.js';
import { Code } from './codes.js';
import { didYouMean, suggest, type CheckContext } from './context.js';
import * as I from './interval.js';

export interface Typed {
  e: TExpr;
  iv: I.Interval;
}

export interface ExprEnv {
  ctx: CheckContext;
  /** Fields this expression reads, collected for missing-evidence policies. */
  reads: Set<string>;
  /** Narrowed intervals of fields inside `if … then` branches, so guarded divisions are accepted. */
  narrowed: Map<string, I.Interval>;
  /** A fix that declares an unknown field in the evidence block. */
  declareField: (path: string, type: string) => Fix | undefined;
}

const err = (span: Span): Typed => ({ e: { k: 'num', value: Q.ZERO, type: 'error', span }, iv: I.UNBOUNDED });

export function fieldInterval(f: Field): I.Interval {
  switch (f.type.kind) {
    case 'ratio': return { lo: Q.ZERO, hi: Q.ONE };
    case 'count': return { lo: Q.ZERO, hi: null };
    case 'number': return { lo: f.type.min ?? null, hi: f.type.max ?? null };
    default: return I.UNBOUNDED;
  }
}

export function valueTypeOf(f: Field): ValueType {
  switch (f.type.kind) {
    case 'bool': return 'bool';
    case 'enum': return 'enum';
    case 'text': return 'text';
    default: return 'number';
  }
}

const typeName: Record<ValueType, string> = { number: 'a number', bool: 'a condition (true/false)', enum: 'an enum value', text: 'a text', error: 'an error' };

export function typeExpr(x: Expr | undefined, env: ExprEnv, at: Span): Typed {
  if (!x) return err(at);
  switch (x.kind) {
    case 'Number': {
      const v = Q.parse(x.text);
      return { e: { k: 'num', value: v, type: 'number', span: x.span }, iv: I.point(v) };
    }
    case 'Bool':
      return { e: { k: 'bool', value: x.value, type: 'bool', span: x.span }, iv: I.UNBOUNDED };
    case 'String':
      return { e: { k: 'text', value: x.value, type: 'text', span: x.span }, iv: I.UNBOUNDED };
    case 'Ref':
      return ref(x.path.text, x.span, env);
    case 'Unary': {
      const o = typeExpr(x.operand, env, x.span);
      if (x.op === 'not') {
        expect(o, 'bool', env, '`not` needs a condition');
        return { e: { k: 'not', e: o.e, type: 'bool', span: x.span }, iv: I.UNBOUNDED };
      }
      expect(o, 'number', env, 'a minus sign needs a number');
      return { e: { k: 'neg', e: o.e, type: 'number', span: x.span }, iv: I.neg(o.iv) };
    }
    case 'Binary':
      return binary(x, env);
    case 'If': {
      const c = typeExpr(x.cond, env, x.span);
      expect(c, 'bool', env, 'the condition of `if` must be true or false');
      // `then` learns from the condition holding, `else` from it failing (`if n == 0 then 0 else a / n`).
      const saved = new Map(env.narrowed);
      narrow(c.e, env, true);
      const t = typeExpr(x.then, env, x.span);
      restore(env, saved);
      narrow(c.e, env, false);
      const e = typeExpr(x.else, env, x.span);
      restore(env, saved);
      const type = sameType(t, e, env, x.span, 'the two branches of `if`');
      return { e: { k: 'if', c: c.e, t: t.e, e: e.e, type, span: x.span }, iv: I.hull(t.iv, e.iv) };
    }
    case 'Call':
      return call(x, env);
    case 'Match':
      return match(x, env);
    case 'Band':
      return band(x, env);
  }
}

function ref(path: string, span: Span, env: ExprEnv): Typed {
  const f = env.ctx.fields.get(path);
  if (!f) {
    const options = suggest(path, env.ctx.fields.keys());
    const fix = env.declareField(path, 'number');
    env.ctx.error(Code.UnknownField, span, `Unknown evidence field \`${path}\`.${didYouMean(options)} Declare it in the \`evidence\` block, or correct the name.`, fix ? [fix] : undefined);
    return err(span);
  }
  env.reads.add(path);
  env.ctx.usedFields.add(path);
  env.ctx.symbol('field', path, span);
  const iv = env.narrowed.get(path) ?? fieldInterval(f);
  return { e: { k: 'field', path, type: valueTypeOf(f), span }, iv };
}

function expect(t: Typed, want: ValueType, env: ExprEnv, what: string): boolean {
  if (t.e.type === 'error' || t.e.type === want) return true;
  env.ctx.error(Code.TypeMismatch, t.e.span, `${capital(what)}, but this is ${typeName[t.e.type]}: write ${typeName[want]} here.`);
  return false;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sameType(a: Typed, b: Typed, env: ExprEnv, span: Span, what: string): ValueType {
  if (a.e.type === 'error' || b.e.type === 'error') return 'error';
  if (a.e.type !== b.e.type) {
    env.ctx.error(Code.TypeMismatch, span, `${capital(what)} must have the same type: one is ${typeName[a.e.type]}, the other ${typeName[b.e.type]}.`);
    return 'error';
  }
  return a.e.type;
}

/** Names on the other side of a comparison with an enum are its values, not fields. */
function enumField(t: Typed, env: ExprEnv): Field | undefined {
  if (t.e.k !== 'field') return undefined;
  const f = env.ctx.fields.get(t.e.path);
  return f?.type.kind === 'enum' ? f : undefined;
}

function enumLiteral(x: Expr | undefined, field: Field, env: ExprEnv): Typed | undefined {
  if (!x || x.kind !== 'Ref' || x.path.parts.length !== 1 || env.ctx.fields.has(x.path.text)) return undefined;
  const value = x.path.text;
  const values = field.type.kind === 'enum' ? field.type.values : [];
  if (!values.includes(value)) {
    env.ctx.error(Code.EnumValue, x.span, `\`${field.path}\` has no value \`${value}\`: use one of its values, ${values.map((v) => `\`${v}\``).join(', ')}.${didYouMean(suggest(value, values))}`);
    return err(x.span);
  }
  env.ctx.symbol('enumValue', `${field.path}=${value}`, x.span);
  return { e: { k: 'enumLit', value, type: 'enum', span: x.span }, iv: I.UNBOUNDED };
}

function binary(x: Extract<Expr, { kind: 'Binary' }>, env: ExprEnv): Typed {
  const { op } = x;
  if (op === 'and' || op === 'or') {
    const l = typeExpr(x.left, env, x.span);
    const r = typeExpr(x.right, env, x.span);
    expect(l, 'bool', env, `\`${op}\` joins conditions`);
    expect(r, 'bool', env, `\`${op}\` joins conditions`);
    return { e: { k: 'logic', op, l: l.e, r: r.e, type: 'bool', span: x.span }, iv: I.UNBOUNDED };
  }
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    // Resolve enum literals against the enum field on the other side.
    let l: Typed | undefined;
    let r: Typed | undefined;
    if (x.left?.kind === 'Ref' && env.ctx.fields.has(x.left.path.text)) l = typeExpr(x.left, env, x.span);
    if (x.right?.kind === 'Ref' && env.ctx.fields.has(x.right.path.text)) r = typeExpr(x.right, env, x.span);
    if (l && !r) { const f = enumField(l, env); if (f) r = enumLiteral(x.right, f, env); }
    if (r && !l) { const f = enumField(r, env); if (f) l = enumLiteral(x.left, f, env); }
    l ??= typeExpr(x.left, env, x.span);
    r ??= typeExpr(x.right, env, x.span);
    const type = sameType(l, r, env, x.span, `the two sides of \`${op}\``);
    if ((op !== '==' && op !== '!=') && type !== 'number' && type !== 'error') {
      env.ctx.error(Code.TypeMismatch, x.opSpan, `\`${op}\` compares numbers; use \`==\` or \`!=\` for ${typeName[type]}.`);
    }
    if (type === 'enum' && l.e.k === 'field' && r.e.k === 'field') {
      const lf = env.ctx.fields.get(l.e.path);
      const rf = env.ctx.fields.get(r.e.path);
      if (lf && rf && JSON.stringify(lf.type) !== JSON.stringify(rf.type)) {
        env.ctx.error(Code.TypeMismatch, x.span, `\`${l.e.path}\` and \`${r.e.path}\` are different enums and can never be equal: compare each with one of its own values.`);
      }
    }
    return { e: { k: 'cmp', op, l: l.e, r: r.e, type: 'bool', span: x.span }, iv: I.UNBOUNDED };
  }
  const l = typeExpr(x.left, env, x.span);
  const r = typeExpr(x.right, env, x.span);
  const lok = expect(l, 'number', env, `\`${op}\` needs numbers`);
  const rok = expect(r, 'number', env, `\`${op}\` needs numbers`);
  // Reported once, here: an error-typed result keeps the checks around it (the scale proof) quiet.
  if (!lok || !rok) return err(x.span);
  let iv: I.Interval;
  switch (op) {
    case '+': iv = I.add(l.iv, r.iv); break;
    case '-': iv = I.sub(l.iv, r.iv); break;
    case '*': iv = I.mul(l.iv, r.iv); break;
    default:
      if (r.e.type === 'number' && I.containsZero(r.iv)) {
        env.ctx.error(Code.DivisionByZero, r.e.span, `This divisor can be zero (it ranges over ${I.show(r.iv)}). Guard it, e.g. \`if ${env.ctx.source(r.e.span)} > 0 then … else …\`, or divide by \`max(${env.ctx.source(r.e.span)}, 1)\`.`);
      }
      iv = I.div(l.iv, r.iv);
  }
  return { e: { k: 'arith', op, l: l.e, r: r.e, type: 'number', span: x.span }, iv };
}

function restore(env: ExprEnv, saved: Map<string, I.Interval>): void {
  env.narrowed.clear();
  for (const [k, v] of saved) env.narrowed.set(k, v);
}

type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
const FLIPPED = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' } as const;
const NEGATED = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' } as const;

/**
 * Learns from a condition that holds (`holds`) or fails: `f > 0`, `f >= k`, `f != 0`, `f == k` and their
 * negations, through `not`, `and` (when it holds) and `or` (when it fails).
 */
function narrow(c: TExpr, env: ExprEnv, holds: boolean): void {
  if (c.k === 'not') {
    narrow(c.e, env, !holds);
    return;
  }
  if (c.k === 'logic') {
    // `a and b` holding, or `a or b` failing, says something of each side; the other two cases do not.
    if ((c.op === 'and') === holds) {
      narrow(c.l, env, holds);
      narrow(c.r, env, holds);
    }
    return;
  }
  if (c.k !== 'cmp') return;
  let { l, r, op } = c;
  if (l.k !== 'field' && r.k === 'field') {
    [l, r] = [r, l];
    op = FLIPPED[op];
  }
  if (l.k !== 'field' || r.k !== 'num') return;
  narrowField(l.path, holds ? op : NEGATED[op], r.value, env);
}

/** Narrows a number field's interval by `field op k`. */
function narrowField(path: string, op: CmpOp, k: Rational, env: ExprEnv): void {
  const f = env.ctx.fields.get(path);
  if (!f || valueTypeOf(f) !== 'number') return;
  const cur = env.narrowed.get(path) ?? fieldInterval(f);
  const tiny: Rational = [1n, 10n ** 12n];
  const keep = cur.nonZero ? { nonZero: true as const } : {};
  let next = cur;
  if (op === '>') next = { lo: cur.lo && Q.cmp(cur.lo, k) > 0 ? cur.lo : Q.add(k, tiny), hi: cur.hi, ...keep };
  else if (op === '>=') next = { lo: cur.lo && Q.cmp(cur.lo, k) > 0 ? cur.lo : k, hi: cur.hi, ...keep };
  else if (op === '<') next = { lo: cur.lo, hi: cur.hi && Q.cmp(cur.hi, k) < 0 ? cur.hi : Q.sub(k, tiny), ...keep };
  else if (op === '<=') next = { lo: cur.lo, hi: cur.hi && Q.cmp(cur.hi, k) < 0 ? cur.hi : k, ...keep };
  else if (op === '!=' && Q.cmp(k, Q.ZERO) === 0) {
    // Excluding zero is what a guard before a division means: a bound at zero moves off it; a range on
    // both sides of zero keeps its bounds and is only marked as never zero.
    if (cur.lo && Q.cmp(cur.lo, Q.ZERO) === 0) next = { lo: tiny, hi: cur.hi };
    else if (cur.hi && Q.cmp(cur.hi, Q.ZERO) === 0) next = { lo: cur.lo, hi: Q.neg(tiny) };
    else if (I.containsZero(cur)) next = { lo: cur.lo, hi: cur.hi, nonZero: true };
  } else if (op === '==') next = I.point(k);
  env.narrowed.set(path, next);
}

function call(x: Extract<Expr, { kind: 'Call' }>, env: ExprEnv): Typed {
  const fn = x.fn.text;
  if (fn !== 'min' && fn !== 'max' && fn !== 'clamp') {
    env.ctx.error(Code.UnknownFunction, x.fn.span, `Unknown function \`${fn}\`; the functions are \`min(…)\`, \`max(…)\` and \`clamp(x, lo, hi)\`.`);
    return err(x.span);
  }
  const args = x.args.map((a) => typeExpr(a, env, x.span));
  args.forEach((a) => expect(a, 'number', env, `\`${fn}\` takes numbers`));
  if (fn === 'clamp' && args.length !== 3) {
    env.ctx.error(Code.TypeMismatch, x.span, `\`clamp\` takes three numbers: \`clamp(x, lo, hi)\`.`);
    return err(x.span);
  }
  if (fn !== 'clamp' && args.length < 2) {
    env.ctx.error(Code.TypeMismatch, x.span, `\`${fn}\` takes at least two numbers: \`${fn}(a, b, …)\`.`);
    return err(x.span);
  }
  let iv: I.Interval;
  if (fn === 'clamp') iv = I.min(I.max(args[0]!.iv, args[1]!.iv), args[2]!.iv);
  else iv = args.map((a) => a.iv).reduce(fn === 'min' ? I.min : I.max);
  return { e: { k: 'call', fn, args: args.map((a) => a.e), type: 'number', span: x.span }, iv };
}

function literalValue(lit: Literal | undefined): string | boolean | undefined {
  if (!lit) return undefined;
  if (lit.kind === 'bool') return lit.value;
  if (lit.kind === 'name') return lit.text;
  if (lit.kind === 'string') return lit.value;
  return lit.text;
}

function match(x: Extract<Expr, { kind: 'Match' }>, env: ExprEnv): Typed {
  const subject = typeExpr(x.subject, env, x.span);
  const field = x.subject?.kind === 'Ref' ? env.ctx.fields.get(x.subject.path.text) : undefined;
  const values: (string | boolean)[] | undefined = field?.type.kind === 'enum' ? field.type.values : field?.type.kind === 'bool' ? [true, false] : undefined;
  if (subject.e.type !== 'error' && !values) {
    env.ctx.error(Code.MatchSubject, subject.e.span, '`match` chooses by an enum or bool field; for numbers use `band`.');
  }
  const arms: { value: string | boolean; result: TExpr }[] = [];
  let otherwise: Typed | undefined;
  const seen = new Set<string | boolean>();
  let resultType: ValueType | undefined;
  let iv: I.Interval | undefined;
  const results: Typed[] = [];
  for (const arm of x.arms) {
    const result = typeExpr(arm.result, env, arm.span);
    results.push(result);
    iv = iv ? I.hull(iv, result.iv) : result.iv;
    if (result.e.type !== 'error') {
      if (resultType && resultType !== 'error' && resultType !== result.e.type) {
        env.ctx.error(Code.TypeMismatch, result.e.span, `Every case of \`match\` must give the same type; this one gives ${typeName[result.e.type]}, the cases before it ${typeName[resultType]}: change it.`);
      } else resultType ??= result.e.type;
    }
    if (arm.otherwise) {
      if (otherwise) env.ctx.error(Code.MatchDuplicate, arm.span, 'A second `otherwise` case; remove it.');
      otherwise = result;
      continue;
    }
    const v = literalValue(arm.value);
    if (v === undefined) continue;
    if (values && !values.includes(v)) {
      env.ctx.error(Code.EnumValue, arm.value!.span, `\`${field!.path}\` has no value \`${String(v)}\`: use one of its values, ${values.map((o) => `\`${String(o)}\``).join(', ')}.${didYouMean(suggest(String(v), values.map(String)))}`);
      continue;
    }
    if (seen.has(v)) {
      env.ctx.error(Code.MatchDuplicate, arm.span, `The value \`${String(v)}\` has a case already; remove this one.`);
      continue;
    }
    if (field && typeof v === 'string') env.ctx.symbol('enumValue', `${field.path}=${v}`, arm.value!.span);
    seen.add(v);
    arms.push({ value: v, result: result.e });
  }
  if (values) {
    const missing = values.filter((v) => !seen.has(v));
    if (missing.length && !otherwise) {
      const fix: Fix = { title: `Add the missing case${missing.length > 1 ? 's' : ''} (${missing.join(', ')})`, edits: [insertArms(env.ctx.text, x.span, missing.map((m) => `${String(m)} => 0`))] };
      env.ctx.error(Code.MatchExhaustive, x.span, `\`match\` misses ${missing.map((m) => `\`${String(m)}\``).join(', ')}: add ${missing.length > 1 ? 'cases for them' : 'a case'} or an \`otherwise\` case.`, [fix]);
    } else if (!missing.length && otherwise) {
      env.ctx.warning(Code.MatchUnreachable, x.arms.find((a) => a.otherwise)!.span, 'Every value already has a case, so `otherwise` never applies; remove it.');
    }
  }
  return {
    e: { k: 'match', subject: subject.e, arms, otherwise: otherwise?.e, type: resultType ?? 'error', span: x.span },
    iv: iv ?? I.UNBOUNDED,
  };
}

/**
 * Arms inserted before the closing brace of a match or band, in its own layout: after the last arm on one
 * line (`{ a => 1, b => 0 }`), or one a line at the arms' indentation.
 */
function insertArms(text: string, span: Span, arms: string[]): { span: Span; newText: string } {
  const close = span.end - 1;
  const body = text.slice(span.start, close);
  if (!body.includes('\n')) {
    let at = close;
    while (at > span.start && text[at - 1] === ' ') at--;
    const comma = /,\s*$/.test(text.slice(span.start, at)) ? ' ' : ', ';
    return { span: { start: at, end: at }, newText: `${comma}${arms.join(', ')}` };
  }
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const closeIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { span: { start: lineStart, end: lineStart }, newText: arms.map((a) => `${closeIndent}  ${a},\n`).join('') };
}

function band(x: Extract<Expr, { kind: 'Band' }>, env: ExprEnv): Typed {
  const subject = typeExpr(x.subject, env, x.span);
  expect(subject, 'number', env, '`band` looks up a number');
  const arms: { op: '<=' | '<'; bound: Rational; result: TExpr }[] = [];
  let otherwise: Typed | undefined;
  let iv: I.Interval | undefined;
  let resultType: ValueType | undefined;
  let previous: Rational | undefined;
  // Each band's result learns that the subject (a field) is within its bound and above every band before it.
  const path = subject.e.k === 'field' ? subject.e.path : undefined;
  const saved = new Map(env.narrowed);
  const below: { op: '<=' | '<'; bound: Rational }[] = [];
  for (const arm of x.arms) {
    const own = !arm.otherwise && arm.bound && arm.op ? { op: arm.op, bound: Q.parse(arm.bound.text) } : undefined;
    if (path) {
      for (const b of below) narrowField(path, NEGATED[b.op], b.bound, env);
      if (own) narrowField(path, own.op, own.bound, env);
    }
    const result = typeExpr(arm.result, env, arm.span);
    restore(env, saved);
    if (own) below.push(own);
    if (result.e.type !== 'error') {
      if (resultType && resultType !== result.e.type) env.ctx.error(Code.TypeMismatch, result.e.span, `Every band must give the same type; this one gives ${typeName[result.e.type]}, the bands before it ${typeName[resultType]}: change it.`);
      else resultType ??= result.e.type;
    }
    if (arm.otherwise) {
      if (otherwise) env.ctx.error(Code.BandOrder, arm.span, 'A second `otherwise` band; remove it.');
      otherwise = result;
      iv = iv ? I.hull(iv, result.iv) : result.iv;
      continue;
    }
    if (!arm.bound || !arm.op) continue;
    if (otherwise) env.ctx.error(Code.BandOrder, arm.span, '`otherwise` must be the last band; move it to the end.');
    const bound = own!.bound;
    const before = arms[arms.length - 1];
    if (previous && Q.cmp(bound, previous) <= 0) {
      env.ctx.error(Code.BandOrder, arm.bound.span, `Bands are written in ascending order; ${arm.bound.text} is not above the band before it: reorder the bands.`);
    } else if (subject.e.type === 'number') {
      // This band takes the values above the band before it, up to its own bound.
      const { lo, hi } = subject.iv;
      if (lo && (Q.cmp(lo, bound) > 0 || (arm.op === '<' && Q.cmp(lo, bound) === 0))) {
        env.ctx.warning(Code.BandUnreachable, arm.span, `No value reaches this band: the subject is at least ${Q.round(lo, 6)}, so it is never \`${arm.op} ${arm.bound.text}\`. Remove the band, or check the subject's range.`);
      } else if (hi && before && (Q.cmp(hi, before.bound) < 0 || (before.op === '<=' && Q.cmp(hi, before.bound) === 0))) {
        env.ctx.warning(Code.BandUnreachable, arm.span, `No value reaches this band: the subject is at most ${Q.round(hi, 6)}, which the bands before it already take. Remove the band, or check the subject's range.`);
      }
    }
    previous = bound;
    iv = iv ? I.hull(iv, result.iv) : result.iv;
    arms.push({ op: arm.op, bound, result: result.e });
  }
  const hi = subject.iv.hi;
  const lastArm = arms[arms.length - 1];
  const covered = lastArm && hi !== null && (Q.cmp(hi, lastArm.bound) < 0 || (lastArm.op === '<=' && Q.cmp(hi, lastArm.bound) === 0));
  if (!otherwise && !covered && subject.e.type === 'number') {
    const fix: Fix = { title: 'Add an `otherwise` band', edits: [insertArms(env.ctx.text, x.span, ['otherwise => 0'])] };
    env.ctx.error(Code.BandExhaustive, x.span, `Values above ${lastArm ? Q.round(lastArm.bound, 6) : 'every bound'} fall in no band${hi === null ? '' : ` (the subject reaches ${Q.round(hi, 6)})`}: add \`otherwise => …\` as the last band.`, [fix]);
  } else if (otherwise && covered) {
    env.ctx.warning(Code.BandUnreachable, x.arms.find((a) => a.otherwise)!.span, 'The bands already cover every value, so `otherwise` never applies; remove it.');
  }
  return {
    e: { k: 'band', subject: subject.e, arms, otherwise: otherwise?.e, type: resultType ?? 'error', span: x.span },
    iv: iv ?? I.UNBOUNDED,
  };
}
