/**
 * The reference semantics: one unit's evidence through the model, in exact arithmetic, by walking the
 * tree. Plain on purpose — the generated engine must agree with this to the last digit.
 */
import { Q, type Rational } from '../numeric/exact.js';
import type { AdjustRule, FindingDef, Indicator, LeafRule, Model, TExpr } from '../model/model.js';
import type { ExplainStep } from '../results/types.js';
import { readsOfRule } from '../model/reads.js';

export type Evidence = Record<string, unknown>;
type Value = Rational | boolean | string;

export interface ExactUnit {
  /** Exact value per indicator, in `model.allIndicators` order; null when excluded. */
  values: (Rational | null)[];
  total: Rational | null;
  findings: string[];
  excluded: string[];
  explain: ExplainStep[];
}

export function evalExpr(e: TExpr, ev: Evidence): Value {
  switch (e.k) {
    case 'num': return e.value;
    case 'bool': return e.value;
    case 'enumLit': case 'text': return e.value;
    case 'field': {
      const v = ev[e.path];
      return typeof v === 'number' ? Q.fromNumber(v) : (v as boolean | string);
    }
    case 'neg': return Q.neg(evalExpr(e.e, ev) as Rational);
    case 'not': return !(evalExpr(e.e, ev) as boolean);
    case 'arith': {
      const l = evalExpr(e.l, ev) as Rational;
      const r = evalExpr(e.r, ev) as Rational;
      return e.op === '+' ? Q.add(l, r) : e.op === '-' ? Q.sub(l, r) : e.op === '*' ? Q.mul(l, r) : Q.div(l, r);
    }
    case 'cmp': {
      const l = evalExpr(e.l, ev);
      const r = evalExpr(e.r, ev);
      if (Array.isArray(l)) {
        const c = Q.cmp(l as Rational, r as Rational);
        switch (e.op) {
          case '==': return c === 0; case '!=': return c !== 0; case '<': return c < 0;
          case '<=': return c <= 0; case '>': return c > 0; default: return c >= 0;
        }
      }
      return e.op === '==' ? l === r : l !== r;
    }
    case 'logic': {
      const l = evalExpr(e.l, ev) as boolean;
      if (e.op === 'and') return l && (evalExpr(e.r, ev) as boolean);
      return l || (evalExpr(e.r, ev) as boolean);
    }
    case 'if': return evalExpr(e.c, ev) ? evalExpr(e.t, ev) : evalExpr(e.e, ev);
    case 'call': {
      const args = e.args.map((a) => evalExpr(a, ev) as Rational);
      if (e.fn === 'clamp') return Q.clamp(args[0]!, args[1]!, args[2]!);
      return args.reduce(e.fn === 'min' ? Q.min : Q.max);
    }
    case 'match': {
      const s = evalExpr(e.subject, ev);
      for (const arm of e.arms) if (arm.value === s) return evalExpr(arm.result, ev);
      return evalExpr(e.otherwise!, ev);
    }
    case 'band': {
      const s = evalExpr(e.subject, ev) as Rational;
      for (const arm of e.arms) {
        const c = Q.cmp(s, arm.bound);
        if (c < 0 || (c === 0 && arm.op === '<=')) return evalExpr(arm.result, ev);
      }
      return evalExpr(e.otherwise!, ev);
    }
  }
}

export function isMissing(v: unknown): boolean {
  return v === undefined || v === null;
}

function evidenceOf(paths: string[], ev: Evidence): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) out[p] = isMissing(ev[p]) ? null : ev[p];
  return out;
}

export function evaluateUnit(model: Model, ev: Evidence, decimals = model.evaluation.decimals): ExactUnit {
  const { scale } = model.evaluation;
  const index = new Map(model.allIndicators.map((ind, i) => [ind, i]));
  const values: (Rational | null)[] = new Array(model.allIndicators.length).fill(null);
  const fired = new Set<string>();
  const silenced = new Set<string>();
  const explain: ExplainStep[] = [];
  const pub = (q: Rational) => Q.publish(q, decimals);

  const missingPolicy = (reads: string[]): 'exclude' | 'zero' | null => {
    let policy: 'exclude' | 'zero' | null = null;
    for (const p of reads) {
      if (!isMissing(ev[p])) continue;
      const f = model.fields.get(p);
      if (f?.missing === 'exclude') return 'exclude';
      if (f?.missing === 'zero') policy = 'zero';
    }
    return policy;
  };

  const leafValue = (ind: Indicator, leaf: LeafRule): Rational | null => {
    const policy = missingPolicy(ind.reads);
    const missing = ind.reads.filter((p) => isMissing(ev[p]) && model.fields.get(p)?.missing === policy);
    if (policy === 'exclude') {
      explain.push({ indicator: ind.path, kind: 'excluded', rule: leaf.source, points: 0, evidence: evidenceOf(ind.reads, ev), note: `excluded: ${missing.join(', ')} missing` });
      silenceLeafFindings(ind);
      return null;
    }
    if (policy === 'zero') {
      explain.push({ indicator: ind.path, kind: 'zero', rule: leaf.source, points: pub(scale.min), evidence: evidenceOf(ind.reads, ev), note: `scored ${Q.round(scale.min, decimals)}: ${missing.join(', ')} missing` });
      silenceLeafFindings(ind);
      return scale.min;
    }
    const used = evidenceOf(ind.reads, ev);
    if (leaf.kind === 'score') {
      let v = evalExpr(leaf.expr, ev) as Rational;
      const clamped = ind.needsClamp && (Q.cmp(v, scale.min) < 0 || Q.cmp(v, scale.max) > 0);
      if (clamped) v = Q.clamp(v, scale.min, scale.max);
      explain.push({ indicator: ind.path, kind: 'score', rule: leaf.source, points: pub(v), evidence: used, ...(clamped ? { note: 'clamped to the scale' } : {}) });
      return v;
    }
    if (leaf.kind === 'check') {
      const ok = evalExpr(leaf.cond, ev) as boolean;
      if (!ok && leaf.finding) fired.add(leaf.finding.id);
      const v = ok ? scale.max : scale.min;
      explain.push({ indicator: ind.path, kind: 'score', rule: leaf.source, points: pub(v), evidence: used });
      return v;
    }
    let v = leaf.start;
    explain.push({ indicator: ind.path, kind: 'start', rule: leaf.source, points: pub(v), evidence: {} });
    for (const rule of leaf.rules) {
      const moved = adjustment(rule, ev);
      if (moved === null) continue;
      v = rule.op === 'deduct' ? Q.sub(v, moved) : Q.add(v, moved);
      if (rule.finding) fired.add(rule.finding.id);
      explain.push({ indicator: ind.path, kind: rule.op, rule: rule.source, points: pub(rule.op === 'deduct' ? Q.neg(moved) : moved), evidence: evidenceOf(readsOfRule(rule, ind), ev) });
    }
    if (Q.cmp(v, scale.min) < 0 || Q.cmp(v, scale.max) > 0) {
      v = Q.clamp(v, scale.min, scale.max);
      explain.push({ indicator: ind.path, kind: 'clamp', rule: leaf.source, points: pub(v), evidence: {}, note: 'clamped to the scale' });
    }
    return v;
  };

  const silenceLeafFindings = (ind: Indicator) => {
    for (const f of model.findings) if (f.indicator === ind.path) silenced.add(f.id);
  };

  const visit = (ind: Indicator): Rational | null => {
    let v: Rational | null = null;
    if (ind.leaf) v = leafValue(ind, ind.leaf);
    else if (ind.children.length) {
      let sum: Rational = Q.ZERO;
      let weights: Rational = Q.ZERO;
      for (const c of ind.children) {
        const cv = visit(c);
        if (cv === null || c.weight === null) continue;
        sum = Q.add(sum, Q.mul(cv, c.weight));
        weights = Q.add(weights, c.weight);
      }
      v = Q.cmp(weights, Q.ZERO) === 0 ? null : Q.div(sum, weights);
      if (v === null) silenceLeafFindings(ind);
    }
    values[index.get(ind)!] = v;
    return v;
  };

  let sum: Rational = Q.ZERO;
  let weights: Rational = Q.ZERO;
  for (const top of model.indicators) {
    const v = visit(top);
    if (v === null || top.weight === null) continue;
    sum = Q.add(sum, Q.mul(v, top.weight));
    weights = Q.add(weights, top.weight);
  }
  const total = Q.cmp(weights, Q.ZERO) === 0 ? null : Q.div(sum, weights);

  // Findings in declaration order; `when` findings only where everything they read is present.
  const excludedPaths = new Set(model.allIndicators.filter((_, i) => values[i] === null).map((i) => i.path));
  const findings: string[] = [];
  for (const f of model.findings) {
    if (silenced.has(f.id)) continue;
    if (f.indicator && excludedPaths.has(f.indicator)) continue;
    if (f.trigger.kind === 'when') {
      if (f.reads.some((p) => isMissing(ev[p]))) continue;
      if (evalExpr(f.trigger.cond, ev) === true) findings.push(f.id);
    } else if (fired.has(f.id)) findings.push(f.id);
  }
  return { values, total, findings, excluded: [...excludedPaths], explain };
}

/** Points a deduct/add rule moves for this unit, or null when it does not apply. */
function adjustment(rule: AdjustRule, ev: Evidence): Rational | null {
  if (rule.when && evalExpr(rule.when, ev) !== true) return null;
  let amount = rule.points;
  if (rule.per) amount = Q.mul(amount, evalExpr(rule.per, ev) as Rational);
  if (rule.max && Q.cmp(amount, rule.max) > 0) amount = rule.max;
  if (Q.cmp(amount, Q.ZERO) <= 0) return null;
  return amount;
}

export type { FindingDef };
