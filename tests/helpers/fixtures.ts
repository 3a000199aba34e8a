/**
 * Golden-file helper: compares output with the file beside the fixture; `UPDATE_FIXTURES=1 npm test`
 * rewrites them, to be reviewed as a diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { LineIndex, type Diagnostic } from '@rubric/grammar';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function golden(file: string, actual: string): void {
  if (process.env['UPDATE_FIXTURES'] === '1' || !fs.existsSync(file)) {
    fs.writeFileSync(file, actual);
    if (process.env['UPDATE_FIXTURES'] !== '1') throw new Error(`wrote missing golden file ${path.relative(ROOT, file)}; review it and run again`);
    return;
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

export function listFixtures(dir: string, ext: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f));
}

/** Diagnostics as `line:col severity code: message`, one a line — what the expected files hold. */
export function showDiagnostics(text: string, diagnostics: Diagnostic[]): string {
  const index = new LineIndex(text);
  return diagnostics.map((d) => {
    const p = index.position(d.span.start);
    return `${p.line + 1}:${p.character + 1} ${d.severity} ${d.code}: ${d.message}${d.fixes?.length ? ` [fix: ${d.fixes.map((f) => f.title).join('; ')}]` : ''}`;
  }).join('\n') + '\n';
}
