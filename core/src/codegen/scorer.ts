/**
 * Generates one unit scorer — straight-line code over the indicator tree — for a backend. The fast and
 * exact scorers come from this one function, so they share every branch and every explanation.
 */
import { Q } from '../numeric/exact.js';
import type { FindingDef, Indicator, Model } from '../model/model.js';
import { stringIndex, type Backend, type Constants } from './backend.js';
import { genExpr, type ExprScope } from './expressions.js';
import { readsOfRule } from '../model/reads.js';

/**
 * What generation hands back beside the scorer's code: for the exact scorer, each indicator's own code (by
 * index in `model.allIndicators`), what a memo of exact values across keystrokes keys on (engine.ts); for
 * the float scorer, its indicators' code as one piece per top-level indicator (the returned code is the rest).
 */
export interface ScorerParts {
  blocks: Map<number, string>;
  tops: TopPiece[];
}

export function genScorer(model: Model, b: Backend, c: Constants, name: string, parts: ScorerParts): string {
  const fields = [...model.fields.values()];
  const fieldIndex = new Map(fields.map((f, i) => [f.path, i]));
  const indIndex = new Map(model.allIndicators.map((ind, i) => [ind.path, i]));
  let temps = 0;
  const scope: ExprScope = { b, fieldIndex, temp: () => `t${temps++}` };
  const S = (s: string) => `T[${stringIndex(c, s)}]`;
  const fast = b.kind === 'fast';
  const pub = (x: string) => (fast ? `Scoring.P(${x}, SC, S)` : `Qs.publish(${x}, D)`);
  const min = b.num(model.evaluation.scale.min);
  const max = b.num(model.evaluation.scale.max);
  const body: string[] = [];
  const out = (line: string) => body.push(`  ${line}`);
  const isNull = (paths: string[]) => paths.map((p) => `f${fieldIndex.get(p)} === null`).join(' || ');
  const evidence = (paths: string[]) => `{ ${paths.map((p) => `${JSON.stringify(p)}: f${fieldIndex.get(p)}`).join(', ')} }`;
  const explain = (ind: Indicator, kind: string, rule: string, points: string, paths: string[], note?: string) =>
    `if (X) E.push({ indicator: ${S(ind.path)}, kind: ${JSON.stringify(kind)}, rule: ${S(rule)}, points: ${points}, evidence: ${evidence(paths)}${note ? `, note: ${note}` : ''} });`;

  // Every finding attached to a check or a rule gets a flag the leaf raises.
  const flags = new Map<FindingDef, string>();
  model.findings.forEach((f, i) => { if (f.trigger.kind !== 'when') flags.set(f, `h${i}`); });
  const zeroable = new Set<string>();

  const leaf = (ind: Indicator, k: number): void => {
    const rule = ind.leaf!;
    const v = `v${k}`;
    const excl = ind.reads.filter((p) => model.fields.get(p)?.missing === 'exclude');
    const zero = ind.reads.filter((p) => model.fields.get(p)?.missing === 'zero');
    const missingNote = (paths: string[], prefix: string) => `${S(prefix)} + [${paths.map((p) => `${isNull([p])} ? ${JSON.stringify(p)} : ''`).join(', ')}].filter(Boolean).join(', ') + ' missing'`;
    let open = '';
    if (excl.length) {
      out(`if (${isNull(excl)}) { ${v} = null; ${explain(ind, 'excluded', rule.source, '0', ind.reads, missingNote(excl, 'excluded: '))} }`);
      open = 'else ';
    }
    if (zero.length) {
      zeroable.add(ind.path);
      out(`${open}if (${isNull(zero)}) { ${v} = ${min}; z${k} = true; ${explain(ind, 'zero', rule.source, pub(min), ind.reads, missingNote(zero, `scored ${Q.round(model.evaluation.scale.min, model.evaluation.decimals)}: `))} }`);
      open = 'else ';
    }
    out(`${open}{`);
    if (rule.kind === 'score') {
      out(`  ${v} = ${genExpr(rule.expr, scope)};`);
      if (ind.needsClamp) {
        out(`  if (${b.cmp('<', v, min, true)} || ${b.cmp('>', v, max, true)}) { ${v} = ${b.clamp(v, min, max)}; ${explain(ind, 'score', rule.source, pub(v), ind.reads, S('clamped to the scale'))} }`);
        out(`  else { ${explain(ind, 'score', rule.source, pub(v), ind.reads)} }`);
      } else out(`  ${explain(ind, 'score', rule.source, pub(v), ind.reads)}`);
    } else if (rule.kind === 'check') {
      out(`  const ok = ${genExpr(rule.cond, scope)};`);
      out(`  ${v} = ok ? ${max} : ${min};`);
      if (rule.finding) out(`  if (!ok) ${flags.get(rule.finding)} = true;`);
      out(`  ${explain(ind, 'score', rule.source, pub(v), ind.reads)}`);
    } else {
      out(`  let x = ${b.num(rule.start)};`);
      out(`  ${explain(ind, 'start', rule.source, pub('x'), [])}`);
      for (const r of rule.rules) {
        const reads = readsOfRule(r, ind);
        let amount = b.num(r.points);
        if (r.per) amount = b.arith('*', amount, genExpr(r.per, scope));
        const cond = r.when ? `if (${genExpr(r.when, scope)}) ` : '';
        out(`  ${cond}{`);
        out(`    let m = ${amount};`);
        if (r.max) out(`    if (${b.cmp('>', 'm', b.num(r.max), true)}) m = ${b.num(r.max)};`);
        out(`    if (${b.cmp('>', 'm', b.zero(), true)}) {`);
        out(`      x = ${b.arith(r.op === 'deduct' ? '-' : '+', 'x', 'm')};`);
        if (r.finding) out(`      ${flags.get(r.finding)} = true;`);
        out(`      ${explain(ind, r.op, r.source, pub(r.op === 'deduct' ? b.neg('m') : 'm'), reads)}`);
        out('    }');
        out('  }');
      }
      out(`  if (${b.cmp('<', 'x', min, true)} || ${b.cmp('>', 'x', max, true)}) { x = ${b.clamp('x', min, max)}; if (X) E.push({ indicator: ${S(ind.path)}, kind: "clamp", rule: ${S(rule.source)}, points: ${pub('x')}, evidence: {}, note: ${S('clamped to the scale')} }); }`);
      out(`  ${v} = x;`);
    }
    out('}');
  };

  const parent = (ind: Indicator, k: number): void => {
    const kids = ind.children.filter((ch) => ch.weight !== null);
    out(`{ let s = ${b.zero()}, w = ${b.zero()};`);
    for (const ch of kids) {
      const cv = `v${indIndex.get(ch.path)}`;
      const wv = b.weight(ch.path, ch.weight!);
      out(`  if (${cv} !== null) { s = ${b.arith('+', 's', b.arith('*', cv, wv))}; w = ${b.arith('+', 'w', wv)}; }`);
    }
    out(`  v${k} = ${fast ? 'w === 0' : 'Qs.cmp(w, Qs.ZERO) === 0'} ? null : ${b.arith('/', 's', 'w')}; }`);
  };

  // The exact scorer can be asked for some indicators only (`M`, a mask over them: 1 computes one, 2 takes
  // its value from `V`): a value near a rounding tie is then recomputed alone, not the whole unit, and
  // with a memo only the part of its subtree an edit changed.
  const visit = (ind: Indicator): void => {
    for (const ch of ind.children) visit(ch);
    const k = indIndex.get(ind.path)!;
    if (!ind.leaf && !ind.children.length) return;
    if (!fast) out(`if (!M || M[${k}] === 1) {`);
    const from = body.length;
    if (ind.leaf) leaf(ind, k);
    else parent(ind, k);
    if (!fast) parts.blocks.set(k, body.slice(from).join('\n'));
    if (!fast) out(`} else if (M[${k}] === 2) v${k} = V[${k}];`);
  };
  const segments: [number, number][] = [];
  for (const top of model.indicators) {
    const from = body.length;
    visit(top);
    segments.push([from, body.length]);
  }
  if (!fast) out(`if (M) return { values: [${model.allIndicators.map((_ind, k) => `v${k}`).join(', ')}] };`);
  const valuesEnd = body.length;

  out('let total;');
  for (const line of genTotal(model, b, (k) => `v${k}`)) out(line);

  // Findings, in declaration order; none from an excluded or zeroed indicator, none reading missing evidence.
  out('const found = [];');
  for (const f of model.findings) {
    const guards: string[] = [];
    if (f.indicator) {
      const k = indIndex.get(f.indicator)!;
      guards.push(`v${k} !== null`);
      if (zeroable.has(f.indicator)) guards.push(`!z${k}`);
    }
    if (f.trigger.kind === 'when') {
      const optional = f.reads.filter((p) => model.fields.get(p)?.missing !== 'error');
      if (optional.length) guards.push(`!(${isNull(optional)})`);
      guards.push(genExpr(f.trigger.cond, scope));
    } else guards.push(flags.get(f)!);
    out(`if (${guards.join(' && ')}) found.push(${S(f.id)});`);
  }
  const n = model.allIndicators.length;
  out('const excluded = [];');
  model.allIndicators.forEach((ind, k) => { if (ind.leaf || ind.children.length) out(`if (v${k} === null) excluded.push(${S(ind.path)});`); });
  out(`return { values: [${Array.from({ length: n }, (_, k) => `v${k}`).join(', ')}], total, findings: found, excluded, explain: E };`);

  if (fast) return splitFast(name, parts, { fields, n, zeroable: [...zeroable].map((p) => indIndex.get(p)!), flags: [...flags.values()], tops: segments.map(([a, z]) => body.slice(a, z)), rest: body.slice(valuesEnd) });

  const head: string[] = [];
  head.push(`function ${name}(ev, S, X, M, V) {`);
  fields.forEach((f, i) => {
    head.push(`  const f${i} = ev[${JSON.stringify(f.path)}];`);
    // Converted on first use (see exactBackend.field): a masked call reads few of the fields.
    if (f.type.kind !== 'bool' && f.type.kind !== 'enum' && f.type.kind !== 'text') head.push(`  let q${i};`);
  });
  if (n) head.push(`  let ${Array.from({ length: n }, (_, k) => `v${k} = null`).join(', ')};`);
  if (zeroable.size) head.push(`  let ${[...zeroable].map((p) => `z${indIndex.get(p)} = false`).join(', ')};`);
  if (flags.size) head.push(`  let ${[...flags.values()].map((h) => `${h} = false`).join(', ')};`);
  if (temps) head.push(`  let ${Array.from({ length: temps }, (_, i) => `t${i}`).join(', ')};`);
  head.push('  const E = X ? [] : null;');
  return [...head, ...body, '}'].join('\n');
}

/**
 * The total from the weighted top indicators' values (`ref(k)` reads indicator k's): one block, used by the
 * scorers and by the engine's exact total from memoised values. Assigns `total`.
 */
export function genTotal(model: Model, b: Backend, ref: (k: number) => string): string[] {
  const indIndex = new Map(model.allIndicators.map((ind, i) => [ind.path, i]));
  const lines = [`{ let s = ${b.zero()}, w = ${b.zero()};`];
  for (const t of model.indicators.filter((i) => i.weight !== null)) {
    const tv = ref(indIndex.get(t.path)!);
    lines.push(`  if (${tv} !== null) { s = ${b.arith('+', 's', b.arith('*', tv, b.weight(t.path, t.weight!)))}; w = ${b.arith('+', 'w', b.weight(t.path, t.weight!))}; }`);
  }
  lines.push(`  total = ${b.kind === 'fast' ? 'w === 0' : 'Qs.cmp(w, Qs.ZERO) === 0'} ? null : ${b.arith('/', 's', 'w')}; }`);
  return lines;
}

/**
 * One top-level indicator's float code, written so that its text depends on nothing outside its subtree:
 * numbers (`K`), shown texts (`TT`), where its values go (`V[G[j]]`) and its flags (`F[FG[j]]`) are data
 * given when it is instantiated, by the global slots listed here. Compiled apart and cached by its text.
 */
export interface TopPiece {
  code: string;
  nums: number[];
  strs: number[];
  values: number[];
  flags: number[];
}

/** Parameters of the function a `TopPiece`'s code is compiled in (it returns the piece's function). */
export const TOP_PIECE_PARAMS = ['K', 'TT', 'G', 'FG', 'SC', 'Scoring'] as const;

/**
 * The float scorer split in two: the indicators' values, one piece per top-level indicator (compiled apart
 * and cached by its own text, instantiate.ts, so an edit leaves every other top warm, and an edit outside
 * the indicators — a finding's condition, a grade band, a weight — leaves them all warm), and the scorer
 * itself (total, findings, exclusions), which calls them through `scoreFastValues` and reads their flags.
 */
function splitFast(name: string, parts: ScorerParts, p: { fields: { path: string }[]; n: number; zeroable: number[]; flags: string[]; tops: string[][]; rest: string[] }): string {
  const used = (lines: string[], letter: string) => new Set([...lines.join('\n').matchAll(new RegExp(`\\b${letter}(\\d+)\\b`, 'g'))].map((m) => Number(m[1])));
  const flagOf = [...p.zeroable.map((k) => `z${k}`), ...p.flags];
  const flagAt = new Map(flagOf.map((f, j) => [f, j]));
  parts.tops = p.tops.map((lines) => topPiece(lines, p.fields, flagAt));

  const all = Array.from({ length: p.n }, (_, k) => `v${k}`);
  const rest = p.rest.map((l) => l.replace(/^ {2}return \{ values: \[[^\]]*\], /, '  return { values: V, '));
  const scorer: string[] = [`function ${name}(ev, S, X) {`, '  const E = X ? [] : null;', '  const V = scoreFastValues(ev, S, X, E, FL);'];
  if (p.n) scorer.push(`  const ${all.map((v, k) => `${v} = V[${k}]`).join(', ')};`);
  if (flagOf.length) scorer.push(`  const ${flagOf.map((f, j) => `${f} = FL[${j}] === 1`).join(', ')};`);
  for (const i of [...used(rest, 'f')].sort((a, b) => a - b)) scorer.push(`  const f${i} = ev[${JSON.stringify(p.fields[i]!.path)}];`);
  const rt = [...used(rest, 't')].sort((a, b) => a - b).map((i) => `t${i}`);
  if (rt.length) scorer.push(`  let ${rt.join(', ')};`);
  scorer.push(...rest, '}');
  return `const FL = new Uint8Array(${flagOf.length});\n${scorer.join('\n')}`;
}

/** Renames a top's code to local names (string literals untouched) and lists the global slots behind them. */
function topPiece(lines: string[], fields: { path: string }[], flagAt: Map<string, number>): TopPiece {
  const nums: number[] = [];
  const strs: number[] = [];
  const values: number[] = [];
  const flags: number[] = [];
  const locals = new Map<string, string>();
  const fieldsUsed: [string, string][] = [];
  const temps: string[] = [];
  const flagNames: string[] = [];
  const local = (kind: string, i: number, list: number[] | null): string => {
    const key = `${kind}${i}`;
    let name = locals.get(key);
    if (name === undefined) {
      if (kind === 'N' || kind === 'T') name = `${kind === 'N' ? 'K' : 'TT'}[${list!.push(i) - 1}]`;
      else if (kind === 'v') name = `v${values.push(i) - 1}`;
      else if (kind === 'z' || kind === 'h') {
        flagNames.push((name = `${kind}${flags.length}`));
        flags.push(flagAt.get(key)!);
      }
      else if (kind === 'f') fieldsUsed.push([(name = `f${fieldsUsed.length}`), fields[i]!.path]);
      else temps.push((name = `t${temps.length}`));
      locals.set(key, name);
    }
    return name;
  };
  const text = lines.join('\n').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\bN\[(\d+)\]|\bT\[(\d+)\]|\b([fvzht])(\d+)\b/g,
    (all, n: string | undefined, t: string | undefined, kind: string | undefined, i: string | undefined) => {
      if (n !== undefined) return local('N', Number(n), nums);
      if (t !== undefined) return local('T', Number(t), strs);
      if (kind !== undefined) return local(kind, Number(i), null);
      return all; // a string literal
    });
  const vs = values.map((_k, j) => `v${j}`);
  const code = [
    'function (ev, S, X, E, V, F) {',
    ...fieldsUsed.map(([name, path]) => `  const ${name} = ev[${JSON.stringify(path)}];`),
    ...(vs.length ? [`  let ${vs.map((v) => `${v} = null`).join(', ')};`] : []),
    ...(flagNames.length ? [`  let ${flagNames.map((f) => `${f} = false`).join(', ')};`] : []),
    ...(temps.length ? [`  let ${temps.join(', ')};`] : []),
    text,
    ...vs.map((v, j) => `  V[G[${j}]] = ${v};`),
    ...flagNames.map((f, j) => `  F[FG[${j}]] = ${f} ? 1 : 0;`),
    '}',
  ].join('\n');
  return { code, nums, strs, values, flags };
}
