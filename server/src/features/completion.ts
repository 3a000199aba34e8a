/**
 * Completion, by where the cursor is: top level (declarations and snippets), the evidence block (types,
 * missing policies), an indicator body (rules), expressions (evidence fields with their types, functions),
 * after `==`/`!=` or inside `match FIELD { … }` (that field's enum values), test blocks (fields in `given`,
 * indicator paths, grades and findings in `expect`). Keywords come from the grammar's token lists.
 */
import { showType, type Model } from '@rubric/core';
import { CONTEXTUAL_KEYWORDS, RESERVED, type ReservedWord, type TopItem } from '@rubric/grammar';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';
import { SNIPPETS } from './snippets.js';

type Place = 'top' | 'evidence' | 'grades' | 'indicator-header' | 'indicator' | 'test-given' | 'test' | 'evaluation' | 'preview' | 'uncertainty' | 'other';

/** Every word completion may offer is the grammar's: a reserved word, a contextual one, or `half-up`. */
type Word = ReservedWord | (typeof CONTEXTUAL_KEYWORDS)[keyof typeof CONTEXTUAL_KEYWORDS][number] | 'half-up';

const WORD = /[\p{L}\p{N}_.]*$/u;

export function completion(doc: Checked, offset: number): CompletionItem[] {
  const { model } = doc.analysis;
  const before = doc.text.slice(0, offset);
  const prefix = WORD.exec(before)?.[0] ?? '';
  const start = doc.lines.position(offset - prefix.length);
  const range: Range = { start, end: doc.lines.position(offset) };
  const lineBefore = before.slice(before.lastIndexOf('\n') + 1, before.length - prefix.length);
  const place = placeOf(doc, offset);
  const withRange = (items: CompletionItem[]) => items.map((i) => ({ ...i, textEdit: { range, newText: i.insertText ?? i.label }, insertText: undefined }));

  // Enum values after a comparison with an enum field, or inside `match FIELD { … }`.
  const compared = /([\p{L}_][\p{L}\p{N}_.]*)\s*(?:==|!=)\s*$/u.exec(lineBefore)?.[1];
  const matched = compared ? undefined : openMatchSubject(before);
  const enumField = compared ?? matched;
  if (enumField) {
    const f = model.fields.get(enumField);
    if (f?.type.kind === 'enum') {
      const values = f.type.values.map((v): CompletionItem => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${f.path}: ${showType(f.type)}`, ...(matched ? { insertText: `${v} => ` } : {}) }));
      if (matched) values.push({ label: 'otherwise', kind: CompletionItemKind.Keyword, insertText: 'otherwise => ' });
      return withRange(values);
    }
    if (f?.type.kind === 'bool') return withRange(keywords(['true', 'false']));
  }

  switch (place) {
    case 'top':
      return withRange([...keywords(['evaluation', 'preview', 'evidence', 'grades', 'group', 'scenario', 'indicator', 'finding', 'test', 'uncertainty']), ...snippets('top')]);
    case 'evaluation':
      return withRange(keywords([...CONTEXTUAL_KEYWORDS.evaluationSettings, 'half-up']));
    case 'preview':
      return withRange(keywords([...CONTEXTUAL_KEYWORDS.previewSettings]));
    case 'uncertainty':
      return withRange(keywords([...CONTEXTUAL_KEYWORDS.uncertainty]));
    case 'evidence':
      if (/:\s*[\p{L}]*$/u.test(lineBefore + prefix) || /:\s*$/.test(lineBefore)) return withRange(types());
      if (/\bmissing\s*$/.test(lineBefore)) return withRange(keywords([...CONTEXTUAL_KEYWORDS.missingPolicies]));
      if (/:\s*\S/.test(lineBefore)) return withRange(keywords(['missing']));
      return withRange(fields(model));
    case 'grades':
      return withRange([...keywords(['otherwise']), ...model.grades.map((g): CompletionItem => ({ label: g.name, kind: CompletionItemKind.EnumMember }))]);
    case 'indicator-header':
      if (/\bscenario\s*$/.test(lineBefore)) return withRange(model.scenarios.map((s): CompletionItem => ({ label: s.id, kind: CompletionItemKind.Constant, detail: s.label })));
      return withRange(keywords(['weight', 'observed', 'scenario']));
    case 'test-given':
      return withRange(fields(model, ': '));
    case 'test': {
      if (/\bgrade\s*(?:==|!=)\s*$/.test(lineBefore)) return withRange(grades(model));
      if (/\bfinding\s*$/.test(lineBefore)) return withRange(findings(model));
      if (/\bexcluded\s*$/.test(lineBefore)) return withRange(indicators(model));
      if (/\bexpect\s+(?:no\s+)?$/.test(lineBefore)) return withRange([...keywords(['score', 'grade', 'finding', 'no', 'excluded']), ...indicators(model)]);
      return withRange([...keywords(['given', 'expect']), ...snippets('test')]);
    }
    case 'indicator': {
      if (/\bfinding\s*$/.test(lineBefore)) return withRange(findings(model));
      const inExpression = /(=|\bcheck|\bwhen|\bper|\bif|\bthen|\belse|\band|\bor|\bnot|[-+*/(,<>]|\bmatch|\bband)\s*$/.test(lineBefore);
      if (inExpression) return withRange([...fields(model), ...functions(), ...keywords(['match', 'band', 'if', 'then', 'else', 'not', 'and', 'or', 'true', 'false'])]);
      return withRange([...keywords(['indicator', 'score', 'check', 'start', 'deduct', 'add', 'finding', 'when', 'per', 'max', 'else', 'good']), ...snippets('indicator'), ...fields(model)]);
    }
    default:
      return withRange([...fields(model), ...keywords([...RESERVED])]);
  }
}

function keywords(words: readonly Word[]): CompletionItem[] {
  return [...new Set(words)].map((w) => ({ label: w, kind: CompletionItemKind.Keyword }));
}

function types(): CompletionItem[] {
  return CONTEXTUAL_KEYWORDS.types.map((t): CompletionItem => (t === 'enum'
    ? { label: 'enum(…)', kind: CompletionItemKind.TypeParameter, filterText: 'enum', insertText: 'enum($1)', insertTextFormat: InsertTextFormat.Snippet }
    : { label: t, kind: CompletionItemKind.TypeParameter }));
}

function fields(model: Model, suffix = ''): CompletionItem[] {
  return [...model.fields.values()].map((f) => ({
    label: f.path, kind: CompletionItemKind.Field, detail: showType(f.type),
    ...(f.description ? { documentation: f.description } : {}),
    ...(suffix ? { insertText: f.path + suffix } : {}),
  }));
}

function functions(): CompletionItem[] {
  return CONTEXTUAL_KEYWORDS.functions.map((fn) => ({ label: fn, kind: CompletionItemKind.Function, insertText: `${fn}($1)`, insertTextFormat: InsertTextFormat.Snippet }));
}

function indicators(model: Model): CompletionItem[] {
  return model.allIndicators.map((i) => ({ label: i.path, kind: CompletionItemKind.Module, detail: i.label }));
}

function grades(model: Model): CompletionItem[] {
  return model.grades.map((g) => ({ label: g.name, kind: CompletionItemKind.EnumMember }));
}

function findings(model: Model): CompletionItem[] {
  return model.findings.map((f) => ({ label: f.id, kind: CompletionItemKind.Event, detail: f.message }));
}

function snippets(where: 'top' | 'indicator' | 'test'): CompletionItem[] {
  return SNIPPETS.filter((s) => s.where === where).map((s) => ({
    label: s.label, kind: CompletionItemKind.Snippet, detail: s.detail, insertText: s.body.join('\n'), insertTextFormat: InsertTextFormat.Snippet,
  }));
}

/** The subject of the innermost `match FIELD {` that is still open before the cursor. */
function openMatchSubject(before: string): string | undefined {
  const re = /\bmatch\s+([\p{L}_][\p{L}\p{N}_.]*)\s*\{/gu;
  let found: { subject: string; at: number } | undefined;
  for (let m = re.exec(before); m; m = re.exec(before)) found = { subject: m[1]!, at: m.index + m[0].length };
  if (!found) return undefined;
  let depth = 1;
  for (let i = found.at; i < before.length; i++) {
    if (before[i] === '{') depth++;
    else if (before[i] === '}' && --depth === 0) return undefined;
  }
  return found.subject;
}

/** Which construct the offset is inside, from the syntax tree (which holds partial nodes while typing). */
function placeOf(doc: Checked, offset: number): Place {
  const inside = (n: { span: { start: number; end: number } }) => n.span.start < offset && offset <= n.span.end;
  const item = doc.analysis.parse.tree.items.find((i) => inside(i) && doc.text.lastIndexOf('{', offset - 1) >= i.span.start);
  if (!item) return 'top';
  return placeIn(doc, item, offset);
}

function placeIn(doc: Checked, item: TopItem, offset: number): Place {
  const bodyOpen = doc.text.indexOf('{', item.span.start);
  const inBody = bodyOpen >= 0 && bodyOpen < offset;
  switch (item.kind) {
    case 'Evaluation': return inBody ? 'evaluation' : 'other';
    case 'Preview': return 'preview';
    case 'Uncertainty': return inBody ? 'uncertainty' : 'other';
    case 'Evidence': return 'evidence';
    case 'Grades': return 'grades';
    case 'Test': {
      const given = /\bgiven\s*\{[^}]*$/.exec(doc.text.slice(item.span.start, offset));
      return given ? 'test-given' : 'test';
    }
    case 'Indicator': {
      // The innermost indicator whose span holds the cursor; before its `{` it is the header.
      let node = item;
      for (;;) {
        const child = node.items.find((c): c is typeof item => c.kind === 'Indicator' && c.span.start < offset && offset <= c.span.end);
        if (!child) break;
        node = child;
      }
      return offset <= node.header.end && doc.text.indexOf('{', node.span.start) >= offset - 1 ? 'indicator-header' : 'indicator';
    }
    default: return 'other';
  }
}
