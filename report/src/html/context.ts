/** What every report section reads: the results, the language's strings and derived lookups, once. */
import type { Results } from '@rubric/core';
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
}

export function reportContext(results: Results, lang: Lang): ReportContext {
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
  return {
    results,
    t: STRINGS[lang],
    rows: indicatorRows(results),
    num: (value) => fixed(value, decimals),
    delta: (value) => signed(value, decimals),
    fullLabel,
  };
}

/** One numbered section of the report; the page adds its heading and its line in the contents. */
export interface ReportSection {
  /** Anchor id: a fixed word chosen by the report, never text from results. */
  id: string;
  title: string;
  body: SafeHtml;
}
