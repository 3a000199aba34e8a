/**
 * Problems are values, never exceptions. One shape serves the parser, the checker and evidence
 * validation; the CLI prints it as `path:line:col`, the language server maps it to LSP.
 */

/** Offsets into the source text, in UTF-16 code units (what JavaScript strings and LSP count). */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** A machine-readable fix; the editor offers it as a quick fix. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable code, e.g. `weights/sum`; documented in docs/diagnostics.md and shared with quick fixes. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  fixes?: Fix[];
  /** Other places that explain the problem (the first declaration of a duplicate id, …). */
  related?: { span: Span; message: string }[];
}

export type SyntaxError = Omit<Diagnostic, 'severity'> & { severity?: Severity };
