// Hover: each `<|>` of fixtures/hover/*.rubric, previewed over fixtures/evidence; golden `<name>.hover.md`.
// A grade or an indicator hover gets the quick uncertainty analysis, as the server gives it (computed
// here in this thread: the same core call the server's worker makes).
import path from 'node:path';
import { describe, it } from 'vitest';
import { hover, wantsUncertainty } from '../../../server/src/features/hover.js';
import { inProcessRunner } from '../../../server/src/uncertainty/runner.js';
import { UncertaintyService } from '../../../server/src/uncertainty/service.js';
import { golden } from '../../helpers/fixtures.js';
import { cursorLine, fixturesIn, loadFixture, previewedOf, span } from '../helpers/fixture.js';

describe('hover', () => {
  for (const file of fixturesIn('hover')) {
    it(path.basename(file), async () => {
      const fx = loadFixture(file);
      const doc = await previewedOf(fx);
      const uncertainty = new UncertaintyService(inProcessRunner());
      const out: string[] = [];
      for (const offset of fx.cursors) {
        const h = hover(wantsUncertainty(doc, offset) ? { ...doc, uncertainty: await uncertainty.forHover(doc) } : doc, offset);
        const body = h ? `range ${span(h.range!)}\n\n${(h.contents as { value: string }).value}` : '(no hover)';
        out.push(`## ${cursorLine(fx, offset)}\n\n${body}\n`);
      }
      golden(file.replace(/\.rubric$/, '.hover.md'), out.join('\n'));
    });
  }
});
