// Formatting: the server's edit turns each fixture into exactly what `rubric fmt` writes, touches only
// the part that changes, and offers nothing for a file with syntax errors or already formatted.
import { describe, expect, it } from 'vitest';
import { format } from '@rubric/grammar';
import { formatting } from '../../../server/src/features/formatting.js';
import { applyEdits, checkedOf, fixturesIn, loadFixture } from '../helpers/fixture.js';

describe('formatting', () => {
  for (const file of fixturesIn('formatting')) {
    it(file.split('/').pop()!, () => {
      const fx = loadFixture(file);
      const expected = format(fx.text);
      expect(expected.ok).toBe(true);
      const edits = formatting(checkedOf(fx));
      expect(edits).toHaveLength(1);
      expect(applyEdits(fx.text, edits)).toBe(expected.ok && expected.text);
      expect(edits[0]!.range.start.line).toBeGreaterThan(0); // the unchanged head is not rewritten
      const again = { ...fx, text: expected.ok ? expected.text : '' };
      expect(formatting(checkedOf(again))).toEqual([]);
    });
  }

  it('offers nothing while the file has syntax errors', () => {
    const fx = loadFixture(fixturesIn('diagnostics').find((f) => f.endsWith('syntax.rubric'))!);
    expect(formatting(checkedOf(fx))).toEqual([]);
  });
});
