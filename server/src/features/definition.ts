/** Go to definition: from any occurrence of a name to its declaration in the same file. */
import type { Location } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';
import { declarationOf, targetAt } from '../util/lookup.js';
import { toRange } from '../util/positions.js';

export function definition(doc: Checked, offset: number): Location | null {
  const s = targetAt(doc, offset);
  if (!s) return null;
  // An enum value is declared in its field's `enum(…)`.
  const decl = declarationOf(doc.analysis, s);
  return decl ? { uri: doc.uri, range: toRange(doc.lines, decl.span) } : null;
}
