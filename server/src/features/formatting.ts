/**
 * Formatting: the canonical form `rubric fmt` writes, as one edit covering only the part that changes
 * (so the cursor and folds outside it stay put). Nothing is offered for a file with syntax errors.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';
import { format } from '@rubric/grammar';
import { toRange } from '../util/positions.js';

export function formatting(doc: Checked): TextEdit[] {
  if (doc.analysis.parse.errors.length) return [];
  const result = format(doc.text);
  if (!result.ok || result.text === doc.text) return [];
  const formatted = result.text;
  const a = doc.text;
  const b = formatted;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  // Never cut a surrogate pair in two.
  if (start > 0 && /[\ud800-\udbff]/.test(a[start - 1]!)) start--;
  if (endA < a.length && /[\udc00-\udfff]/.test(a[endA]!)) {
    endA++;
    endB++;
  }
  return [{ range: toRange(doc.lines, { start, end: endA }), newText: b.slice(start, endB) }];
}

