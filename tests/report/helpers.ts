/**
 * Shared by the report tests: the hand-written Results fixture, golden files that refresh with
 * UPDATE_FIXTURES=1 (review the diff, then commit), and a results transform for escaping tests.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Results, UncertaintyResult } from '@rubric/core';
import { expect } from 'vitest';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/**
 * `results-small`: five cities, two regions, nested and observed indicators, a good practice, a baseline,
 * every kind of explain step (hand-written, consistent). `gov-2022.results`: the real 2022 example as the
 * CLI writes it; refresh it after a change of the example or of results.json with
 *   npx tsc -b && node cli/bin/rubric.js run examples/gov-service-2022/rules.rubric \
 *     --evidence examples/gov-service-2022/evidence --baseline examples/gov-service-2022/baseline-2021.json --out /tmp/o \
 *   && cp /tmp/o/results.json tests/report/fixtures/gov-2022.results.json
 */
export function loadResults(name: 'results-small' | 'gov-2022.results' = 'results-small'): Results {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as Results;
}

/**
 * `uncertainty-small`: a hand-written analysis of results-small (a fragile unit, plans with and without a
 * way up, Sobol indices). `gov-2022.uncertainty`: the real analysis of the 2022 example (1000 runs, seed 1,
 * ±20% weights), written by `analyzeUncertainty` of @rubric/core; refresh it with `rubric uncertainty
 * … --format json` once the CLI has the command.
 */
export function loadUncertainty(name: 'uncertainty-small' | 'gov-2022.uncertainty' = 'uncertainty-small'): UncertaintyResult {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as UncertaintyResult;
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
  const { evaluation } = results;
  return {
    evaluation: {
      ...evaluation,
      id: h(evaluation.id),
      label: h(evaluation.label),
      rulesHash: h(evaluation.rulesHash),
      grades: evaluation.grades.map((g) => ({ ...g, name: h(g.name) })),
      groups: evaluation.groups.map((g) => ({ id: h(g.id), label: h(g.label), field: h(g.field) })),
      scenarios: evaluation.scenarios.map((s) => ({ ...s, id: h(s.id), label: h(s.label) })),
      ...(evaluation.baseline === undefined
        ? {}
        : { baseline: { ...evaluation.baseline, ...(evaluation.baseline.label === undefined ? {} : { label: h(evaluation.baseline.label) }) } }),
    },
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
        kind: step.kind,
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

/** The analysis of `hostile(results)`: every text HOSTILE-suffixed the same way, so ids still match. */
export function hostileUncertainty(analysis: UncertaintyResult): UncertaintyResult {
  const h = (s: string) => `${s}${HOSTILE}`;
  const hs = <T>(v: T): T => (typeof v === 'string' ? (h(v) as T) : v);
  const plan = (p: NonNullable<NonNullable<UncertaintyResult['units'][number]['nextBand']>['plan']>) => ({
    ...p,
    grade: h(p.grade),
    changes: p.changes.map((c) => ({
      ...c,
      field: h(c.field),
      ...(c.description === undefined ? {} : { description: h(c.description) }),
      from: hs(c.from),
      to: hs(c.to),
      rules: c.rules.map((r) => ({ ...r, indicator: h(r.indicator), label: h(r.label), rule: h(r.rule), ...(r.note === undefined ? {} : { note: h(r.note) }) })),
    })),
  });
  return {
    ...analysis,
    evaluation: { ...analysis.evaluation, id: h(analysis.evaluation.id), label: h(analysis.evaluation.label), rulesHash: h(analysis.evaluation.rulesHash) },
    grades: analysis.grades.map((g) => ({ ...g, name: h(g.name) })),
    units: analysis.units.map((u) => ({
      ...u,
      id: h(u.id),
      name: h(u.name),
      grade: h(u.grade),
      grades: u.grades.map((g) => ({ ...g, name: h(g.name) })),
      boundary: u.boundary === null ? null : { ...u.boundary, grade: h(u.boundary.grade) },
      ...(u.nextBand === undefined
        ? {}
        : {
            nextBand:
              u.nextBand === null
                ? null
                : {
                    ...u.nextBand,
                    from: h(u.nextBand.from),
                    to: h(u.nextBand.to),
                    plan: u.nextBand.plan === null ? null : plan(u.nextBand.plan),
                    alternatives: u.nextBand.alternatives.map(plan),
                  },
          }),
    })),
    indicators: analysis.indicators.map((i) => ({ ...i, path: h(i.path), label: h(i.label) })),
    ...(analysis.sobol === undefined ? {} : { sobol: { ...analysis.sobol, indices: analysis.sobol.indices.map((i) => ({ ...i, path: h(i.path) })) } }),
  };
}
