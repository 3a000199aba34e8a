/**
 * What must hold for any text given to the toolchain, valid or not: `analyze` and `format` never throw and
 * stay within a time budget; every diagnostic has a code, a readable message and a range inside the text
 * (its fixes and related places too); a formatted file formats to itself, parses cleanly and means the
 * same; and when the file has no errors, the generated engine and the reference evaluator agree on
 * generated units, the emitted module holds no eval, and the file's tests run.
 */
import fc from 'fast-check';
import { analyze, evaluate, generateEngine, instantiateEngine, runTests, type Model, type UnitInput } from '@rubric/core';
import { format, parse, type Diagnostic } from '@rubric/grammar';
import { evidenceFor } from '../../differential/generators.js';

export interface Verdict {
  /** Broken invariants, one line each; empty when the text passed. */
  problems: string[];
  /** CPU time of analyze + format of the text itself (not of the extra checks), in ms. */
  cpuMs: number;
  /** The text had no errors, so the engine and the evaluator were compared. */
  scored: boolean;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function describe(e: unknown): string {
  const err = e as Error;
  const frame = (err?.stack ?? '').split('\n').find((l) => l.includes('/dist/') || l.includes('/src/'))?.trim() ?? '';
  return `${err?.name ?? 'Error'}: ${String(err?.message ?? e).slice(0, 200)}${frame ? ` (${frame})` : ''}`;
}

function inText(span: { start: number; end: number } | undefined, length: number): boolean {
  return !!span && Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

/**
 * A message that says `undefined`, `NaN` or `[object Object]` leaked an internal value — unless the text
 * itself holds the word (a field called `undefined` may well be quoted back).
 */
function leaks(message: string, text: string): string | undefined {
  const word = /\bundefined\b|\bNaN\b|\[object Object\]/.exec(message)?.[0];
  return word && !text.includes(word) ? word : undefined;
}

export function checkDiagnostics(text: string, diagnostics: Diagnostic[], problems: string[]): void {
  for (const d of diagnostics) {
    const where = `${d.code} "${String(d.message).slice(0, 80)}"`;
    if (typeof d.code !== 'string' || !/^[a-z]+\/[a-z-]+$/.test(d.code)) problems.push(`bad code: ${where}`);
    if (!['error', 'warning', 'info'].includes(d.severity)) problems.push(`bad severity ${String(d.severity)}: ${where}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`empty message: ${where}`);
    else if (leaks(d.message, text)) problems.push(`message shows \`${leaks(d.message, text)}\`: ${where}`);
    if (!inText(d.span, text.length)) problems.push(`range ${JSON.stringify(d.span)} outside the text (length ${text.length}): ${where}`);
    for (const r of d.related ?? []) if (!inText(r.span, text.length)) problems.push(`related range ${JSON.stringify(r.span)} outside the text: ${where}`);
    for (const f of d.fixes ?? []) for (const e of f.edits) if (!inText(e.span, text.length)) problems.push(`fix "${f.title}" edits ${JSON.stringify(e.span)} outside the text: ${where}`);
  }
}

function stripSpans(x: unknown): string {
  return JSON.stringify(x, (k, v) => (['span', 'header', 'keyword', 'opSpan', 'nameSpan'].includes(k) ? undefined
    : k === 'observed' && v && typeof v === 'object' ? true : typeof v === 'bigint' ? String(v) : v));
}

function applyFix(text: string, edits: { span: { start: number; end: number }; newText: string }[]): string {
  let t = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) t = t.slice(0, e.span.start) + e.newText + t.slice(e.span.end);
  return t;
}

/** The engine and the evaluator on the same units: the same bytes, or the same failure. */
export function compareScorers(model: Model, units: UnitInput[], problems: string[]): void {
  let reference: string | undefined;
  let referenceError: string | undefined;
  try { reference = JSON.stringify(evaluate(model, units)); } catch (e) { referenceError = (e as Error).message; }
  let engine: string | undefined;
  let engineError: string | undefined;
  try { engine = JSON.stringify(instantiateEngine(model).runValidated(units)); } catch (e) { engineError = (e as Error).message; }
  if (referenceError !== undefined || engineError !== undefined) {
    const prefix = (m: string | undefined) => m?.split(':')[0];
    if (referenceError === undefined || engineError === undefined || prefix(referenceError) !== prefix(engineError)) {
      problems.push(`engine and evaluator disagree on failing: evaluator ${referenceError ? `threw "${referenceError.slice(0, 120)}"` : 'scored'}, engine ${engineError ? `threw "${engineError.slice(0, 120)}"` : 'scored'}`);
    }
    return;
  }
  if (engine !== reference) {
    let i = 0;
    while (engine![i] === reference![i]) i++;
    problems.push(`engine ≠ evaluator at byte ${i}: engine …${engine!.slice(Math.max(0, i - 60), i + 60)}… evaluator …${reference!.slice(Math.max(0, i - 60), i + 60)}…`);
  }
}

export interface ExamineOptions {
  /** Seed of the generated units, so a failure can be replayed. */
  seed: number;
  /** Units scored when the text has no errors. */
  units?: number;
}

export function examine(text: string, options: ExamineOptions): Verdict {
  const problems: string[] = [];
  const t0 = cpuNow();
  let analysis: ReturnType<typeof analyze> | undefined;
  try { analysis = analyze(text); } catch (e) { problems.push(`analyze threw ${describe(e)}`); }
  let formatted: ReturnType<typeof format> | undefined;
  try { formatted = format(text); } catch (e) { problems.push(`format threw ${describe(e)}`); }
  const cpuMs = cpuNow() - t0;
  if (analysis) {
    checkDiagnostics(text, analysis.diagnostics, problems);
    if (analysis.hasErrors !== analysis.diagnostics.some((d) => d.severity === 'error')) problems.push('hasErrors does not match the diagnostics');
  }

  if (formatted?.ok) {
    try {
      const again = format(formatted.text);
      if (!again.ok) problems.push(`the formatted text does not format again (${again.errors} syntax errors)`);
      else if (again.text !== formatted.text) problems.push('format is not idempotent');
      const reparsed = parse(formatted.text);
      if (reparsed.errors.length) problems.push(`the formatted text has syntax errors: ${reparsed.errors[0]!.message.slice(0, 120)}`);
      else if (stripSpans(reparsed.tree) !== stripSpans(parse(text).tree)) problems.push('the formatted text parses to another tree');
      // Comments survive word for word; only spaces at the ends of their lines may go.
      const keep = (t: string) => parse(t).comments.map((c) => c.image.split('\n').map((l) => l.trim()).join('\n')).join('\n');
      if (keep(formatted.text) !== keep(text)) problems.push('format lost or changed a comment');
    } catch (e) { problems.push(`format of the formatted text threw ${describe(e)}`); }
  } else if (formatted && analysis && !analysis.parse.errors.length) {
    problems.push('format refused a file without syntax errors');
  }

  if (analysis) {
    // A quick fix must lead to a file the toolchain still handles.
    for (const d of analysis.diagnostics.filter((x) => x.fixes?.length).slice(0, 3)) {
      try {
        const fixed = applyFix(text, d.fixes![0]!.edits);
        checkDiagnostics(fixed, analyze(fixed).diagnostics, problems);
      } catch (e) { problems.push(`analyze threw after the fix "${d.fixes![0]!.title}" of ${d.code}: ${describe(e)}`); }
    }
  }

  let scored = false;
  if (analysis && !analysis.hasErrors) {
    scored = true;
    const model = analysis.model;
    try {
      const evs = fc.sample(fc.array(evidenceFor(model), { minLength: 1, maxLength: options.units ?? 4 }), { numRuns: 1, seed: options.seed })[0]!;
      compareScorers(model, evs.map((evidence, i) => ({ id: `u${i}`, evidence: evidence as UnitInput['evidence'] })), problems);
    } catch (e) { problems.push(`scoring threw ${describe(e)}`); }
    try {
      const code = generateEngine(model);
      if (/\beval\s*\(|new\s+Function|\bFunction\s*\(/.test(code)) problems.push('the emitted engine contains eval or new Function');
    } catch (e) { problems.push(`generateEngine threw ${describe(e)}`); }
    try { runTests(model); } catch (e) { problems.push(`runTests threw ${describe(e)}`); }
  }
  return { problems, cpuMs, scored };
}
