/**
 * Shared by the report tests: the hand-written Results fixture, golden files that refresh with
 * UPDATE_FIXTURES=1 (review the diff, then commit), and a results transform for escaping tests.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Results } from '@rubric/core';
import { expect } from 'vitest';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Five cities, two regions, nested and observed indicators, a good practice, a baseline, a hostile label. */
export function loadResults(name = 'results-small'): Results {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as Results;
}

/** Compares `actual` with the golden file, or rewrites the golden file when UPDATE_FIXTURES=1. */
export function expectGolden(file: string, actual: string): void {
  const path = `${FIXTURES}${file}`;
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.UPDATE_FIXTURES !== '1') throw new Error(`golden file ${file} was missing and has been written; review it`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Text that breaks a page that forgets to escape: a script end, a tag, quotes, a backtick template,
 * an ECharts formatter template and a line separator. */
export const HOSTILE = '</script><b>"\'`${x}{b}\u2028&amp;';

/**
 * Every text that reaches the page from results — labels, names, ids, grades, group names and values,
 * messages, rules, evidence, notes, keys — with HOSTILE appended, keeping the results consistent
 * (keys renamed everywhere they are referenced).
 */
export function hostile(results: Results): Results {
  const h = (s: string) => `${s}${HOSTILE}`;
  const keys = <T>(record: Record<string, T>, value: (v: T) => T = (v) => v): Record<string, T> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [h(k), value(v)]));
  return {
    evaluation: { ...results.evaluation, id: h(results.evaluation.id), label: h(results.evaluation.label), rulesHash: h(results.evaluation.rulesHash) },
    summary: {
      ...results.summary,
      indicators: keys(results.summary.indicators, (s) => ({
        ...s,
        label: h(s.label),
        ...(s.parent === undefined ? {} : { parent: h(s.parent) }),
        ...(s.scenario === undefined ? {} : { scenario: h(s.scenario) }),
      })),
      grades: keys(results.summary.grades),
    },
    units: results.units.map((u) => ({
      ...u,
      id: h(u.id),
      name: h(u.name),
      grade: h(u.grade),
      groups: Object.fromEntries(Object.entries(u.groups).map(([k, v]) => [h(k), h(v)])),
      indicators: keys(u.indicators),
      findings: u.findings.map(h),
      excluded: u.excluded.map(h),
      explain: u.explain.map((step) => ({
        indicator: h(step.indicator),
        rule: h(step.rule),
        points: step.points,
        evidence: Object.fromEntries(Object.entries(step.evidence).map(([k, v]) => [h(k), typeof v === 'string' ? h(v) : v])),
        ...(step.note === undefined ? {} : { note: h(step.note) }),
      })),
    })),
    groups: keys(results.groups, (values) => keys(values, (v) => ({ ...v, best: h(v.best), worst: h(v.worst) }))),
    groupGaps: keys(results.groupGaps, (g) => ({ ...g, highest: h(g.highest), lowest: h(g.lowest) })),
    findings: results.findings.map((f) => ({
      ...f,
      id: h(f.id),
      message: h(f.message),
      ...(f.indicator === undefined ? {} : { indicator: h(f.indicator) }),
      units: f.units.map(h),
    })),
    observed: { scenarios: results.observed.scenarios.map(h), indicators: results.observed.indicators.map(h) },
  };
}
