/**
 * Hover: what a name means and what it does to the scores, over the preview evidence.
 *
 * - indicator (its name, or anywhere in its header): label, weight, effective weight, mean / min / max
 *   over the units, the grade counts, the baseline change; with an unsaved edit, `saved → edited (Δ)`
 *   and the units whose grade or rank the edit changes.
 * - evidence field: type, description, missing policy, its values across the units, what reads it.
 * - grade, finding, group, enum value, scenario, test: counts and units.
 * - with the uncertainty analysis (an Analysed document): a grade lists its fragile units, an indicator
 *   its sensitivity (hover-uncertainty.ts).
 */
import { showType, type Indicator, type Model, type SymbolRef } from '@rubric/core';
import type { Hover } from 'vscode-languageserver';
import type { Span } from '@rubric/grammar';
import type { Analysed, Previewed } from '../documents/phases.js';
import type { Preview } from '../preview/preview.js';
import { code, esc, listed, table } from '../util/markdown.js';
import { change, fixed, percent, short, signed, difference } from '../util/numbers.js';
import { indicatorAtHeader, targetAt } from '../util/lookup.js';
import { toRange } from '../util/positions.js';
import { testOutcomes } from './code-lens.js';
import { gradeUncertainty, indicatorSensitivity } from './hover-uncertainty.js';
import type { UncertaintyState } from '../uncertainty/service.js';

/** Whether the hover at `offset` shows the uncertainty analysis (a grade or an indicator): then pass an Analysed document. */
export function wantsUncertainty(doc: Previewed, offset: number): boolean {
  const symbol = targetAt(doc, offset);
  if (symbol) return symbol.kind === 'grade' || symbol.kind === 'indicator';
  return !!indicatorAtHeader(doc.analysis, offset);
}

export function hover(doc: Previewed | Analysed, offset: number): Hover | null {
  const { analysis } = doc;
  const u = 'uncertainty' in doc ? doc.uncertainty : undefined;
  const symbol = targetAt(doc, offset);
  let span: Span | undefined = symbol?.span;
  let markdown: string | undefined;
  if (symbol) markdown = describeSymbol(doc, symbol, u);
  if (!markdown) {
    const ind = indicatorAtHeader(analysis, offset);
    if (ind) {
      markdown = describeIndicator(analysis.model, ind, doc.preview, u);
      span = ind.nameSpan;
    }
  }
  if (!markdown || !span) return null;
  return { contents: { kind: 'markdown', value: markdown }, range: toRange(doc.lines, span) };
}

function describeSymbol(doc: Previewed, s: SymbolRef, u: UncertaintyState | undefined): string | undefined {
  const { model } = doc.analysis;
  const p = doc.preview;
  switch (s.kind) {
    case 'indicator': {
      const ind = model.allIndicators.find((i) => i.path === s.name);
      return ind && describeIndicator(model, ind, p, u);
    }
    case 'field': return describeField(model, s.name, p);
    case 'grade': return describeGrade(model, s.name, p, u);
    case 'finding': return describeFinding(model, s.name, p);
    case 'group': return describeGroup(model, s.name, p);
    case 'enumValue': return describeEnumValue(s.name, p);
    case 'scenario': return describeScenario(model, s.name);
    case 'test': return describeTest(doc, s.name);
  }
}

/** A line saying why there are no numbers, or that they are of an earlier version. */
function previewNote(p: Preview): string | undefined {
  if (!p.results) return p.reason ? `_No scores: ${esc(p.reason)}_` : undefined;
  if (p.stale) return '_Scores of the last version without errors._';
  return undefined;
}

function describeIndicator(model: Model, ind: Indicator, p: Preview, u?: UncertaintyState): string {
  const d = model.evaluation.decimals;
  const out: string[] = [];
  const weight = ind.observed
    ? 'observed — computed and reported, never counted'
    : !ind.weight ? 'no weight yet'
      : `weight ${short(ind.weight, 4)}${ind.parent ? ` of ${code(ind.parent)}` : ''}${ind.effectiveWeight ? ` · effective weight ${short(ind.effectiveWeight, 4)}%` : ''}`;
  out.push(`**${esc(ind.label)}** ${code(ind.path)} · ${weight}`);
  // With an unsaved edit, its effect comes first: it is what the author is looking for.
  const impact = impactHeadline(model, p, ind.path);
  if (impact) out.push(impact);
  const r = p.results;
  const sum = r?.summary.indicators[ind.path];
  if (r && sum) {
    const rows = [[`${sum.units} of ${r.summary.units} units`, sum.mean === null ? '—' : fixed(sum.mean, d), sum.min === null ? '—' : fixed(sum.min, d), sum.max === null ? '—' : fixed(sum.max, d)]];
    out.push(table(['', 'mean', 'min', 'max'], rows));
    if (sum.baseline !== undefined && sum.delta !== undefined) out.push(`Baseline ${fixed(sum.baseline, d)} → ${fixed(sum.mean ?? 0, d)} (${signed(sum.delta, d)})`);
    out.push(`Grades: ${Object.entries(r.summary.grades).map(([g, n]) => `${esc(g)} ${n}`).join(' · ')}`);
  }
  const sensitivity = indicatorSensitivity(ind, u);
  if (sensitivity) out.push(sensitivity);
  const units = impactUnits(model, p);
  if (units) out.push(units);
  const note = previewNote(p);
  if (note) out.push(note);
  return out.join('\n\n');
}

/** `saved → edited (Δ)` of the indicator's mean and of the overall mean. */
function impactHeadline(model: Model, p: Preview, path: string): string | undefined {
  const impact = p.impact;
  if (!impact || p.stale) return undefined;
  const d = model.evaluation.decimals;
  const own = impact.indicators[path];
  const mean = own && own.saved !== null && own.edited !== null ? `mean ${change(own.saved, own.edited, d)}` : 'mean unchanged';
  return `**Unsaved edit** (saved → edited): ${mean} · overall ${change(impact.mean.saved, impact.mean.edited, d)}`;
}

/** The units whose grade or rank the unsaved edit changes: grade changes first, then the largest rank moves. */
function impactUnits(model: Model, p: Preview): string | undefined {
  const impact = p.impact;
  if (!impact || p.stale) return undefined;
  const d = model.evaluation.decimals;
  if (!impact.units.length) return impact.scoresChanged ? `${impact.scoresChanged} unit scores change; no grade or rank changes.` : 'No unit score changes.';
  const graded = impact.units.filter((u) => u.saved?.grade !== u.edited?.grade);
  const ranked = impact.units.filter((u) => u.saved?.grade === u.edited?.grade)
    .sort((a, b) => Math.abs(b.edited!.rank - b.saved!.rank) - Math.abs(a.edited!.rank - a.saved!.rank));
  const shown = [...graded, ...ranked].slice(0, 12);
  const rows = shown.map((u) => [
    esc(u.name),
    u.saved && u.edited ? `${fixed(u.saved.score, d)} → ${fixed(u.edited.score, d)} (${signed(difference(u.edited.score, u.saved.score), d)})` : u.edited ? `new ${fixed(u.edited.score, d)}` : 'gone',
    u.saved?.grade === u.edited?.grade ? esc(u.edited?.grade ?? '') : `${esc(u.saved?.grade ?? '—')} → ${esc(u.edited?.grade ?? '—')}`,
    `${u.saved?.rank ?? '—'} → ${u.edited?.rank ?? '—'}`,
  ]);
  const head = `${graded.length} grade change${graded.length === 1 ? '' : 's'}, ${ranked.length} other rank change${ranked.length === 1 ? '' : 's'}:`;
  return `${head}\n\n${table(['unit', 'score', 'grade', 'rank'], rows)}${impact.units.length > shown.length ? `\n\n… and ${impact.units.length - shown.length} more` : ''}`;
}

function describeField(model: Model, fieldPath: string, p: Preview): string | undefined {
  const f = model.fields.get(fieldPath);
  if (!f) return undefined;
  const out = [`**${code(f.path)}**: ${code(showType(f.type))}${f.missing !== 'error' ? ` · missing ${f.missing}` : ''}`];
  if (f.description) out.push(esc(f.description));
  const units = p.units;
  if (units.length) out.push(describeValues(f.type.kind, units.map((u) => u.evidence[f.path]), model.evaluation.decimals));
  const readers = model.allIndicators.filter((i) => i.reads.includes(f.path)).map((i) => `${code(i.path)} ${esc(i.label)}`);
  const findings = model.findings.filter((x) => x.reads.includes(f.path)).map((x) => code(x.id));
  const groups = model.groups.filter((g) => g.field === f.path).map((g) => `group ${code(g.id)}`);
  const all = [...readers, ...findings, ...groups];
  out.push(all.length ? `Read by ${listed(all)}` : '_Read by nothing._');
  const note = previewNote(p);
  if (note && !units.length) out.push(note);
  return out.join('\n\n');
}

function describeValues(kind: string, values: unknown[], decimals: number): string {
  const missing = values.filter((v) => v === undefined || v === null || v === '').length;
  const present = values.filter((v) => !(v === undefined || v === null || v === ''));
  const tail = missing ? ` · ${missing} missing` : '';
  if (kind === 'number' || kind === 'ratio' || kind === 'count') {
    const nums = present.filter((v): v is number => typeof v === 'number');
    if (!nums.length) return `Over ${values.length} units: no values${tail}`;
    const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
    const fmt = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toFixed(Math.max(decimals, 4)))));
    return `Over ${values.length} units: min ${fmt(Math.min(...nums))} · mean ${fmt(mean)} · max ${fmt(Math.max(...nums))}${tail}`;
  }
  const counts = new Map<string, number>();
  for (const v of present) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${esc(v)} ${n}`);
  if (kind === 'text') return `Over ${values.length} units: ${counts.size} distinct values${tail}`;
  return `Over ${values.length} units: ${listed(parts, 12, ' · ')}${tail}`;
}

function describeGrade(model: Model, name: string, p: Preview, u?: UncertaintyState): string | undefined {
  const g = model.grades.find((x) => x.name === name);
  if (!g) return undefined;
  const d = model.evaluation.decimals;
  const out = [`**${esc(g.name)}** ${g.threshold ? `score ≥ ${short(g.threshold, d)}` : 'otherwise'}`];
  const r = p.results;
  if (r) {
    const names = r.units.filter((u) => u.grade === name).map((u) => esc(u.name));
    out.push(`${names.length} of ${r.summary.units} units (${percent(names.length / Math.max(1, r.summary.units))})${names.length ? `: ${listed(names, 30)}` : ''}`);
    const moved = p.impact?.grades[name];
    if (moved && moved.saved !== moved.edited && !p.stale) out.push(`**Unsaved edit**: ${moved.saved} → ${moved.edited} units`);
  }
  const fragile = gradeUncertainty(model, name, u);
  if (fragile) out.push(fragile);
  const note = previewNote(p);
  if (note) out.push(note);
  return out.join('\n\n');
}

function describeFinding(model: Model, id: string, p: Preview): string | undefined {
  const f = model.findings.find((x) => x.id === id);
  if (!f) return undefined;
  const out = [`**${code(f.id)}** ${f.kind === 'good' ? '(good practice)' : '(defect)'}${f.indicator ? ` in ${code(f.indicator)}` : ''}${f.observed ? ' · observed' : ''}`, esc(f.message)];
  const s = p.results?.findings.find((x) => x.id === id);
  if (s) out.push(`${s.count} units (${percent(s.share)})${s.units.length ? `: ${listed(s.units.map(esc), 30)}` : ''}`);
  const before = p.impact && !p.stale ? p.saved?.findings.find((x) => x.id === id) : undefined;
  if (s && before && before.count !== s.count) out.push(`**Unsaved edit**: ${before.count} → ${s.count} units`);
  const note = previewNote(p);
  if (note) out.push(note);
  return out.join('\n\n');
}

function describeGroup(model: Model, id: string, p: Preview): string | undefined {
  const g = model.groups.find((x) => x.id === id);
  if (!g) return undefined;
  const d = model.evaluation.decimals;
  const out = [`**${esc(g.label)}** group ${code(g.id)} by ${code(g.field)}`];
  const values = p.results?.groups[g.id];
  if (values) {
    const rows = Object.entries(values).sort((a, b) => b[1].mean - a[1].mean).map(([v, s]) => [esc(v), String(s.units), fixed(s.mean, d), esc(s.best), esc(s.worst)]);
    out.push(table(['value', 'units', 'mean', 'best', 'worst'], rows));
    const gap = p.results!.groupGaps[g.id];
    if (gap) out.push(`Gap ${fixed(gap.gap, d)}: ${esc(gap.highest)} highest, ${esc(gap.lowest)} lowest`);
  }
  const note = previewNote(p);
  if (note) out.push(note);
  return out.join('\n\n');
}

function describeEnumValue(name: string, p: Preview): string {
  const eq = name.indexOf('=');
  const field = name.slice(0, eq);
  const value = name.slice(eq + 1);
  const out = [`${code(value)}: a value of ${code(field)}`];
  const units = p.units;
  if (units.length) {
    const having = units.filter((u) => String(u.evidence[field]) === value);
    const names = having.map((u) => esc(typeof u.evidence['name'] === 'string' ? u.evidence['name'] : u.id));
    out.push(`${having.length} of ${units.length} units${names.length ? `: ${listed(names, 20)}` : ''}`);
  }
  return out.join('\n\n');
}

function describeScenario(model: Model, id: string): string | undefined {
  const s = model.scenarios.find((x) => x.id === id);
  if (!s) return undefined;
  const tagged = model.allIndicators.filter((i) => i.scenario === id).map((i) => code(i.path));
  return [`**${esc(s.label)}** scenario ${code(s.id)}${s.observed ? ' · observed (never counted)' : ''}`, tagged.length ? `Indicators: ${listed(tagged)}` : ''].filter(Boolean).join('\n\n');
}

function describeTest(doc: Previewed, name: string): string | undefined {
  const t = doc.analysis.model.tests.find((x) => x.name === name);
  if (!t) return undefined;
  const out = [`**test** "${esc(t.name)}"${t.extends ? ` extends "${esc(t.extends)}"` : ''}`, `${Object.keys(t.given).length} evidence values given · ${t.expects.length} expectations`];
  const outcome = testOutcomes(doc)?.find((o) => o.name === name);
  if (outcome) out.push(outcome.passed ? '✓ passed' : `✗ failed:\n\n${outcome.failures.map((f) => `- ${esc(f.message)}`).join('\n')}`);
  return out.join('\n\n');
}
