// Definition, references, highlights and rename at each `<|>` of fixtures/navigation/*.rubric;
// golden `<name>.navigation.txt` (rename shows the changed lines).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { definition } from '../../../server/src/features/definition.js';
import { highlights, references } from '../../../server/src/features/references.js';
import { prepareRename, rename } from '../../../server/src/features/rename.js';
import { golden } from '../../helpers/fixtures.js';
import { applyEdits, checkedOf, cursorLine, fixturesIn, lineDiff, loadFixture, span } from '../helpers/fixture.js';

describe('navigation', () => {
  for (const file of fixturesIn('navigation')) {
    it(path.basename(file), () => {
      const fx = loadFixture(file);
      const doc = checkedOf(fx);
      const out = fx.cursors.map((offset) => {
        const def = definition(doc, offset);
        const refs = references(doc, offset, true).map((l) => span(l.range));
        const marks = highlights(doc, offset).map((h) => `${span(h.range)}${h.kind === 2 ? '' : ' (decl)'}`);
        const prep = prepareRename(doc, offset);
        const lines = [`## ${cursorLine(fx, offset)}`, `definition: ${def ? span(def.range) : '(none)'}`, `references: ${refs.join(', ') || '(none)'}`, `highlights: ${marks.join(', ') || '(none)'}`];
        if (prep) {
          const edit = rename(doc, offset, `${prep.placeholder}_new`)!;
          lines.push(`rename ${span(prep.range)} ${JSON.stringify(prep.placeholder)} → ${prep.placeholder}_new:`, lineDiff(fx.text, applyEdits(fx.text, edit.changes![doc.uri]!)));
        } else lines.push('rename: (not renamable)');
        return lines.join('\n') + '\n';
      });
      golden(file.replace(/\.rubric$/, '.navigation.txt'), out.join('\n'));
    });
  }

  it('refuses a reserved word or a malformed name as the new name', () => {
    const fx = loadFixture(fixturesIn('navigation')[0]!);
    const doc = checkedOf(fx);
    expect(() => rename(doc, fx.cursors[0]!, 'weight')).toThrow(ResponseError);
    expect(() => rename(doc, fx.cursors[0]!, 'two words')).toThrow(ResponseError);
    const field = fx.cursors.find((c) => fx.text.slice(c - 6, c + 1) === 'site.ok')!;
    expect(rename(doc, field, 'site.up.ratio')!.changes![doc.uri]).toHaveLength(3); // declaration, score, test
    expect(() => rename(doc, field, 'site.')).toThrow(ResponseError);
  });
});
