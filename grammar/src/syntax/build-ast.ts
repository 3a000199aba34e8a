/**
 * CST → AST. The CST comes from a recovering parser, so no child is assumed present: every builder
 * reads children in source order and leaves out what is missing.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { RubricCstNode } from '../parser/parser.js';
import type * as A from './ast.js';
import type { Span } from './diagnostic.js';

type Child = { key: string; el: CstElement };

function isToken(el: CstElement): el is IToken {
  return (el as IToken).image !== undefined;
}

function virtual(t: IToken): boolean {
  return t.isInsertedInRecovery === true || Number.isNaN(t.startOffset);
}

function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/*
 * Spans come from the parser, which keeps on each CST node where its first real token starts and its last
 * real token ends, as it consumes them (RubricParser, `RubricCstNode`): -1 when recovery left nothing real.
 */

/** Where the first real token under an element starts, or -1 when there is none. */
function startOf(el: CstElement): number {
  return isToken(el) ? (virtual(el) ? -1 : el.startOffset) : (el as RubricCstNode).start;
}

/** The span of everything real under a node; an empty span at `fallback` when nothing is. */
function nodeSpan(node: CstNode, fallback = 0): Span {
  const n = node as RubricCstNode;
  return n.start < 0 ? { start: fallback, end: fallback } : { start: n.start, end: n.end };
}

/** Where a child sorts among its siblings: its first real token, or after everything when it has none. */
function position(el: CstElement): number {
  const s = startOf(el);
  return s < 0 ? Infinity : s;
}

/** A node's children in source order (stable: children with no real token go last, in key order). */
function ordered(node: CstNode): Child[] {
  const out: Child[] = [];
  const pos: number[] = [];
  for (const key in node.children) {
    for (const el of node.children[key]!) { out.push({ key, el }); pos.push(position(el)); }
  }
  if (out.length < 2) return out;
  const index = out.map((_, i) => i).sort((a, b) => pos[a]! - pos[b]!);
  return index.map((i) => out[i]!);
}

/** The first of a node's children in source order (`ordered(node)[0]`), without sorting them. */
function firstChild(node: CstNode): Child | undefined {
  let best: Child | undefined;
  let bestPos = Infinity;
  for (const key in node.children) {
    const list = node.children[key]!;
    for (let i = 0; i < list.length; i++) {
      const el = list[i]!;
      if (!best) { best = { key, el }; bestPos = position(el); continue; }
      const p = position(el);
      if (p < bestPos) { best = { key, el }; bestPos = p; }
    }
  }
  return best;
}

function tok(node: CstNode, key: string, index = 0): IToken | undefined {
  const t = node.children[key]?.[index];
  return t && isToken(t) && !virtual(t) ? t : undefined;
}

function sub(node: CstNode, key: string, index = 0): CstNode | undefined {
  const n = node.children[key]?.[index];
  return n && !isToken(n) ? n : undefined;
}

const NONE: readonly CstNode[] = [];

/** The nodes of a rule under a node: a rule's key only ever holds nodes (token keys are token names). */
function subs(node: CstNode, key: string): readonly CstNode[] {
  return (node.children[key] as CstNode[] | undefined) ?? NONE;
}

function name(t: IToken | undefined): A.Name | undefined {
  return t ? { text: t.image, span: tokenSpan(t) } : undefined;
}

/** A text token's value; an unclosed text (UnclosedString, already reported) has no closing quote to drop. */
export function unquote(t: IToken): string {
  return t.image.slice(1, t.tokenType.name === 'UnclosedString' ? undefined : -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function str(t: IToken | undefined): A.StringLit | undefined {
  return t ? { value: unquote(t), span: tokenSpan(t) } : undefined;
}

function num(node: CstNode | undefined): A.NumberLit | undefined {
  if (!node) return undefined;
  const n = tok(node, 'NumberLiteral');
  if (!n) return undefined;
  const minus = tok(node, 'Minus');
  return { text: (minus ? '-' : '') + n.image, span: nodeSpan(node) };
}

function path(node: CstNode | undefined): A.Path | undefined {
  if (!node) return undefined;
  const parts: A.Name[] = [];
  const first = name(tok(node, 'Identifier'));
  if (first) parts.push(first);
  for (const n of subs(node, 'name')) {
    const t = tok(n, 'Identifier') ?? tok(n, 'Keyword') ?? firstToken(n);
    const nm = name(t);
    if (nm) parts.push(nm);
  }
  if (parts.length === 0) return undefined;
  return { parts, text: parts.map((p) => p.text).join('.'), span: nodeSpan(node) };
}

/** The first real token directly under a node, in source order. */
function firstToken(node: CstNode): IToken | undefined {
  let first: IToken | undefined;
  for (const key in node.children) {
    for (const el of node.children[key]!) {
      if (isToken(el) && !virtual(el) && (!first || el.startOffset < first.startOffset)) first = el;
    }
  }
  return first;
}

/** Nodes in source order, stable (as `ordered` sorts them). */
function byPosition(nodes: readonly CstNode[]): readonly CstNode[] {
  if (nodes.length < 2) return nodes;
  const pos = nodes.map(position);
  return nodes.map((_, i) => i).sort((a, b) => pos[a]! - pos[b]!).map((i) => nodes[i]!);
}

export function buildFile(cst: CstNode, textLength: number): A.FileNode {
  const items: A.TopItem[] = [];
  for (const top of subs(cst, 'topItem')) {
    const inner = firstChild(top);
    if (!inner || isToken(inner.el)) continue;
    const item = buildTop(inner.key, inner.el);
    if (item) items.push(item);
  }
  return { kind: 'File', items, span: { start: 0, end: textLength } };
}

function buildTop(key: string, n: CstNode): A.TopItem | undefined {
  switch (key) {
    case 'evaluationDecl':
      return {
        kind: 'Evaluation', span: nodeSpan(n), keyword: tokenSpan(tok(n, 'Kw_evaluation') ?? fake(n)),
        id: name(tok(n, 'Identifier')), label: str(tok(n, 'StringLiteral')), settings: subs(n, 'setting').map(setting),
      };
    case 'previewDecl':
      return {
        kind: 'Preview', span: nodeSpan(n), keyword: tokenSpan(tok(n, 'Kw_preview') ?? fake(n)),
        entries: subs(n, 'previewEntry').map((e) => ({
          key: name(tok(e, 'Kw_evidence') ?? tok(e, 'Identifier')) ?? { text: '', span: nodeSpan(e) },
          value: str(tok(e, 'StringLiteral')), span: nodeSpan(e),
        })),
      };
    case 'evidenceBlock':
      return { kind: 'Evidence', span: nodeSpan(n), keyword: tokenSpan(tok(n, 'Kw_evidence') ?? fake(n)), fields: subs(n, 'fieldDecl').map(field) };
    case 'gradesBlock':
      return {
        kind: 'Grades', span: nodeSpan(n), keyword: tokenSpan(tok(n, 'Kw_grades') ?? fake(n)),
        grades: subs(n, 'gradeDecl').flatMap((g): A.GradeDecl[] => {
          const nm = name(tok(g, 'Identifier'));
          if (!nm) return [];
          return [{ kind: 'Grade', name: nm, threshold: num(sub(g, 'signedNumber')), otherwise: !!tok(g, 'Kw_otherwise'), span: nodeSpan(g) }];
        }),
      };
    case 'groupDecl':
      return { kind: 'Group', span: nodeSpan(n), id: name(tok(n, 'Identifier')), label: str(tok(n, 'StringLiteral')), by: path(sub(n, 'path')) };
    case 'scenarioDecl':
      return { kind: 'Scenario', span: nodeSpan(n), id: name(tok(n, 'Identifier')), label: str(tok(n, 'StringLiteral')), observed: !!tok(n, 'Kw_observed') };
    case 'indicatorDecl':
      return indicator(n);
    case 'findingDecl':
      return findingDecl(n);
    case 'testDecl':
      return test(n);
    case 'uncertaintyDecl':
      return { kind: 'Uncertainty', span: nodeSpan(n), keyword: tokenSpan(tok(n, 'Kw_uncertainty') ?? fake(n)), settings: subs(n, 'setting').map(setting) };
    default:
      return undefined;
  }
}

function fake(n: CstNode): IToken {
  const s = nodeSpan(n);
  return { image: '', startOffset: s.start, endOffset: s.start - 1 } as IToken;
}

function setting(n: CstNode): A.Setting {
  const nums = subs(n, 'signedNumber');
  return {
    name: name(tok(n, 'Identifier')) ?? { text: '', span: nodeSpan(n) },
    value: num(nums[0]), upTo: tok(n, 'DotDot') ? num(nums[1]) : undefined,
    mode: name(tok(n, 'HalfUp')), span: nodeSpan(n),
  };
}

function field(n: CstNode): A.FieldDecl {
  const typeNode = sub(n, 'typeRef');
  let type: A.TypeRef | undefined;
  if (typeNode) {
    const tn = name(tok(typeNode, 'Identifier'));
    if (tn) {
      type = {
        name: tn, span: nodeSpan(typeNode),
        values: tok(typeNode, 'LParen') ? subs(typeNode, 'name').flatMap((v) => {
          const t = name(firstToken(v));
          return t ? [t] : [];
        }) : undefined,
      };
    }
  }
  const constraints: A.FieldConstraint[] = [];
  let missing: A.Name | undefined;
  for (const o of subs(n, 'fieldOption')) {
    const nums = subs(o, 'signedNumber');
    const span = nodeSpan(o);
    if (tok(o, 'Kw_missing')) missing = name(tok(o, 'Identifier')) ?? { text: '', span };
    else if (tok(o, 'Ge')) { const v = num(nums[0]); if (v) constraints.push({ op: '>=', value: v, span }); }
    else if (tok(o, 'Le')) { const v = num(nums[0]); if (v) constraints.push({ op: '<=', value: v, span }); }
    else { const lo = num(nums[0]); const hi = num(nums[1]); if (lo && hi) constraints.push({ op: 'range', lo, hi, span }); }
  }
  return { kind: 'Field', span: nodeSpan(n), path: path(sub(n, 'path')), type, constraints, missing, description: str(tok(n, 'StringLiteral')) };
}

function indicator(n: CstNode): A.IndicatorDecl {
  const ids = n.children['Identifier'] ?? [];
  const realIds = ids.filter((t): t is IToken => isToken(t) && !virtual(t));
  const scenarioKw = tok(n, 'Kw_scenario');
  let id: A.Name | undefined;
  let scenario: A.Name | undefined;
  for (const t of realIds) {
    if (scenarioKw && t.startOffset > scenarioKw.startOffset && !scenario) scenario = name(t);
    else if (!id) id = name(t);
  }
  const open = tok(n, 'LBrace');
  const span = nodeSpan(n);
  const items: A.IndicatorItem[] = [];
  for (const it of subs(n, 'indicatorItem')) {
    const inner = firstChild(it);
    if (!inner || isToken(inner.el)) continue;
    const built = indicatorItem(inner.key, inner.el);
    if (built) items.push(built);
  }
  const observed = tok(n, 'Kw_observed');
  return {
    kind: 'Indicator', span, id, label: str(tok(n, 'StringLiteral')), weight: num(sub(n, 'signedNumber')),
    observed: observed ? tokenSpan(observed) : undefined, scenario,
    header: { start: span.start, end: open ? open.startOffset : span.end }, items,
  };
}

function indicatorItem(key: string, n: CstNode): A.IndicatorItem | undefined {
  const span = nodeSpan(n);
  switch (key) {
    case 'indicatorDecl':
      return indicator(n);
    case 'scoreRule':
      return { kind: 'Score', span, expr: expr(sub(n, 'expression')) };
    case 'checkRule':
      return { kind: 'Check', span, cond: expr(sub(n, 'expression')), finding: findingRef(sub(n, 'findingRef')) };
    case 'startRule':
      return { kind: 'Start', span, value: num(sub(n, 'signedNumber')) };
    case 'adjustRule': {
      const exprs = byPosition(subs(n, 'expression'));
      const perTok = tok(n, 'Kw_per');
      const whenTok = tok(n, 'Kw_when');
      const exprAfter = (t: IToken | undefined): A.Expr | undefined => {
        if (!t) return undefined;
        const c = exprs.find((e) => position(e) > t.startOffset
          && (t === perTok && whenTok ? nodeSpan(e).start < whenTok.startOffset : true));
        return c ? expr(c) : undefined;
      };
      const nums = subs(n, 'signedNumber');
      return {
        kind: 'Adjust', span, op: tok(n, 'Kw_add') ? 'add' : 'deduct', points: num(nums[0]),
        per: exprAfter(perTok), max: tok(n, 'Identifier') ? num(nums[1]) : undefined, when: exprAfter(whenTok),
        finding: findingRef(sub(n, 'findingRef')),
      };
    }
    case 'findingDecl':
      return findingDecl(n);
    default:
      return undefined;
  }
}

function findingRef(n: CstNode | undefined): A.FindingRef | undefined {
  if (!n) return undefined;
  const ids = (n.children['Identifier'] ?? []).filter((t): t is IToken => isToken(t) && !virtual(t));
  return { span: nodeSpan(n), id: name(ids[0]), message: str(tok(n, 'StringLiteral')), good: ids[1]?.image === 'good' };
}

function findingDecl(n: CstNode): A.FindingDecl {
  const ref = findingRef(n)!;
  return { kind: 'Finding', span: ref.span, id: ref.id, message: ref.message, good: ref.good, when: expr(sub(n, 'expression')) };
}

function literal(n: CstNode | undefined): A.Literal | undefined {
  if (!n) return undefined;
  const span = nodeSpan(n);
  const sn = sub(n, 'signedNumber');
  if (sn) { const v = num(sn); return v ? { kind: 'number', text: v.text, span } : undefined; }
  const s = tok(n, 'StringLiteral');
  if (s) return { kind: 'string', value: unquote(s), span };
  if (tok(n, 'Kw_true')) return { kind: 'bool', value: true, span };
  if (tok(n, 'Kw_false')) return { kind: 'bool', value: false, span };
  const id = tok(n, 'Identifier');
  if (id) return { kind: 'name', text: id.image, span };
  return undefined;
}

function test(n: CstNode): A.TestDecl {
  const strings = (n.children['StringLiteral'] ?? []).filter((t): t is IToken => isToken(t) && !virtual(t));
  const given: A.GivenEntry[] = [];
  for (const g of subs(n, 'givenBlock')) {
    for (const e of subs(g, 'givenEntry')) given.push({ span: nodeSpan(e), path: path(sub(e, 'path')), value: literal(sub(e, 'literal')) });
  }
  const expects: A.ExpectStmt[] = subs(n, 'expectStmt').map((e) => {
    const span = nodeSpan(e);
    const seq = ordered(e);
    const second = seq[1]?.el;
    const negated = !!second && isToken(second) && second.image === 'no' && seq[1]!.key === 'Identifier';
    const cmp = sub(e, 'comparison');
    const op = cmp ? (firstToken(cmp)?.image as A.CompareOp | undefined) : undefined;
    if (tok(e, 'Kw_finding')) {
      const ids = (e.children['Identifier'] ?? []).filter((t): t is IToken => isToken(t) && !virtual(t));
      return { span, negated, finding: { id: name(negated ? ids[1] : ids[0]) } };
    }
    const scoreKw = tok(e, 'Kw_score');
    const paths = subs(e, 'path').map(path);
    const subject = scoreKw ? { parts: [{ text: 'score', span: tokenSpan(scoreKw) }], text: 'score', span: tokenSpan(scoreKw) } : paths[0];
    return { span, negated, subject, op, value: literal(sub(e, 'literal')), target: scoreKw ? undefined : paths[1] };
  });
  return {
    kind: 'Test', span: nodeSpan(n), name: str(strings[0]), extends: tok(n, 'Kw_extends') ? str(strings[1]) : undefined, given, expects,
  };
}

// ---- expressions ----

function expr(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  switch (n.name) {
    case 'expression':
      return binaryChain(n, 'andExpr', () => 'or');
    case 'andExpr':
      return binaryChain(n, 'notExpr', () => 'and');
    case 'notExpr': {
      const notTok = tok(n, 'Kw_not');
      if (notTok) return { kind: 'Unary', op: 'not', operand: expr(sub(n, 'notExpr')), span: nodeSpan(n) };
      return expr(sub(n, 'compareExpr'));
    }
    case 'compareExpr': {
      const sides = subs(n, 'addExpr');
      const cmp = sub(n, 'comparison');
      if (!cmp) return expr(sides[0]);
      const opTok = firstToken(cmp);
      return {
        kind: 'Binary', op: (opTok?.image ?? '==') as A.BinaryOp, left: expr(sides[0]), right: expr(sides[1]),
        opSpan: opTok ? tokenSpan(opTok) : nodeSpan(cmp), span: nodeSpan(n),
      };
    }
    case 'addExpr':
      return binaryChain(n, 'mulExpr', (t) => t.image as A.BinaryOp);
    case 'mulExpr':
      return binaryChain(n, 'unaryExpr', (t) => t.image as A.BinaryOp);
    case 'unaryExpr': {
      if (tok(n, 'Minus')) return { kind: 'Unary', op: '-', operand: expr(sub(n, 'unaryExpr')), span: nodeSpan(n) };
      return expr(sub(n, 'primary'));
    }
    case 'primary':
      return primary(n);
    default:
      return undefined;
  }
}

/** Left-associative chains: operands and operators interleave in source order. */
function binaryChain(n: CstNode, operandKey: string, opOf: (t: IToken) => A.BinaryOp): A.Expr | undefined {
  const operands = subs(n, operandKey);
  // Most levels of the precedence ladder hold a single operand (`a * b` is an addExpr of one mulExpr):
  // with one operand the chain is that operand, whatever tokens recovery left around it.
  if (operands.length < 2) return operands.length ? expr(operands[0]) : undefined;
  const seq = ordered(n);
  let acc: A.Expr | undefined;
  let pending: IToken | undefined;
  let first = true;
  for (const c of seq) {
    if (isToken(c.el)) { if (!virtual(c.el)) pending = c.el; continue; }
    if (c.key !== operandKey) continue;
    const operand = expr(c.el);
    if (first) { acc = operand; first = false; continue; }
    const op = pending ? opOf(pending) : ('+' as A.BinaryOp);
    const start = acc?.span.start ?? operand?.span.start ?? 0;
    const end = operand?.span.end ?? acc?.span.end ?? start;
    acc = { kind: 'Binary', op, left: acc, right: operand, opSpan: pending ? tokenSpan(pending) : { start, end: start }, span: { start, end } };
    pending = undefined;
  }
  return acc;
}

function primary(n: CstNode): A.Expr | undefined {
  const span = nodeSpan(n);
  const numTok = tok(n, 'NumberLiteral');
  if (numTok) return { kind: 'Number', text: numTok.image, span };
  if (tok(n, 'Kw_true')) return { kind: 'Bool', value: true, span };
  if (tok(n, 'Kw_false')) return { kind: 'Bool', value: false, span };
  const s = tok(n, 'StringLiteral');
  if (s) return { kind: 'String', value: unquote(s), span };
  const inner = sub(n, 'expression');
  if (inner) { const e = expr(inner); return e ? { ...e, span } : undefined; }
  const ife = sub(n, 'ifExpr');
  if (ife) {
    const parts = subs(ife, 'expression');
    return { kind: 'If', cond: expr(parts[0]), then: expr(parts[1]), else: expr(parts[2]), span: nodeSpan(ife) };
  }
  const m = sub(n, 'matchExpr');
  if (m) {
    return {
      kind: 'Match', subject: expr(sub(m, 'addExpr')), span: nodeSpan(m),
      arms: subs(m, 'matchArm').map((a) => ({
        span: nodeSpan(a), otherwise: !!tok(a, 'Kw_otherwise'), value: literal(sub(a, 'literal')), result: expr(sub(a, 'expression')),
      })),
    };
  }
  const b = sub(n, 'bandExpr');
  if (b) {
    return {
      kind: 'Band', subject: expr(sub(b, 'addExpr')), span: nodeSpan(b),
      arms: subs(b, 'bandArm').map((a) => ({
        span: nodeSpan(a), otherwise: !!tok(a, 'Kw_otherwise'), op: tok(a, 'Le') ? '<=' as const : tok(a, 'Lt') ? '<' as const : undefined,
        bound: num(sub(a, 'signedNumber')), result: expr(sub(a, 'expression')),
      })),
    };
  }
  const c = sub(n, 'call');
  if (c) {
    const fn = name(tok(c, 'Identifier'));
    return fn ? { kind: 'Call', fn, args: subs(c, 'expression').flatMap((a) => { const e = expr(a); return e ? [e] : []; }), span: nodeSpan(c) } : undefined;
  }
  const p = path(sub(n, 'path'));
  if (p) return { kind: 'Ref', path: p, span: p.span };
  return undefined;
}
