/**
 * Rubric's custom LSP messages, typed once and shared by the server and the VS Code client (which
 * bundles this file). Any LSP client may use them.
 *
 * - request `rubric/preview` {textDocument} → PreviewResponse: the buffer's full results (results.json
 *   of the unsaved text over the preview evidence), the saved file's results and the impact between them.
 * - notification `rubric/previewChanged` (server → client) after every recomputed preview: the small
 *   summary a status bar needs; a client showing the full preview asks for it again.
 * - request `rubric/compile` {textDocument} → {code} | {error}: the standalone engine (ES module) of the buffer.
 * - request `rubric/run` {textDocument, outDir} → RunResponse: `rubric run` on the saved file, its
 *   preview evidence and baseline, writing results.json/csv/xlsx into outDir (the CLI's own code path).
 * - request `rubric/evidenceSchema` {textDocument} → the JSON Schema of one unit's evidence under the
 *   buffer's rules (what `rubric compile --schema` emits), or null while the file has errors.
 * - request `rubric/uncertainty` {textDocument, depth?} → UncertaintyResponse: the uncertainty analysis of
 *   the buffer over its preview evidence, the `UncertaintyResult` that `rubric uncertainty --format json`
 *   prints (docs/uncertainty.md). `full` (the default): the file's `uncertainty` block or the defaults,
 *   next-grade plans included — exactly the CLI's figures; `quick`: at most 200 runs, no plans (what
 *   hovers use). Runs off the server's main thread, cached per document version; cancelling the request
 *   stops a full analysis nobody else waits for, and a newer version stops the older ones.
 * Commands (workspace/executeCommand): `rubric.runTests` [uri, testName?] → TestsResponse.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Results, UncertaintyResult } from '@rubric/core';

export interface DocumentParams {
  textDocument: { uri: string };
}

export interface PreviewSummary {
  uri: string;
  /** The document version this summary is of. */
  version: number;
  /** The version the results were computed from: `version`, or an earlier one when `stale`. */
  resultsVersion: number;
  /** The results are of an earlier version, because this one has errors. */
  stale: boolean;
  errors: number;
  warnings: number;
  units: number;
  mean: number | null;
  /** `mean − saved mean` as published figures, when the buffer differs from the saved file. */
  savedMean: number | null;
  decimals: number;
  /** Why there is no preview. */
  reason?: string;
  evidenceProblems: number;
}

export interface UnitChangeDto {
  id: string;
  name: string;
  saved: { score: number; grade: string; rank: number } | null;
  edited: { score: number; grade: string; rank: number } | null;
}

export interface ImpactDto {
  mean: { saved: number; edited: number };
  indicators: Record<string, { saved: number | null; edited: number | null }>;
  units: UnitChangeDto[];
  scoresChanged: number;
  grades: Record<string, { saved: number; edited: number }>;
}

/** An evidence problem: `source` is the file (or `file row N` of a table), `field` a dotted path or ''. */
export interface EvidenceProblemDto {
  source: string;
  unit: string;
  field: string;
  message: string;
}

export interface PreviewResponse extends PreviewSummary {
  results: Results | null;
  saved: Results | null;
  impact: ImpactDto | null;
  /** Evidence problems (also published as diagnostics). */
  problems: EvidenceProblemDto[];
}

export interface CompileResponse {
  code?: string;
  error?: string;
}

export interface RunParams extends DocumentParams {
  /** Absolute folder to write results.json, results.csv and results.xlsx into. */
  outDir: string;
}

export interface RunResponse {
  /** `rubric run`'s exit code: 0 written, 1 invalid rules or evidence (nothing written), 2 bad input. */
  exitCode: number;
  /** What `rubric run` printed (summary table, problems). */
  output: string[];
  outDir: string;
}

export interface TestsResponse {
  passed: number;
  failed: number;
  tests: { name: string; passed: boolean; failures: string[] }[];
  error?: string;
}

export interface UncertaintyParams extends DocumentParams {
  depth?: 'quick' | 'full';
}

export interface UncertaintyResponse {
  uri: string;
  /** The document version analysed (of its last version without errors when `stale`). */
  version: number;
  depth: 'quick' | 'full';
  result: UncertaintyResult | null;
  stale: boolean;
  /** Why there is no result (no scores, errors, cancelled, a failure). */
  reason?: string;
  /** Milliseconds the analysis took. */
  millis?: number;
}

export const PreviewRequest = new RequestType<DocumentParams, PreviewResponse | null, void>('rubric/preview');
export const PreviewChangedNotification = new NotificationType<PreviewSummary>('rubric/previewChanged');
export const CompileRequest = new RequestType<DocumentParams, CompileResponse, void>('rubric/compile');
export const RunRequest = new RequestType<RunParams, RunResponse, void>('rubric/run');

export const UncertaintyRequest = new RequestType<UncertaintyParams, UncertaintyResponse | null, void>('rubric/uncertainty');
export const EvidenceSchemaRequest = new RequestType<DocumentParams, unknown, void>('rubric/evidenceSchema');

export const Commands = {
  runTests: 'rubric.runTests',
} as const;
