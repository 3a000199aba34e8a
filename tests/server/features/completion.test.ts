// Completion at each `<|>` of fixtures/completion/*.rubric; golden `<name>.completion.txt`: the labels
// offered (with kind and detail), and the text each would insert.
import path from 'node:path';
import { describe, it } from 'vitest';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { completion } from '../../../server/src/features/completion.js';
import { golden } from '../../helpers/fixtures.js';
import { checkedOf, cursorLine, fixturesIn, loadFixture, span } from '../helpers/fixture.js';

const kindName = (k?: number) => (k === undefined ? '' : Object.entries(CompletionItemKind).find(([, v]) => v === k)?.[0] ?? String(k));

function show(item: CompletionItem): string {
  const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
  const insert = edit && edit.newText !== item.label ? ` → ${JSON.stringify(edit.newText)}` : '';
  return `${item.label} (${kindName(item.kind)}${item.detail ? `: ${item.detail}` : ''})${insert}`;
}

describe('completion', () => {
  for (const file of fixturesIn('completion')) {
    it(path.basename(file), () => {
      const fx = loadFixture(file);
      const doc = checkedOf(fx);
      const out = fx.cursors.map((offset) => {
        const items = completion(doc, offset);
        const edit = items[0]?.textEdit;
        const range = edit && 'range' in edit ? ` (replaces ${span(edit.range)})` : '';
        return `## ${cursorLine(fx, offset)}${range}\n${items.map(show).join('\n')}\n`;
      });
      golden(file.replace(/\.rubric$/, '.completion.txt'), out.join('\n'));
    });
  }
});
