/**
 * Diagnostics: every syntax and checker diagnostic with its stable code (docs/diagnostics.md), plus the
 * preview's evidence problems — on the rules file at its `preview { evidence "…" }` entry, and on each
 * evidence file at the offending key when it can be found.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Diagnostic as CoreDiagnostic, PreviewDecl, Span } from '@rubric/grammar';
import { LineIndex } from '@rubric/grammar';
import { Code, type EvidenceProblem } from '@rubric/core';
import type { Checked } from '../documents/phases.js';
import type { Preview } from '../preview/preview.js';
import { toRange } from '../util/positions.js';

export const SOURCE = 'rubric';
/** Codes of the server's own diagnostics (the core's are in core/src/check/codes.ts). */
export const PreviewCode = {
  Evidence: 'preview/evidence',
  Baseline: 'preview/baseline',
  Unavailable: 'preview/unavailable',
} as const;

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
/** At most this many evidence problems are listed on the rules file; the rest are counted. */
const LISTED = 20;

export function toLspDiagnostic(doc: Checked, d: CoreDiagnostic): Diagnostic {
  return {
    range: toRange(doc.lines, d.span),
    severity: severities[d.severity],
    code: d.code,
    source: SOURCE,
    message: d.message,
    ...(d.code === Code.FieldUnused ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc.lines, r.span) }, message: r.message })) } : {}),
  };
}

function previewEntrySpan(doc: Checked, key: 'evidence' | 'baseline'): Span | undefined {
  const decl = doc.analysis.parse.tree.items.find((i): i is PreviewDecl => i.kind === 'Preview');
  const entry = decl?.entries.find((e) => e.key.text === key);
  return entry?.value?.span ?? entry?.span ?? decl?.keyword;
}

/** The file a problem's source names (`…/table.csv row 12` → `…/table.csv`, row 12). */
export function sourceFile(p: EvidenceProblem): { file: string; row?: number } | undefined {
  if (!p.source || !path.isAbsolute(p.source)) return undefined;
  const m = / row (\d+)$/.exec(p.source);
  return m ? { file: p.source.slice(0, m.index), row: Number(m[1]) } : { file: p.source };
}

export function describeProblem(p: EvidenceProblem, relativeTo?: string): string {
  const where = p.source ? (relativeTo && path.isAbsolute(p.source) ? path.relative(relativeTo, p.source) : p.source) : p.unit;
  return where ? `${where}: ${p.message}` : p.message;
}

/** The rules file's diagnostics: the checker's, then the preview's evidence problems. */
export function rulesDiagnostics(doc: Checked, preview: Preview | undefined): Diagnostic[] {
  const out = doc.analysis.diagnostics.map((d) => toLspDiagnostic(doc, d));
  if (!preview || preview.problems.length === 0) return out;
  const dir = doc.fsPath ? path.dirname(doc.fsPath) : undefined;
  const evidenceAt = previewEntrySpan(doc, 'evidence');
  const baselineAt = previewEntrySpan(doc, 'baseline');
  const isBaseline = (p: EvidenceProblem) => !!preview.baseline && p.source === preview.baseline.path;
  const problems = preview.problems;
  problems.slice(0, LISTED).forEach((p) => {
    const at = (isBaseline(p) ? baselineAt : evidenceAt) ?? { start: 0, end: 0 };
    out.push({
      range: toRange(doc.lines, at), severity: DiagnosticSeverity.Warning, source: SOURCE,
      code: isBaseline(p) ? PreviewCode.Baseline : PreviewCode.Evidence, message: describeProblem(p, dir),
    });
  });
  if (problems.length > LISTED && evidenceAt) {
    out.push({
      range: toRange(doc.lines, evidenceAt), severity: DiagnosticSeverity.Warning, source: SOURCE, code: PreviewCode.Evidence,
      message: `… and ${problems.length - LISTED} more evidence problems (each is shown on its evidence file).`,
    });
  }
  return out;
}

/**
 * Diagnostics for evidence files, keyed by URI. The range is the problem field's last key in the file
 * (`"reachable"` for `site.reachable`) when the text shows it, a table's row, else the first line.
 */
export function evidenceDiagnostics(preview: Preview | undefined, readText: (file: string) => string | undefined): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const p of preview?.problems ?? []) {
    const where = sourceFile(p);
    // The baseline's problems stay on the rules file; a file that cannot be read has no place to show one.
    if (!where || /\.xlsx$/i.test(where.file) || where.file === preview?.baseline?.path) continue;
    const text = readText(where.file);
    if (text === undefined) continue;
    const uri = pathToFileURL(where.file).href;
    const lines = new LineIndex(text);
    const key = p.field.split('.').pop();
    const found = key && where.row === undefined ? text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`)) : -1;
    const lineEnd = (start: number) => { const e = text.indexOf('\n', start); return e < 0 ? text.length : e; };
    const rowStart = where.row !== undefined ? lines.offset(where.row - 1, 0) : 0;
    const span = found >= 0 ? { start: found, end: found + key!.length + 2 } : { start: rowStart, end: lineEnd(rowStart) };
    const list = out.get(uri) ?? [];
    list.push({ range: toRange(lines, span), severity: DiagnosticSeverity.Error, source: SOURCE, code: PreviewCode.Evidence, message: p.message });
    out.set(uri, list);
  }
  return out;
}
