// Code actions: every quick fix offered on fixtures/actions/*.rubric, with the lines it changes;
// golden `<name>.actions.txt`. Applying a fix must remove the diagnostic it fixes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '@rubric/core';
import { codeActions } from '../../../server/src/features/code-actions.js';
import { golden } from '../../helpers/fixtures.js';
import { applyEdits, checkedOf, fixturesIn, lineDiff, loadFixture, span } from '../helpers/fixture.js';

describe('code actions', () => {
  for (const file of fixturesIn('actions')) {
    it(path.basename(file), () => {
      const fx = loadFixture(file);
      const doc = checkedOf(fx);
      const out: string[] = [];
      for (const d of doc.analysis.diagnostics) {
        const range = { start: doc.lines.position(d.span.start), end: doc.lines.position(d.span.end) };
        const actions = codeActions(doc, range, []).filter((a) => a.diagnostics?.[0]?.code === d.code && a.diagnostics[0].message === d.message);
        if (!actions.length) continue;
        for (const a of actions) {
          const after = applyEdits(fx.text, a.edit!.changes![doc.uri]!);
          const fixed = !analyze(after).diagnostics.some((x) => x.code === d.code && x.message === d.message);
          expect(fixed, `${a.title} fixes ${d.code}`).toBe(true);
          out.push(`## ${span(range)} ${d.code}: ${a.title}${a.isPreferred ? ' (preferred)' : ''}`, lineDiff(fx.text, after), '');
        }
      }
      golden(file.replace(/\.rubric$/, '.actions.txt'), out.join('\n'));
    });
  }
});
