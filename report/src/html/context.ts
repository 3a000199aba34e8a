/** What every report section reads: the results, the language's strings and derived lookups, once. */
import type { Results, UncertaintyResult, UnitUncertainty } from '@rubric/core';
import { indicatorRows, type IndicatorRow } from '../indicator-tree.js';
import { fixed, signed } from './format.js';
import type { SafeHtml } from './safe-html.js';
import { STRINGS, type Lang, type Strings } from './strings.js';

export interface ReportContext {
  results: Results;
  t: Strings;
  /** Indicators depth-first, as the tree and unit pages show them. */
  rows: IndicatorRow[];
  /** A published figure with the evaluation's decimals. */
  num: (value: number | null | undefined) => string;
  /** A signed change with the evaluation's decimals. */
  delta: (value: number) => string;
  /** "技术支撑 · 可及性": an indicator's label with its ancestors', for places that show it out of the tree. */
  fullLabel: (path: string) => string;
  /** A declared group's label ("区域" for `region`); the id when the results do not declare it. */
  groupLabel: (id: string) => string;
  /** A scenario's label; the id when the results do not declare it. */
  scenarioLabel: (id: string) => string;
  /** The baseline as headings name it ("2021 年", or its label), null when the results do not say. */
  baselineName: string | null;
  /** The current evaluation beside the baseline ("2022 年"), or the language's "current". */
  currentName: string;
  /** Grades best first, as the rules declare them (then any the summary counts that they lack). */
  grades: { name: string; count: number; band: string | null }[];
  /** The uncertainty analysis the caller passed, if any, and its units by id. */
  uncertainty: UncertaintyResult | null;
  uncertainUnit: (id: string) => UnitUncertainty | undefined;
}

/** Thresholds print like the rules write them: 90, 87.5 (never padded to the published decimals). */
function threshold(value: number): string {
  return String(Number(value.toFixed(6)));
}

/**
 * Each grade's band, from the declared minimums (highest first; null = otherwise): the top grade is
 * "≥ 90", the next "80–90" (from its minimum up to the grade above), `otherwise` "< 70".
 */
function gradeBands(results: Results, t: Strings): ReportContext['grades'] {
  const declared = results.evaluation.grades ?? [];
  const counts = results.summary.grades;
  const out: ReportContext['grades'] = [];
  let above: number | null = null;
  for (const { name, min } of declared) {
    let band: string;
    if (min === null) band = above === null ? t.bandAll : t.bandBelow(threshold(above));
    else band = above === null ? t.bandAtLeast(threshold(min)) : t.bandBetween(threshold(min), threshold(above));
    out.push({ name, count: counts[name] ?? 0, band });
    if (min !== null) above = min;
  }
  for (const [name, count] of Object.entries(counts)) if (!out.some((g) => g.name === name)) out.push({ name, count, band: null });
  return out;
}

export function reportContext(results: Results, lang: Lang, uncertainty: UncertaintyResult | null = null): ReportContext {
  const decimals = results.evaluation.decimals;
  const indicators = results.summary.indicators;
  const fullLabel = (path: string): string => {
    const labels: string[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = path; at !== undefined && at in indicators && !seen.has(at); at = indicators[at].parent) {
      seen.add(at);
      labels.unshift(indicators[at].label);
    }
    return labels.length > 0 ? labels.join(' · ') : path;
  };
  const t = STRINGS[lang];
  const { evaluation } = results;
  const groups = new Map((evaluation.groups ?? []).map((g) => [g.id, g.label]));
  const scenarios = new Map((evaluation.scenarios ?? []).map((s) => [s.id, s.label]));
  const base = evaluation.baseline;
  const baselineName =
    base?.year !== undefined && base.year !== null ? t.yearName(base.year) : base?.label ? base.label : null;
  return {
    results,
    t,
    rows: indicatorRows(results),
    num: (value) => fixed(value, decimals),
    delta: (value) => signed(value, decimals),
    fullLabel,
    groupLabel: (id) => groups.get(id) || id,
    scenarioLabel: (id) => scenarios.get(id) || id,
    baselineName,
    currentName: baselineName !== null && evaluation.year !== null ? t.yearName(evaluation.year) : t.current,
    grades: gradeBands(results, t),
    uncertainty,
    uncertainUnit: (() => {
      const byId = new Map((uncertainty?.units ?? []).map((u) => [u.id, u]));
      return (id: string) => byId.get(id);
    })(),
  };
}

/** One numbered section of the report; the page adds its heading and its line in the contents. */
export interface ReportSection {
  /** Anchor id: a fixed word chosen by the report, never text from results. */
  id: string;
  title: string;
  body: SafeHtml;
}
