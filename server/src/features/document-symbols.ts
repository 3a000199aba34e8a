/**
 * Document symbols: the outline. The indicator tree with its weights (`weight 25 · 8.75% of total`),
 * then the evidence fields, grades, groups, scenarios, findings and tests.
 */
import { showType, type Indicator, type Model } from '@rubric/core';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Span } from '@rubric/grammar';
import type { Checked } from '../documents/phases.js';
import { short } from '../util/numbers.js';
import { toRange } from '../util/positions.js';

export function indicatorDetail(ind: Indicator): string {
  if (ind.observed) return `${ind.label} · observed`;
  // While being typed an indicator may have no weight yet (weights/missing), and then no effective weight.
  if (!ind.weight) return ind.label;
  return `${ind.label} · weight ${short(ind.weight, 4)}${ind.parent && ind.effectiveWeight ? ` · ${short(ind.effectiveWeight, 4)}% of total` : ''}`;
}

export function documentSymbols(doc: Checked): DocumentSymbol[] {
  const { model, parse } = doc.analysis;
  const r = (s: Span) => toRange(doc.lines, s);
  const sym = (name: string, kind: SymbolKind, span: Span, selection: Span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name || '?', kind, range: r(span), selectionRange: r(selection), ...(detail ? { detail } : {}), ...(children?.length ? { children } : {}),
  });
  const out: DocumentSymbol[] = [];
  for (const item of parse.tree.items) {
    switch (item.kind) {
      case 'Evaluation':
        out.push(sym(item.id?.text ?? 'evaluation', SymbolKind.Module, item.span, item.id?.span ?? item.keyword, item.label?.value));
        break;
      case 'Evidence': {
        const children = item.fields.flatMap((f) => {
          const field = f.path && model.fields.get(f.path.text);
          return field ? [sym(field.path, SymbolKind.Field, f.span, f.path!.span, showType(field.type))] : [];
        });
        out.push(sym('evidence', SymbolKind.Struct, item.span, item.keyword, `${children.length} fields`, children));
        break;
      }
      case 'Grades':
        out.push(sym('grades', SymbolKind.Enum, item.span, item.keyword, undefined,
          item.grades.map((g) => sym(g.name.text, SymbolKind.EnumMember, g.span, g.name.span, g.otherwise ? 'otherwise' : g.threshold ? `>= ${g.threshold.text}` : undefined))));
        break;
      case 'Group':
        if (item.id) out.push(sym(item.id.text, SymbolKind.Namespace, item.span, item.id.span, item.label?.value ?? 'group'));
        break;
      case 'Scenario':
        if (item.id) out.push(sym(item.id.text, SymbolKind.Constant, item.span, item.id.span, `${item.label?.value ?? ''}${item.observed ? ' · observed' : ''}`));
        break;
      case 'Indicator': {
        const top = model.indicators.find((i) => i.nameSpan.start === item.id?.span.start);
        if (top) out.push(indicatorSymbol(model, top, r));
        break;
      }
      case 'Finding':
        if (item.id) out.push(sym(item.id.text, SymbolKind.Event, item.span, item.id.span, item.message?.value));
        break;
      case 'Test':
        if (item.name) out.push(sym(item.name.value, SymbolKind.Method, item.span, item.name.span, item.extends ? `extends "${item.extends.value}"` : 'test'));
        break;
      case 'Preview':
        out.push(sym('preview', SymbolKind.Object, item.span, item.keyword, model.preview.evidence));
        break;
      case 'Uncertainty':
        out.push(sym('uncertainty', SymbolKind.Object, item.span, item.keyword));
        break;
    }
  }
  return out;
}

function indicatorSymbol(model: Model, ind: Indicator, r: (s: Span) => ReturnType<typeof toRange>): DocumentSymbol {
  const findings = model.findings.filter((f) => f.indicator === ind.path).map((f) => ({
    name: f.id, kind: SymbolKind.Event, range: r(f.span), selectionRange: r(f.span), detail: f.message,
  }));
  const children = [...ind.children.map((c) => indicatorSymbol(model, c, r)), ...findings];
  return {
    name: ind.id, kind: ind.children.length ? SymbolKind.Class : SymbolKind.Property, detail: indicatorDetail(ind),
    range: r(ind.span), selectionRange: r(ind.nameSpan), ...(children.length ? { children } : {}),
  };
}
