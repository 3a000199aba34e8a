import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textMateGrammar } from '@rubric/grammar/textmate/textmate';
import { ROOT } from '../helpers/fixtures.js';

describe('TextMate grammar', () => {
  it('is generated from the tokens, and the committed file is current (run `npm run build:grammar`)', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'grammar/syntaxes/rubric.tmLanguage.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(textMateGrammar(), null, 2)}\n`);
  });

  it('has a valid regular expression for every pattern', () => {
    const visit = (x: unknown): void => {
      if (!x || typeof x !== 'object') return;
      for (const [k, v] of Object.entries(x)) {
        if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') expect(() => new RegExp(v)).not.toThrow();
        else visit(v);
      }
    };
    visit(textMateGrammar());
  });
});
