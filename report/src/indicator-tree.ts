/**
 * The indicator system as rows in reading order. results.json keeps indicators flat, keyed by dotted
 * path, each naming its `parent`; the report, the unit pages and the spreadsheets all show them as a
 * tree, depth-first, children in the order the results list them (the order the rules declare them).
 */
import type { IndicatorSummary, Results } from '@rubric/core';

export interface IndicatorRow {
  path: string;
  /** 0 for first-level indicators. */
  depth: number;
  summary: IndicatorSummary;
  hasChildren: boolean;
}

export function indicatorRows(results: Results): IndicatorRow[] {
  const indicators = results.summary.indicators;
  const children = new Map<string | undefined, string[]>();
  for (const [path, summary] of Object.entries(indicators)) {
    // A parent missing from the map would orphan its subtree; show such rows at the top instead.
    const parent = summary.parent !== undefined && summary.parent in indicators ? summary.parent : undefined;
    const list = children.get(parent) ?? [];
    list.push(path);
    children.set(parent, list);
  }
  const rows: IndicatorRow[] = [];
  const seen = new Set<string>();
  const visit = (path: string, depth: number): void => {
    if (seen.has(path)) return; // a cycle in malformed results must not hang the report
    seen.add(path);
    const kids = children.get(path) ?? [];
    rows.push({ path, depth, summary: indicators[path], hasChildren: kids.length > 0 });
    for (const kid of kids) visit(kid, depth + 1);
  };
  for (const root of children.get(undefined) ?? []) visit(root, 0);
  // Anything left (only possible in a parent cycle) is still listed, never silently dropped.
  for (const path of Object.keys(indicators)) visit(path, 0);
  return rows;
}

/** First-level indicators that count towards the score (observed ones are drawn apart). */
export function firstLevelScored(rows: IndicatorRow[]): IndicatorRow[] {
  return rows.filter((row) => row.depth === 0 && !row.summary.observed);
}
