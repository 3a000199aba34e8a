/**
 * Code actions: the quick fixes the checker attaches to its diagnostics (rescale sibling weights to 100,
 * add the missing `match`/`band` cases or a last grade, declare an unknown evidence field, …), offered
 * on the diagnostic they fix. One fix the checker does not attach yet is derived here: rescaling the
 * top-level weights.
 */
import { Code, Q, type Rational } from '@rubric/core';
import type { Diagnostic as CoreDiagnostic, Fix, IndicatorDecl } from '@rubric/grammar';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';
import { overlaps, toRange, toSpan } from '../util/positions.js';
import { toLspDiagnostic } from './diagnostics.js';

export function codeActions(doc: Checked, range: Range, context: Diagnostic[]): CodeAction[] {
  const want = toSpan(doc.lines, range);
  const out: CodeAction[] = [];
  for (const d of doc.analysis.diagnostics) {
    if (!overlaps(d.span, want)) continue;
    const lsp = context.find((c) => c.code === d.code && c.message === d.message) ?? toLspDiagnostic(doc, d);
    for (const fix of fixesOf(doc, d)) {
      out.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: (d.fixes?.length ?? 1) === 1,
        edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc.lines, e.span), newText: e.newText })) } },
      });
    }
  }
  return out;
}

function fixesOf(doc: Checked, d: CoreDiagnostic): Fix[] {
  if (d.fixes?.length) return d.fixes;
  if (d.code === Code.WeightsSum) {
    const fix = rescaleTopLevel(doc);
    return fix ? [fix] : [];
  }
  return [];
}

/** Proportional rescaling to 100, rounded to 2 decimals, the remainder on the largest weight (as the checker does for siblings). */
export function rescaled(weights: Rational[]): Rational[] | undefined {
  const sum = weights.reduce((s, w) => Q.add(s, w), Q.ZERO);
  if (Q.cmp(sum, Q.ZERO) === 0) return undefined;
  const scaled = weights.map((w) => Q.parse(Q.round(Q.div(Q.mul(w, Q.HUNDRED), sum), 2)));
  const rest = Q.sub(Q.HUNDRED, scaled.reduce((s, w) => Q.add(s, w), Q.ZERO));
  let largest = 0;
  scaled.forEach((w, i) => { if (Q.cmp(w, scaled[largest]!) > 0) largest = i; });
  scaled[largest] = Q.add(scaled[largest]!, rest);
  return scaled;
}

function rescaleTopLevel(doc: Checked): Fix | undefined {
  const decls = doc.analysis.parse.tree.items.filter((i): i is IndicatorDecl & { weight: NonNullable<IndicatorDecl['weight']> } => i.kind === 'Indicator' && !!i.weight && !i.observed);
  if (decls.length === 0) return undefined;
  const scaled = rescaled(decls.map((d) => Q.parse(d.weight.text)));
  if (!scaled) return undefined;
  const edits = decls.map((d, i) => ({ span: d.weight.span, newText: Q.round(scaled[i]!, 2) })).filter((e, i) => e.newText !== decls[i]!.weight.text);
  return edits.length ? { title: 'Rescale the weights to add up to 100', edits } : undefined;
}
