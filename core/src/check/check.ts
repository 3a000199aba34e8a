/**
 * Syntax tree → checked model plus every diagnostic. Checks run in dependency order (fields before the
 * expressions that read them, the scale before the leaves proved on it); each reports what it finds and
 * never throws, so a half-typed file still yields a model for the editor.
 */
import { parse, type Diagnostic, type Fix, type ParseResult, type Setting, type Span, type TopItem } from '@rubric/grammar';
import { Q, type Rational } from '../numeric/exact.js';
import type { Field, FindingDef, Indicator, Model, Scenario, UncertaintySettings } from '../model/model.js';
import { sha256 } from '../util/sha256.js';
import { MAX_RUNS } from '../uncertainty/config.js';
import { Code } from './codes.js';
import { CheckContext, type SymbolRef } from './context.js';
import { buildFields } from './fields.js';
import { buildGrades, checkGradesReachable } from './grades.js';
import type { Interval } from './interval.js';
import { totalRange } from './reach.js';
import { buildIndicators, buildTopFinding, rescaleEdits } from './indicators.js';
import { buildTests } from './tests.js';
import { checkObjectNames } from './names.js';

export interface Analysis {
  parse: ParseResult;
  model: Model;
  /** Syntax and semantic diagnostics, in source order. */
  diagnostics: Diagnostic[];
  symbols: SymbolRef[];
  hasErrors: boolean;
}

type Of<K extends TopItem['kind']> = Extract<TopItem, { kind: K }>;

/**
 * Parse and check. An editor that keeps its parse per document version passes it in, so the "parsed"
 * and "checked" phases run once each.
 */
export function analyze(text: string, options: { parse?: ParseResult } = {}): Analysis {
  const parsed = options.parse ?? parse(text);
  const { model, ctx } = check(parsed, text);
  const diagnostics = [...parsed.errors, ...ctx.diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { parse: parsed, model, diagnostics, symbols: ctx.symbols, hasErrors: diagnostics.some((d) => d.severity === 'error') };
}

function check(parsed: ParseResult, text: string): { model: Model; ctx: CheckContext } {
  const items = parsed.tree.items;
  const of = <K extends TopItem['kind']>(kind: K) => items.filter((i): i is Of<K> => i.kind === kind);
  const fields = new Map<string, Field>();
  const ctx = new CheckContext(text, fields);

  const evaluation = buildEvaluation(of('Evaluation'), ctx, parsed.errors.length > 0);
  buildFields(of('Evidence'), ctx);

  const scenarios = new Map<string, Scenario>();
  const scenarioIds = new Map<string, Span>();
  for (const s of of('Scenario')) {
    if (!s.id) continue;
    const prior = scenarioIds.get(s.id.text);
    if (prior) {
      ctx.diagnostics.push({ code: Code.DuplicateId, severity: 'error', span: s.id.span, message: `The scenario \`${s.id.text}\` is declared twice; rename or remove one.`, related: [{ span: prior, message: 'first declared here' }] });
      continue;
    }
    scenarioIds.set(s.id.text, s.id.span);
    scenarios.set(s.id.text, { id: s.id.text, label: s.label?.value ?? s.id.text, observed: s.observed, span: s.span });
    ctx.symbol('scenario', s.id.text, s.id.span, true);
  }

  const findings: FindingDef[] = [];
  const all: Indicator[] = [];
  const evidenceBlock = of('Evidence')[0];
  const declareField = (path: string, type: string): Fix | undefined => {
    if (!evidenceBlock) return undefined;
    const at = evidenceBlock.span.end - 1;
    return { title: `Declare the evidence field \`${path}\``, edits: [{ span: { start: at, end: at }, newText: `  ${path}: ${type}\n` }] };
  };
  const leafRanges = new Map<string, Interval>();
  const scope = { ctx, scale: evaluation.scale, scenarios, findings, findingIds: new Map<string, FindingDef>(), all, declareField, leafRanges };
  const indicators = buildIndicators(of('Indicator'), scope);
  for (const f of of('Finding')) buildTopFinding(f, scope);
  // Findings in source order, whatever the nesting that declared them.
  findings.sort((a, b) => a.span.start - b.span.start);

  if (indicators.length === 0 && parsed.errors.length === 0) {
    ctx.error(Code.NoIndicators, { start: 0, end: 0 }, 'The file declares no indicator: add `indicator id "label" weight 100 { … }`.');
  }
  if (indicators.length > 0 && !indicators.some((i) => !i.observed)) {
    ctx.error(Code.NoIndicators, indicators[0]!.nameSpan, 'Every top-level indicator is observed, so no unit gets a score; give at least one a weight.');
  } else {
    const top = indicators.filter((i) => i.weight !== null);
    const sum = top.reduce((s, i) => Q.add(s, i.weight!), Q.ZERO);
    if (top.length && Q.cmp(sum, Q.HUNDRED) !== 0) {
      const edits = rescaleEdits(top, of('Indicator'), sum);
      ctx.error(Code.WeightsSum, top[0]!.nameSpan, `The top-level weights add up to ${Q.round(sum, 6)} (${top.map((i) => `${i.id} ${Q.round(i.weight!, 6)}`).join(' + ')}), not 100; change them so they do.`,
        edits ? [{ title: 'Rescale the weights to add up to 100', edits }] : undefined);
    }
  }

  const grades = buildGrades(of('Grades'), evaluation.scale, ctx);
  if (indicators.length > 0) checkGradesReachable(grades, totalRange(indicators, leafRanges, fields, evaluation.scale), evaluation, ctx);
  if (of('Grades').length === 0 && parsed.errors.length === 0) {
    ctx.error(Code.GradesMissing, { start: 0, end: 0 }, 'The file declares no grades: add `grades { 优秀 >= 90 … 较差 otherwise }`.');
  }

  const groupIds = new Map<string, Span>();
  const groups = of('Group').flatMap((g) => {
    if (!g.id) return [];
    const first = groupIds.get(g.id.text);
    if (first) {
      ctx.diagnostics.push({ code: Code.DuplicateId, severity: 'error', span: g.id.span, message: `Another group is already called \`${g.id.text}\`; rename one of them (\`group ID by FIELD\`) or remove this one.`, related: [{ span: first, message: 'first declared here' }] });
      // Its field is read by a group the author meant to have: one error, not a second "unused" warning.
      if (g.by) ctx.usedFields.add(g.by.text);
      return [];
    }
    groupIds.set(g.id.text, g.id.span);
    const fieldPath = g.by?.text ?? g.id.text;
    const f = fields.get(fieldPath);
    const span = g.by?.span ?? g.id.span;
    ctx.symbol('group', g.id.text, g.id.span, true);
    if (!f) {
      ctx.error(Code.GroupField, span, `A group collects units by an evidence field, and there is no field \`${fieldPath}\`: declare it (e.g. \`${fieldPath}: enum(…)\`) or add \`by FIELD\`.`);
      return [];
    }
    if (f.type.kind !== 'enum' && f.type.kind !== 'text') ctx.error(Code.GroupField, span, `Units are grouped by an \`enum\` or \`text\` field, and \`${fieldPath}\` is ${f.type.kind}: group by another field, or declare this one as \`enum(…)\`.`);
    if (f.missing !== 'error') ctx.error(Code.GroupField, span, `Every unit needs a value of \`${fieldPath}\` to be grouped; remove its \`missing\` policy.`);
    ctx.usedFields.add(fieldPath);
    ctx.symbol('field', fieldPath, span);
    return [{ id: g.id.text, label: g.label?.value ?? g.id.text, field: fieldPath, span: g.span }];
  });

  const tests = buildTests(of('Test'), ctx, all, findings, grades);
  const preview = buildPreview(of('Preview'), ctx);
  const uncertainty = buildUncertainty(of('Uncertainty'), ctx);
  checkObjectNames(ctx);

  for (const f of fields.values()) {
    if (!ctx.usedFields.has(f.path)) {
      ctx.warning(Code.FieldUnused, f.span, `The evidence field \`${f.path}\` is declared but no indicator, finding or group reads it: use it or remove it.`);
    }
  }

  const model: Model = {
    evaluation, preview, fields, grades, groups, scenarios: [...scenarios.values()], indicators, allIndicators: all,
    findings, tests, ...(uncertainty ? { uncertainty } : {}), rulesHash: `sha256:${sha256(text)}`,
  };
  return { model, ctx };
}

function buildEvaluation(decls: Of<'Evaluation'>[], ctx: CheckContext, hasSyntaxErrors: boolean): Model['evaluation'] {
  const evaluation: Model['evaluation'] = { id: 'evaluation', label: '', year: null, scale: { min: Q.ZERO, max: Q.HUNDRED }, decimals: 2 };
  const d = decls[0];
  for (const extra of decls.slice(1)) ctx.error(Code.EvaluationDuplicate, extra.keyword, 'A file describes one evaluation; remove this second `evaluation` block.');
  if (!d) {
    if (!hasSyntaxErrors) ctx.error(Code.EvaluationMissing, { start: 0, end: 0 }, 'The file has no `evaluation` block: start it with `evaluation id "label" { year 2022 scale 0..100 round 2 half-up }`.');
    return evaluation;
  }
  if (d.id) evaluation.id = d.id.text;
  evaluation.label = d.label?.value ?? evaluation.id;
  for (const s of d.settings) {
    switch (s.name.text) {
      case 'year':
        if (s.value && /^\d{4}$/.test(s.value.text)) evaluation.year = Number(s.value.text);
        else ctx.error(Code.SyntaxSetting, s.span, '`year` takes a four-digit year, e.g. `year 2022`.');
        break;
      case 'scale': {
        if (!s.value || !s.upTo) { ctx.error(Code.EvaluationScale, s.span, 'Write the scale as `scale MIN..MAX`, e.g. `scale 0..100`.'); break; }
        const min = Q.parse(s.value.text);
        const max = Q.parse(s.upTo.text);
        if (Q.cmp(min, max) >= 0) ctx.error(Code.EvaluationScale, s.span, 'The scale must go from a lower to a higher number: write `scale MIN..MAX` with MIN below MAX, e.g. `scale 0..100`.');
        else evaluation.scale = { min, max };
        break;
      }
      case 'round': {
        const n = s.value ? Number(s.value.text) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 10) ctx.error(Code.EvaluationRound, s.span, '`round` takes the number of decimals (0 to 10) and `half-up`, e.g. `round 2 half-up`.');
        else evaluation.decimals = n;
        if (!s.mode) ctx.error(Code.EvaluationRound, s.span, 'Say how to round: `round 2 half-up` (half away from zero, as Excel\'s ROUND).', [{ title: 'Add `half-up`', edits: [{ span: { start: s.span.end, end: s.span.end }, newText: ' half-up' }] }]);
        break;
      }
      default:
        ctx.error(Code.SyntaxSetting, s.name.span, `Unknown setting \`${s.name.text}\`; an evaluation takes \`year\`, \`scale\` and \`round\`: correct the name or remove the setting.`);
    }
  }
  return evaluation;
}

function buildPreview(decls: Of<'Preview'>[], ctx: CheckContext): Model['preview'] {
  const preview: Model['preview'] = {};
  for (const extra of decls.slice(1)) ctx.error(Code.BlockDuplicate, extra.keyword, 'A file has one `preview` block; move these settings into the first one.');
  const seen = new Set<string>();
  for (const d of decls.slice(0, 1)) {
    for (const e of d.entries) {
      if (!e.value) continue;
      if (seen.has(e.key.text)) { ctx.error(Code.PreviewSetting, e.key.span, `\`${e.key.text}\` is already set in this block; keep one.`); continue; }
      seen.add(e.key.text);
      if (e.key.text === 'evidence') preview.evidence = e.value.value;
      else if (e.key.text === 'baseline') preview.baseline = e.value.value;
      else ctx.error(Code.PreviewSetting, e.key.span, `Unknown preview setting \`${e.key.text}\`; write \`evidence "glob"\` or \`baseline "file"\`.`);
    }
  }
  return preview;
}

function buildUncertainty(decls: Of<'Uncertainty'>[], ctx: CheckContext): UncertaintySettings | undefined {
  const d = decls[0];
  if (!d) return undefined;
  for (const extra of decls.slice(1)) ctx.error(Code.BlockDuplicate, extra.keyword, 'A file has one `uncertainty` block; move these settings into the first one.');
  const seen = new Set<string>();
  const u: UncertaintySettings = { runs: 1000, seed: 1, weights: Q.parse('20'), threshold: Q.ZERO, imputation: Q.ZERO };
  const num = (s: Setting): Rational | undefined => (s.value ? Q.parse(s.value.text) : undefined);
  for (const s of d.settings) {
    const v = num(s);
    if (!v) continue;
    if (seen.has(s.name.text)) { ctx.error(Code.UncertaintySetting, s.name.span, `\`${s.name.text}\` is already set in this block; keep one.`); continue; }
    seen.add(s.name.text);
    switch (s.name.text) {
      case 'runs': u.runs = Number(s.value!.text); if (!Number.isInteger(u.runs) || u.runs < 1 || u.runs > MAX_RUNS) ctx.error(Code.UncertaintySetting, s.span, `\`runs\` is a whole number of runs: give one from 1 to ${MAX_RUNS.toLocaleString('en-US')}.`); break;
      case 'seed': u.seed = Number(s.value!.text); break;
      case 'weights': u.weights = v; if (Q.cmp(v, Q.HUNDRED) >= 0) ctx.error(Code.UncertaintySetting, s.span, '`weights` is the ± percentage of noise on each weight: give a number below 100.'); break;
      case 'threshold': u.threshold = v; break;
      case 'imputation': u.imputation = v; if (Q.cmp(v, Q.HUNDRED) > 0) ctx.error(Code.UncertaintySetting, s.span, '`imputation` is the percentage of runs that swap the missing-evidence policies: give a number from 0 to 100.'); break;
      default: ctx.error(Code.UncertaintySetting, s.name.span, `Unknown uncertainty setting \`${s.name.text}\`; use \`runs\`, \`seed\`, \`weights\` (± %), \`threshold\` (± points) and \`imputation\` (% of runs).`);
    }
  }
  return u;
}
