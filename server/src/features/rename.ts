/**
 * Rename indicators, evidence fields, findings, grades, groups, scenarios and enum values across the
 * file. Test names are strings, not names, and are not renamed. The new name must be a valid id (a field
 * path for fields) and not a reserved word.
 */
import { RESERVED } from '@rubric/grammar';
import { ResponseError, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';
import { targetAt } from '../util/lookup.js';
import { toRange } from '../util/positions.js';
import { occurrencesOf } from './references.js';

const ID = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const reserved = new Set<string>(RESERVED);

export function prepareRename(doc: Checked, offset: number): { range: Range; placeholder: string } | null {
  const s = targetAt(doc, offset);
  if (!s || s.kind === 'test') return null;
  const here = occurrencesOf(doc, s).find((o) => o.span.start <= offset && offset <= o.span.end);
  const span = here?.span ?? s.span;
  return { range: toRange(doc.lines, span), placeholder: doc.text.slice(span.start, span.end) };
}

export function rename(doc: Checked, offset: number, newName: string): WorkspaceEdit | null {
  const s = targetAt(doc, offset);
  if (!s || s.kind === 'test') return null;
  const valid = s.kind === 'field' ? newName.split('.').every((p) => ID.test(p) && !reserved.has(p)) : ID.test(newName) && !reserved.has(newName);
  if (!valid) throw new ResponseError(1, `\`${newName}\` is not a valid ${s.kind === 'field' ? 'field path' : 'name'} (letters, digits and _, not a reserved word).`);
  const edits = occurrencesOf(doc, s).map((o) => ({ range: toRange(doc.lines, o.span), newText: newName }));
  return { changes: { [doc.uri]: edits } };
}
