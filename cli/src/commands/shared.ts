import fs from 'node:fs';
import type { Analysis } from '@rubric/core';
// The checker alone, not the core's index: `rubric check` then loads neither zod nor the code generator.
import { analyze } from '@rubric/core/check/check';
import { printDiagnostics, type Out } from '../output/terminal.js';

/** Thrown for bad usage or unreadable input: the CLI prints the message and exits 2, never a stack. */
export class UsageError extends Error {}

export function readText(file: string, what = 'file'): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the ${what} ${file}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : `: ${(e as Error).message}`}`);
  }
}

export function loadRules(file: string): { text: string; analysis: Analysis } {
  const text = readText(file, 'rules file');
  return { text, analysis: analyze(text) };
}

/** Analyses rules and prints their errors; undefined when they cannot be run. */
export function rulesOrReport(o: Out, file: string): Analysis | undefined {
  const { text, analysis } = loadRules(file);
  if (analysis.hasErrors) {
    printDiagnostics(o, file, text, analysis.diagnostics.filter((d) => d.severity === 'error'), 'err');
    const n = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    o.err(`${file}: ${n} error${n === 1 ? '' : 's'}; fix them first (\`rubric check ${file}\` lists them).`);
    return undefined;
  }
  return analysis;
}
