/**
 * Code lens: above each indicator its live mean over the preview units (with `saved → edited (Δ)` while
 * the buffer differs from the saved file); above each `test` block "Run test" and its last outcome
 * (passed / failed, with the first failure).
 */
import type { CodeLens } from 'vscode-languageserver';
import type { Checked, Previewed } from '../documents/phases.js';
import { runTests, type TestOutcome } from '@rubric/core';
import { Commands } from '../protocol.js';
import { change, fixed } from '../util/numbers.js';
import { toRange } from '../util/positions.js';

/** Test outcomes per checked version: tests run once per version, on demand. */
const outcomes = new WeakMap<Checked, TestOutcome[] | undefined>();

export function testOutcomes(doc: Checked): TestOutcome[] | undefined {
  if (doc.analysis.hasErrors) return undefined;
  if (!outcomes.has(doc)) {
    let result: TestOutcome[] | undefined;
    try {
      result = runTests(doc.analysis.model);
    } catch {
      result = undefined;
    }
    outcomes.set(doc, result);
  }
  return outcomes.get(doc);
}

export function codeLenses(doc: Previewed): CodeLens[] {
  const { model } = doc.analysis;
  const d = model.evaluation.decimals;
  const out: CodeLens[] = [];
  const r = doc.preview.results;
  if (r) {
    for (const ind of model.allIndicators) {
      const s = r.summary.indicators[ind.path];
      if (!s || s.mean === null) continue;
      const moved = doc.preview.stale ? undefined : doc.preview.impact?.indicators[ind.path];
      const mean = moved && moved.saved !== null && moved.edited !== null ? `mean ${change(moved.saved, moved.edited, d)}` : `mean ${fixed(s.mean, d)}`;
      const title = `${mean} · min ${fixed(s.min ?? 0, d)} · max ${fixed(s.max ?? 0, d)}${ind.observed ? ' · observed' : ''}${doc.preview.stale ? ' (last valid version)' : ''}`;
      out.push({ range: toRange(doc.lines, ind.nameSpan), command: { title, command: '' } });
    }
  }
  const results = testOutcomes(doc);
  for (const t of model.tests) {
    const range = toRange(doc.lines, { start: t.span.start, end: t.span.start });
    out.push({ range, command: { title: '▶ Run test', command: Commands.runTests, arguments: [doc.uri, t.name] } });
    const o = results?.find((x) => x.name === t.name);
    if (o) out.push({ range, command: { title: o.passed ? '✓ passed' : `✗ failed: ${o.failures[0]?.message ?? ''}`, command: '' } });
  }
  return out;
}
