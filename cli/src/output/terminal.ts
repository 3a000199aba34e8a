import pc from 'picocolors';
import { LineIndex, type Diagnostic } from '@rubric/grammar';
import type { EvidenceProblem } from '@rubric/core';

/** Colours only on a terminal (picocolors also honours NO_COLOR and FORCE_COLOR). */
const color = pc.createColors(process.stdout.isTTY === true && pc.isColorSupported);
export const c = color;

export interface Out {
  out(line: string): void;
  err(line: string): void;
}

export const stdio: Out = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** `path:line:col: error: message [code]`, as tsc prints, so editors and CI annotate it. */
export function formatDiagnostic(file: string, text: string, d: Diagnostic, index = new LineIndex(text)): string {
  const p = index.position(d.span.start);
  const sev = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.blue('info');
  const hint = d.fixes?.length ? c.dim(` (quick fix: ${d.fixes[0]!.title})`) : '';
  return `${file}:${p.line + 1}:${p.character + 1}: ${sev}: ${d.message} ${c.dim(`[${d.code}]`)}${hint}`;
}

/**
 * Diagnostics on one stream, in source order: stdout when they are what the command reports (`check`, as
 * tsc and eslint do, so `rubric check > log` keeps them all), stderr when they stop another command.
 */
export function printDiagnostics(o: Out, file: string, text: string, diagnostics: Diagnostic[], to: 'out' | 'err' = 'out'): void {
  const index = new LineIndex(text);
  for (const d of diagnostics) o[to](formatDiagnostic(file, text, d, index));
}

export function printEvidenceProblems(o: Out, problems: EvidenceProblem[]): void {
  for (const p of problems) o.err(`${p.source}: ${c.red('error')}: ${p.unit ? `unit ${p.unit}: ` : ''}${p.message}`);
  o.err(`${problems.length} evidence problem${problems.length === 1 ? '' : 's'}; nothing was written. Fix the evidence and run again.`);
}

/** A plain aligned table (CJK characters count as two columns). */
export function table(rows: string[][]): string[] {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => r.map((cell, i) => {
    const pad = ' '.repeat(widths[i]! - width(cell));
    return /^-?[\d.+−-]+%?$/.test(cell) ? pad + cell : cell + pad;
  }).join('  ').trimEnd());
}
