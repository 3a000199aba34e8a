// Document symbols (the outline: the indicator tree with weights) and workspace symbols.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { documentSymbols } from '../../../server/src/features/document-symbols.js';
import { scanFolders, workspaceSymbols } from '../../../server/src/features/workspace-symbols.js';
import { golden } from '../../helpers/fixtures.js';
import { FIXTURES, checkedOf, fixturesIn, loadFixture, span } from '../helpers/fixture.js';

const kindName = (k: number) => Object.entries(SymbolKind).find(([, v]) => v === k)?.[0] ?? String(k);

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${kindName(s.kind)}]${s.detail ? ` ${s.detail}` : ''} ${span(s.selectionRange)}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

describe('symbols', () => {
  for (const file of fixturesIn('symbols')) {
    it(`outline of ${path.basename(file)}`, () => {
      const fx = loadFixture(file);
      golden(file.replace(/\.rubric$/, '.outline.txt'), outline(documentSymbols(checkedOf(fx))).join('\n') + '\n');
    });
  }

  it('workspace symbols search every .rubric file under the folders, by id and by label', async () => {
    const files = await scanFolders([path.join(FIXTURES, 'symbols'), path.join(FIXTURES, 'hover')]);
    expect(files.length).toBe(fixturesIn('symbols').length + fixturesIn('hover').length);
    const byLabel = workspaceSymbols(files, '可及');
    expect(byLabel.map((s) => s.name)).toContain('tech.access 可及性');
    expect(new Set(byLabel.map((s) => s.kind))).toEqual(new Set([SymbolKind.Class]));
    const fields = workspaceSymbols(files, 'site.ok').filter((s) => s.containerName === 'outline.rubric');
    expect(fields.map((s) => `${s.name} ${kindName(s.kind)}`)).toEqual(['site.ok Field']);
  });
});
