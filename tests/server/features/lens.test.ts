// Code lenses (live means, `saved → edited`, test outcomes) and inlay hints (effective weights);
// golden `<name>.lens.txt`.
import path from 'node:path';
import { describe, it } from 'vitest';
import { codeLenses } from '../../../server/src/features/code-lens.js';
import { inlayHints } from '../../../server/src/features/inlay-hints.js';
import { golden } from '../../helpers/fixtures.js';
import { at, fixturesIn, loadFixture, previewedOf } from '../helpers/fixture.js';

describe('code lens and inlay hints', () => {
  for (const file of fixturesIn('lens')) {
    it(path.basename(file), async () => {
      const fx = loadFixture(file);
      const doc = await previewedOf(fx);
      const lenses = codeLenses(doc).map((l) => `${at(l.range.start)} ${l.command!.title}${l.command!.command ? ` [${l.command!.command} ${JSON.stringify(l.command!.arguments?.slice(1))}]` : ''}`);
      const hints = inlayHints(doc, 0, fx.text.length).map((h) => `${at(h.position)} ${String(h.label)}`);
      golden(file.replace(/\.rubric$/, '.lens.txt'), ['code lenses:', ...lenses, '', 'inlay hints:', ...hints, ''].join('\n'));
    });
  }
});
