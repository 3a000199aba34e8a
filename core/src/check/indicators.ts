/**
 * The indicator tree: weights (siblings sum to 100, effective weights exact), leaf rules, findings,
 * observed indicators and scenarios, and the proof that every leaf stays on the scale.
 */
import type { AdjustRule as AdjustNode, Fix, FindingRef, IndicatorDecl, Span } from '@rubric/grammar';
import { Q, type Rational } from '../numeric/exact.js';
import type { AdjustRule, FindingDef, Indicator, LeafRule, Scenario, TExpr } from '../model/model.js';
import { Code } from './codes.js';
import type { CheckContext } from './context.js';
import { typeExpr, type ExprEnv, type Typed } from './expressions.js';
import * as I from './interval.js';

export interface IndicatorScope {
  ctx: CheckContext;
  scale: { min: Rational; max: Rational };
  scenarios: Map<string, Scenario>;
  findings: FindingDef[];
  findingIds: Map<string, FindingDef>;
  all: Indicator[];
  declareField: ExprEnv['declareField'];
  /** Each leaf's interval before clamping and missing-evidence policies, by path: what grades are checked against. */
  leafRanges: Map<string, I.Interval>;
}

export function buildIndicators(decls: IndicatorDecl[], scope: IndicatorScope): Indicator[] {
  const roots = buildLevel(decls, undefined, scope, Q.HUNDRED, false, undefined, 0);
  if (roots.length === 0) return roots;
  return roots;
}

function buildLevel(decls: IndicatorDecl[], parent: Indicator | undefined, scope: IndicatorScope,
  parentEffective: Rational | null, parentObserved: boolean, parentScenario: string | undefined, depth: number): Indicator[] {
  const { ctx } = scope;
  const out: Indicator[] = [];
  const seen = new Map<string, Span>();
  for (const d of decls) {
    if (!d.id) continue;
    const path = parent ? `${parent.path}.${d.id.text}` : d.id.text;
    const first = seen.get(d.id.text);
    if (first) {
      ctx.diagnostics.push({ code: Code.DuplicateId, severity: 'error', span: d.id.span, message: `Another indicator here is already called \`${d.id.text}\`; rename one of them.`, related: [{ span: first, message: 'first declared here' }] });
      continue;
    }
    seen.set(d.id.text, d.id.span);
    ctx.symbol('indicator', path, d.id.span, true);

    let scenario = parentScenario;
    if (d.scenario) {
      const s = scope.scenarios.get(d.scenario.text);
      if (!s) ctx.error(Code.UnknownScenario, d.scenario.span, `Unknown scenario \`${d.scenario.text}\`; declare it with \`scenario ${d.scenario.text} "…"\`.`);
      else { scenario = s.id; ctx.symbol('scenario', s.id, d.scenario.span); }
    }
    const scenarioObserved = scenario ? scope.scenarios.get(scenario)?.observed === true : false;
    const declaredObserved = !!d.observed;
    if (scenarioObserved && !declaredObserved && !parentObserved) {
      const fix: Fix | undefined = d.weight ? { title: 'Mark the indicator `observed`', edits: [{ span: d.weight.span.start > 0 ? weightSpan(d, ctx) : d.weight.span, newText: 'observed' }] } : undefined;
      ctx.error(Code.ObservedScenario, d.id.span, `The scenario \`${scenario}\` is observed, so its indicators are never counted: mark \`${d.id.text}\` \`observed\` instead of giving it a weight.`, fix ? [fix] : undefined);
    }
    const observed = parentObserved || declaredObserved || scenarioObserved;
    let weight: Rational | null = null;
    if (declaredObserved && d.weight) {
      ctx.error(Code.ObservedWeight, d.weight.span, 'An observed indicator carries no weight (it is never counted); remove the weight.', [{ title: 'Remove the weight', edits: [{ span: weightSpan(d, ctx), newText: '' }] }]);
    } else if (d.weight) {
      weight = Q.parse(d.weight.text);
      if (Q.cmp(weight, Q.ZERO) <= 0 || Q.cmp(weight, Q.HUNDRED) > 0) ctx.error(Code.WeightRange, d.weight.span, 'A weight is a percentage of the parent, above 0 and at most 100: change it (or mark the indicator `observed` to count it for nothing).');
    } else if (!declaredObserved) {
      ctx.error(Code.WeightMissing, d.id.span, `\`${d.id.text}\` needs a weight (\`weight N\`, a percentage of its parent) or \`observed\`.`);
    }
    const effectiveWeight = observed || weight === null || parentEffective === null ? null : Q.div(Q.mul(parentEffective, weight), Q.HUNDRED);
    const ind: Indicator = {
      id: d.id.text, path, label: d.label?.value ?? d.id.text, weight, effectiveWeight, observed, scenario,
      children: [], findings: [], reads: [], needsClamp: false, parent: parent?.path, depth, span: d.span, nameSpan: d.id.span,
    };
    scope.all.push(ind);
    const childDecls = d.items.filter((i): i is IndicatorDecl => i.kind === 'Indicator');
    const ruleItems = d.items.filter((i) => i.kind !== 'Indicator' && i.kind !== 'Finding');
    if (childDecls.length && ruleItems.length) {
      ctx.error(Code.IndicatorMixed, ruleItems[0]!.span, `\`${d.id.text}\` has sub-indicators, so its score is their weighted sum: move this rule into a sub-indicator.`);
    }
    if (childDecls.length) {
      ind.children = buildLevel(childDecls, ind, scope, effectiveWeight, observed, scenario, depth + 1);
      checkSiblingWeights(ind.children, childDecls, ctx, d.id.text);
    } else {
      ind.leaf = buildLeaf(d, ind, scope);
    }
    for (const item of d.items) {
      if (item.kind !== 'Finding' || !item.id) continue;
      const reads = new Set<string>();
      const cond = item.when ? typeCondition(item.when, reads, scope, item.span, 'the condition of a finding') : undefined;
      const f = declareFinding(item, ind, observed, cond ? { kind: 'when', cond } : undefined, [...reads], scope);
      if (f) ind.findings.push(f);
    }
    out.push(ind);
  }
  return out;
}

function weightSpan(d: IndicatorDecl, ctx: CheckContext): Span {
  // From the `weight` keyword to the end of its number.
  const before = ctx.text.lastIndexOf('weight', d.weight!.span.start);
  return { start: before >= d.span.start ? before : d.weight!.span.start, end: d.weight!.span.end };
}

function checkSiblingWeights(children: Indicator[], decls: IndicatorDecl[], ctx: CheckContext, parentName: string): void {
  const weighted = children.filter((c) => c.weight !== null && !(c.observed && c.weight === null));
  if (weighted.length === 0) {
    if (children.length) ctx.error(Code.WeightMissing, children[0]!.nameSpan, `Every sub-indicator of \`${parentName}\` is observed, so it has no score; give at least one a weight.`);
    return;
  }
  const sum = weighted.reduce((s, c) => Q.add(s, c.weight!), Q.ZERO);
  if (Q.cmp(sum, Q.HUNDRED) === 0) return;
  const edits = rescaleEdits(weighted, decls, sum);
  const span = { start: weighted[0]!.span.start, end: weighted[0]!.nameSpan.end };
  const names = weighted.map((c) => `${c.id} ${Q.round(c.weight!, 6)}`).join(' + ');
  ctx.error(Code.WeightsSum, span, `The weights under \`${parentName}\` add up to ${Q.round(sum, 6)} (${names}), not 100; change them so they do.`,
    edits ? [{ title: 'Rescale the weights to add up to 100', edits }] : undefined);
}

/** Proportional rescaling, rounded to 2 decimals, with the rounding remainder on the largest weight. */
export function rescaleEdits(children: Indicator[], decls: IndicatorDecl[], sum: Rational) {
  if (Q.cmp(sum, Q.ZERO) === 0) return undefined;
  const scaled = children.map((c) => Q.parse(Q.round(Q.div(Q.mul(c.weight!, Q.HUNDRED), sum), 2)));
  const total = scaled.reduce((s, w) => Q.add(s, w), Q.ZERO);
  let largest = 0;
  scaled.forEach((w, i) => { if (Q.cmp(w, scaled[largest]!) > 0) largest = i; });
  scaled[largest] = Q.add(scaled[largest]!, Q.sub(Q.HUNDRED, total));
  return children.map((c, i) => {
    const decl = decls.find((d) => d.id?.span.start === c.nameSpan.start)!;
    return { span: decl.weight!.span, newText: Q.round(scaled[i]!, 2) };
  });
}

function typeCondition(x: Parameters<typeof typeExpr>[0], reads: Set<string>, scope: IndicatorScope, at: Span, what: string): TExpr {
  const env: ExprEnv = { ctx: scope.ctx, reads, narrowed: new Map(), declareField: scope.declareField };
  const t = typeExpr(x, env, at);
  if (t.e.type !== 'bool' && t.e.type !== 'error') scope.ctx.error(Code.TypeMismatch, t.e.span, `${what.charAt(0).toUpperCase() + what.slice(1)} must be true or false; this is ${article(t.e.type)}: compare it, e.g. \`x > 0\` or \`x == value\`.`);
  return t.e;
}

function typeNumber(x: Parameters<typeof typeExpr>[0], reads: Set<string>, scope: IndicatorScope, at: Span, what: string): Typed {
  const env: ExprEnv = { ctx: scope.ctx, reads, narrowed: new Map(), declareField: scope.declareField };
  const t = typeExpr(x, env, at);
  if (t.e.type !== 'number' && t.e.type !== 'error') scope.ctx.error(Code.TypeMismatch, t.e.span, `${what} must be a number; this is ${t.e.type === 'bool' ? 'a condition' : article(t.e.type)}: ${t.e.type === 'bool' ? 'turn it into points, e.g. `if … then 100 else 0`' : t.e.type === 'enum' ? 'give each value its points with `match FIELD { … }`' : 'write a number here'}.`);
  return t;
}

function declareFinding(ref: FindingRef | { id?: { text: string; span: Span }; message?: { value: string }; good: boolean; span: Span },
  ind: Indicator | undefined, observed: boolean, trigger: FindingDef['trigger'] | undefined, reads: string[], scope: IndicatorScope): FindingDef | undefined {
  if (!ref.id || !trigger) return undefined;
  const { ctx } = scope;
  const prior = scope.findingIds.get(ref.id.text);
  if (prior) {
    ctx.diagnostics.push({ code: Code.DuplicateId, severity: 'error', span: ref.id.span, message: `The finding \`${ref.id.text}\` is declared twice; give each its own id.`, related: [{ span: prior.span, message: 'first declared here' }] });
    return undefined;
  }
  const f: FindingDef = {
    id: ref.id.text, message: ref.message?.value ?? ref.id.text, kind: ref.good ? 'good' : 'defect',
    ...(ind ? { indicator: ind.path } : {}), observed, trigger, reads, span: ref.id.span,
  };
  scope.findingIds.set(f.id, f);
  scope.findings.push(f);
  ctx.symbol('finding', f.id, ref.id.span, true);
  return f;
}

export function buildTopFinding(item: Parameters<typeof declareFinding>[0] & { when?: Parameters<typeof typeExpr>[0] }, scope: IndicatorScope): void {
  const reads = new Set<string>();
  const cond = item.when ? typeCondition(item.when, reads, scope, item.span, 'the condition of a finding') : undefined;
  declareFinding(item, undefined, false, cond ? { kind: 'when', cond } : undefined, [...reads], scope);
}

function buildLeaf(d: IndicatorDecl, ind: Indicator, scope: IndicatorScope): LeafRule | undefined {
  const { ctx } = scope;
  const rules = d.items.filter((i) => i.kind === 'Score' || i.kind === 'Check' || i.kind === 'Start' || i.kind === 'Adjust');
  if (rules.length === 0) {
    ctx.error(Code.IndicatorEmpty, d.id!.span, `\`${d.id!.text}\` has no sub-indicators and no rule: give it \`score = …\`, \`check …\`, or \`start N\` with \`deduct\`/\`add\` rules.`);
    return undefined;
  }
  const reads = new Set<string>();
  const first = rules[0]!;
  const scale = scope.scale;
  let leaf: LeafRule | undefined;
  if (first.kind === 'Score') {
    const t = typeNumber(first.expr, reads, scope, first.span, 'A score');
    leaf = { kind: 'score', expr: t.e, source: ctx.source(first.span), span: first.span };
    if (t.e.type === 'number') {
      proveOnScale(t.iv, ind, first.span, scope);
      scope.leafRanges.set(ind.path, t.iv);
    }
    extra(rules.slice(1), 'a `score =` rule gives the whole score', ctx);
  } else if (first.kind === 'Check') {
    const cond = typeCondition(first.cond, reads, scope, first.span, 'the condition of `check`');
    leaf = { kind: 'check', cond, source: `check ${first.cond ? ctx.source(first.cond.span) : ''}`.trim(), span: first.span };
    if (first.finding) leaf.finding = declareFinding(first.finding, ind, ind.observed, { kind: 'check' }, [...reads], scope);
    extra(rules.slice(1), 'a `check` gives full marks or zero on its own', ctx);
    scope.leafRanges.set(ind.path, { lo: scale.min, hi: scale.max });
  } else if (first.kind === 'Start') {
    const start = first.value ? Q.parse(first.value.text) : scale.max;
    if (Q.cmp(start, scale.min) < 0 || Q.cmp(start, scale.max) > 0) ctx.error(Code.ScaleOutside, first.span, `\`start ${Q.round(start, 6)}\` is off the scale ${Q.round(scale.min, 6)}..${Q.round(scale.max, 6)}: start within it, e.g. \`start ${Q.round(scale.max, 6)}\`.`);
    const adjust: AdjustRule[] = [];
    let range: I.Interval = I.point(start);
    for (const r of rules.slice(1)) {
      if (r.kind !== 'Adjust') {
        ctx.error(Code.IndicatorRules, r.span, 'After `start`, only `deduct` and `add` rules may follow: move this rule into its own indicator or remove it.');
        continue;
      }
      const built = buildAdjust(r, ind, reads, scope);
      adjust.push(built.rule);
      range = built.rule.op === 'deduct' ? I.sub(range, built.moved) : I.add(range, built.moved);
    }
    scope.leafRanges.set(ind.path, range);
    leaf = { kind: 'points', start, rules: adjust, source: `start ${Q.round(start, 6)}`, span: first.span };
    // start/deduct/add leaves are clamped to the scale by definition; no warning.
    ind.needsClamp = true;
  } else {
    ctx.error(Code.IndicatorRules, first.span, `\`${first.kind === 'Adjust' ? first.op : 'this rule'}\` needs a \`start N\` before it, the points it moves from: add one, e.g. \`start ${Q.round(scale.max, 6)}\`.`, [{ title: 'Insert `start 100` before it', edits: [{ span: { start: first.span.start, end: first.span.start }, newText: `start ${Q.round(scale.max, 6)}\n    ` }] }]);
  }
  ind.reads = [...reads];
  for (const f of scope.findings) if (f.indicator === ind.path && f.trigger.kind !== 'when') f.reads = [...reads];
  return leaf;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function extra(rest: { span: Span }[], why: string, ctx: CheckContext): void {
  for (const r of rest) ctx.error(Code.IndicatorRules, r.span, `A leaf has one scoring rule and ${why}: move this rule into its own indicator or remove it.`);
}

/** The rule, and the points it can move (never negative: a rule that would move none or fewer moves none). */
function buildAdjust(r: AdjustNode, ind: Indicator, reads: Set<string>, scope: IndicatorScope): { rule: AdjustRule; moved: I.Interval } {
  const { ctx } = scope;
  const points = r.points ? Q.parse(r.points.text) : Q.ZERO;
  if (Q.cmp(points, Q.ZERO) < 0) ctx.error(Code.IndicatorRules, r.points!.span, `Write the points as a positive number; \`${r.op}\` already says which way they move.`);
  const per = r.per ? typeNumber(r.per, reads, scope, r.span, 'What `per` multiplies by') : undefined;
  const when = r.when ? typeCondition(r.when, reads, scope, r.span, 'the condition of `when`') : undefined;
  const max = r.max ? Q.parse(r.max.text) : undefined;
  const rule: AdjustRule = { op: r.op, points, ...(per ? { per: per.e } : {}), ...(max ? { max } : {}), ...(when ? { when } : {}), source: ctx.source({ start: r.span.start, end: r.finding ? r.finding.span.start : r.span.end }), span: r.span };
  if (r.finding) rule.finding = declareFinding(r.finding, ind, ind.observed, { kind: 'adjust' }, [...reads], scope);
  let amount = per ? (per.e.type === 'number' ? I.mul(I.point(points), per.iv) : I.UNBOUNDED) : I.point(points);
  if (max) amount = I.min(amount, I.point(max));
  // A rule whose condition may fail, or whose amount may be zero or less, may move nothing.
  const lo = when || amount.lo === null || Q.cmp(amount.lo, Q.ZERO) < 0 ? Q.ZERO : amount.lo;
  const hi = amount.hi === null ? null : Q.max(amount.hi, Q.ZERO);
  return { rule, moved: { lo, hi } };
}

function proveOnScale(iv: I.Interval, ind: Indicator, span: Span, scope: IndicatorScope): void {
  if (I.within(iv, scope.scale)) return;
  const scaleText = `${Q.round(scope.scale.min, 6)}..${Q.round(scope.scale.max, 6)}`;
  if (I.disjoint(iv, scope.scale)) {
    scope.ctx.error(Code.ScaleOutside, span, `This score is always off the scale ${scaleText} (it ranges over ${I.show(iv)}): change the formula so that it gives points on the scale (check its numbers and the fields' units).`);
    return;
  }
  ind.needsClamp = true;
  scope.ctx.warning(Code.ScaleUnproven, span, `This score may leave the scale ${scaleText} (it ranges over ${I.show(iv)}); it will be clamped at run time. Bound it with \`clamp(…, ${scaleText.replace('..', ', ')})\` or declare the fields' ranges.`);
}
