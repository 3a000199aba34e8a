// Hover: each `<|>` of fixtures/hover/*.rubric, previewed over fixtures/evidence; golden `<name>.hover.md`.
import path from 'node:path';
import { describe, it } from 'vitest';
import { hover } from '../../../server/src/features/hover.js';
import { golden } from '../../helpers/fixtures.js';
import { cursorLine, fixturesIn, loadFixture, previewedOf, span } from '../helpers/fixture.js';

describe('hover', () => {
  for (const file of fixturesIn('hover')) {
    it(path.basename(file), async () => {
      const fx = loadFixture(file);
      const doc = await previewedOf(fx);
      const out = fx.cursors.map((offset) => {
        const h = hover(doc, offset);
        const body = h ? `range ${span(h.range!)}\n\n${(h.contents as { value: string }).value}` : '(no hover)';
        return `## ${cursorLine(fx, offset)}\n\n${body}\n`;
      });
      golden(file.replace(/\.rubric$/, '.hover.md'), out.join('\n'));
    });
  }
});
