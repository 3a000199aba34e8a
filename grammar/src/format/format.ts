/**
 * The canonical layout of a `.rubric` file (`rubric fmt`, the editor's formatting). Printed from the syntax
 * tree, so it is idempotent; comments are re-attached by position (before the item they precede, or at the
 * end of the line they ended), and a blank line between items in the source is kept (at most one).
 */
import type { IToken } from 'chevrotain';
import { parse } from '../parser/parse.js';
import type * as A from '../syntax/ast.js';
import { printExpr, printLiteral, quote } from './print-expr.js';
import { displayWidth } from './width.js';

const WIDTH = 100;


export type FormatResult = { ok: true; text: string } | { ok: false; errors: number };

export function format(text: string): FormatResult {
  const parsed = parse(text);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors.length };
  return { ok: true, text: new Printer(text, parsed.comments).file(parsed.tree) };
}

class Printer {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(private readonly src: string, private readonly comments: IToken[]) {}

  file(tree: A.FileNode): string {
    this.items(tree.items, '', (item, indent) => this.top(item, indent));
    this.flushComments(Infinity, '');
    while (this.lines.length && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return `${this.lines.join('\n')}\n`;
  }

  // ---- comments and blank lines ----

  /** Offsets of the source's `\n`s, found on first use: `lineOf` is asked after every item. */
  private newlines: number[] | undefined;

  /** The number of `\n`s before `offset` (a binary search: counting them each time made long files quadratic). */
  private lineOf(offset: number): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.src.indexOf('\n'); i >= 0; i = this.src.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    const nl = this.newlines;
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nl[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A blank line in the source just before `offset` (after skipping the indentation). */
  private blankBefore(offset: number): boolean {
    let i = offset - 1;
    while (i >= 0 && (this.src[i] === ' ' || this.src[i] === '\t')) i--;
    if (this.src[i] !== '\n') return false;
    i--;
    while (i >= 0 && (this.src[i] === ' ' || this.src[i] === '\t' || this.src[i] === '\r')) i--;
    return this.src[i] === '\n';
  }

  private emitBlank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  private flushComments(before: number, indent: string): void {
    while (this.next < this.comments.length && this.comments[this.next]!.startOffset < before) {
      const c = this.comments[this.next++]!;
      if (this.blankBefore(c.startOffset)) this.emitBlank();
      // Continuation lines keep their indentation relative to the comment's start, so that re-indenting
      // the comment does not indent them once more on every run.
      const column = c.startOffset - (this.src.lastIndexOf('\n', c.startOffset - 1) + 1);
      c.image.split('\n').forEach((line, i) => {
        let body = line;
        if (i > 0) {
          let cut = 0;
          while (cut < column && (body[cut] === ' ' || body[cut] === '\t')) cut++;
          body = body.slice(cut);
        }
        this.lines.push(`${indent}${body}`.trimEnd());
      });
    }
  }

  /** A comment starting on the line where an item ended stays at the end of that line. */
  private trailing(end: number): void {
    const c = this.comments[this.next];
    if (!c || this.lineOf(c.startOffset) !== this.lineOf(Math.max(0, end - 1)) || c.image.startsWith('/*') && c.image.includes('\n')) return;
    this.lines[this.lines.length - 1] += ` ${c.image.trimEnd()}`;
    this.next++;
  }

  /** Whether a comment not yet printed starts inside the span (comments are in source order). */
  private hasCommentWithin(span: A.Node['span']): boolean {
    let lo = this.next;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid]!.startOffset < span.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.comments.length && this.comments[lo]!.startOffset < span.end;
  }

  private items<T extends A.Node>(items: T[], indent: string, print: (item: T, indent: string) => void): void {
    items.forEach((item) => {
      this.flushComments(item.span.start, indent);
      if (this.blankBefore(item.span.start)) this.emitBlank();
      print(item, indent);
      this.trailing(item.span.end);
    });
  }

  private block(head: string, indent: string, span: A.Node['span'], body: () => void): void {
    this.lines.push(`${indent}${head} {`);
    this.trailing(span.start + 1);
    body();
    this.flushComments(span.end, `${indent}  `);
    this.lines.push(`${indent}}`);
  }

  // ---- declarations ----

  private top(item: A.TopItem, indent: string): void {
    switch (item.kind) {
      case 'Evaluation':
        this.block(`evaluation ${item.id?.text ?? ''}${item.label ? ` ${quote(item.label.value)}` : ''}`, indent, item.span,
          () => this.items(item.settings, `${indent}  `, (s, ind) => this.lines.push(`${ind}${setting(s)}`)));
        break;
      case 'Uncertainty':
        this.block('uncertainty', indent, item.span, () => this.items(item.settings, `${indent}  `, (s, ind) => this.lines.push(`${ind}${setting(s)}`)));
        break;
      case 'Preview':
        this.block('preview', indent, item.span, () => this.items(item.entries, `${indent}  `, (e, ind) => this.lines.push(`${ind}${e.key.text} ${e.value ? quote(e.value.value) : ''}`)));
        break;
      case 'Evidence':
        this.block('evidence', indent, item.span, () => this.items(item.fields, `${indent}  `, (f, ind) => this.lines.push(`${ind}${field(f)}`)));
        break;
      case 'Grades':
        this.block('grades', indent, item.span, () => this.items(item.grades, `${indent}  `, (g, ind) => this.lines.push(`${ind}${g.name.text} ${g.otherwise ? 'otherwise' : `>= ${g.threshold?.text ?? ''}`}`)));
        break;
      case 'Group':
        this.lines.push(`${indent}group ${item.id?.text ?? ''}${item.label ? ` ${quote(item.label.value)}` : ''}${item.by ? ` by ${item.by.text}` : ''}`);
        break;
      case 'Scenario':
        this.lines.push(`${indent}scenario ${item.id?.text ?? ''}${item.label ? ` ${quote(item.label.value)}` : ''}${item.observed ? ' observed' : ''}`);
        break;
      case 'Indicator':
        this.indicator(item, indent);
        break;
      case 'Finding':
        this.lines.push(`${indent}${this.finding(item, indent)}`);
        break;
      case 'Test':
        this.test(item, indent);
        break;
    }
  }

  private indicator(d: A.IndicatorDecl, indent: string): void {
    const head = [`indicator ${d.id?.text ?? ''}`, d.label ? quote(d.label.value) : '', d.weight ? `weight ${d.weight.text}` : '', d.observed ? 'observed' : '', d.scenario ? `scenario ${d.scenario.text}` : '']
      .filter(Boolean).join(' ');
    const only = d.items.length === 1 && d.items[0]!.kind !== 'Indicator' ? d.items[0]! : undefined;
    if (only && !this.hasCommentWithin(d.span)) {
      const inline = `${indent}${head} { ${this.rule(only, `${indent}  `)} }`;
      if (displayWidth(inline) <= WIDTH && !inline.includes('\n')) {
        this.lines.push(inline);
        return;
      }
    }
    this.block(head, indent, d.span, () => this.items(d.items, `${indent}  `, (it, ind) => {
      if (it.kind === 'Indicator') this.indicator(it, ind);
      else this.lines.push(`${ind}${this.rule(it, ind)}`);
    }));
  }

  private rule(it: Exclude<A.IndicatorItem, A.IndicatorDecl>, indent: string): string {
    const room = (prefix: string) => WIDTH - indent.length - prefix.length;
    switch (it.kind) {
      case 'Score': return `score = ${printExpr(it.expr, indent, room('score = '))}`;
      case 'Check': return fit(`check ${printExpr(it.cond, indent, room('check '))}`, it.finding ? `else ${findingRef(it.finding)}` : '', indent);
      case 'Start': return `start ${it.value?.text ?? ''}`;
      case 'Adjust':
        return fit([it.op, it.points?.text ?? '', it.per ? `per ${printExpr(it.per, indent)}` : '', it.max ? `max ${it.max.text}` : '',
          it.when ? `when ${printExpr(it.when, indent)}` : ''].filter(Boolean).join(' '), it.finding ? findingRef(it.finding) : '', indent);
      case 'Finding': return this.finding(it, indent);
    }
  }

  private finding(f: A.FindingDecl, indent: string): string {
    return fit(`finding ${f.id?.text ?? ''}${f.message ? ` ${quote(f.message.value)}` : ''}${f.good ? ' good' : ''}`, `when ${printExpr(f.when, indent)}`, indent);
  }

  private test(t: A.TestDecl, indent: string): void {
    const head = `test ${t.name ? quote(t.name.value) : '""'}${t.extends ? ` extends ${quote(t.extends.value)}` : ''}`;
    this.block(head, indent, t.span, () => {
      const inner = `${indent}  `;
      if (t.given.length) {
        const entries = t.given.map((g) => `${g.path?.text ?? ''}: ${g.value ? printLiteral(g.value) : ''}`);
        const start = t.given[0]!.span.start;
        // Comments before the last entry stay between the entries; one inside the last entry moves after the
        // block, in both layouts, so that formatting the output changes nothing.
        const lastStart = t.given[t.given.length - 1]!.span.start;
        const inline = `${inner}given { ${entries.join(', ')} }`;
        this.flushComments(start, inner);
        if (displayWidth(inline) <= WIDTH && !this.hasCommentWithin({ start, end: lastStart })) this.lines.push(inline);
        else {
          // Entries the writer put on one line stay together: a long `given` is grouped by meaning.
          this.lines.push(`${inner}given {`);
          // Rows are printed as they close, so a comment between entries stays between them.
          let row: string[] = [];
          const endRow = (more: boolean) => {
            if (row.length) this.lines.push(`${inner}  ${row.join(', ')}${more ? ',' : ''}`);
            row = [];
          };
          let lastLine = -1;
          t.given.forEach((g, i) => {
            const line = this.lineOf(g.span.start);
            const comment = this.comments[this.next];
            if (line !== lastLine || (comment && comment.startOffset < g.span.start)) endRow(true);
            this.flushComments(g.span.start, `${inner}  `);
            lastLine = line;
            row.push(entries[i]!);
          });
          endRow(false);
          this.lines.push(`${inner}}`);
        }
      }
      this.items(t.expects, inner, (e, ind) => this.lines.push(`${ind}${expectation(e)}`));
    });
  }
}

/** A rule and its tail on one line when they fit, else the tail on a continuation line. */
function fit(head: string, tail: string, indent: string): string {
  if (!tail) return head;
  const one = `${head} ${tail}`;
  return indent.length + displayWidth(one) <= WIDTH ? one : `${head}\n${indent}  ${tail}`;
}

function setting(s: A.Setting): string {
  return [s.name.text, s.value ? `${s.value.text}${s.upTo ? `..${s.upTo.text}` : ''}` : '', s.mode ? s.mode.text : ''].filter(Boolean).join(' ');
}

function field(f: A.FieldDecl): string {
  const type = f.type ? `${f.type.name.text}${f.type.values ? `(${f.type.values.map((v) => v.text).join(', ')})` : ''}` : '';
  const constraints = f.constraints.map((c) => (c.op === 'range' ? `${c.lo.text}..${c.hi.text}` : `${c.op} ${c.value.text}`));
  return [`${f.path?.text ?? ''}: ${type}`, ...constraints, f.missing ? `missing ${f.missing.text}` : '', f.description ? quote(f.description.value) : ''].filter(Boolean).join(' ');
}

function findingRef(f: A.FindingRef): string {
  return `finding ${f.id?.text ?? ''}${f.message ? ` ${quote(f.message.value)}` : ''}${f.good ? ' good' : ''}`;
}

function expectation(e: A.ExpectStmt): string {
  const no = e.negated ? 'no ' : '';
  if (e.finding) return `expect ${no}finding${e.finding.id ? ` ${e.finding.id.text}` : ''}`;
  if (e.target) return `expect ${no}${e.subject?.text ?? ''} ${e.target.text}`;
  return `expect ${no}${e.subject?.text ?? ''} ${e.op ?? '=='} ${e.value ? printLiteral(e.value) : ''}`;
}
