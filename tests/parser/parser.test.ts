/** Parser fixtures: `ok/` files parse without errors; `err/` files give the errors in their `.expected` file. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@rubric/grammar';
import { RubricParser } from '@rubric/grammar/parser/parser';
import { golden, listFixtures, showDiagnostics } from '../helpers/fixtures.js';

describe('grammar', () => {
  it('passes Chevrotain\'s grammar validations (production skips them for start-up time)', () => {
    expect(() => new RubricParser({ validate: true })).not.toThrow();
  });
});

describe('parser ok/', () => {
  for (const file of listFixtures(path.join(import.meta.dirname, 'ok'), '.rubric')) {
    it(path.basename(file), () => {
      const r = parse(fs.readFileSync(file, 'utf8'));
      expect(r.errors).toEqual([]);
      golden(file.replace(/\.rubric$/, '.tree.json'), `${JSON.stringify(r.tree, (k, v) => (k === 'span' || k === 'header' || k === 'keyword' || k === 'opSpan' ? undefined : v), 1)}\n`);
    });
  }
});

describe('parser err/', () => {
  for (const file of listFixtures(path.join(import.meta.dirname, 'err'), '.rubric')) {
    it(path.basename(file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const r = parse(text);
      expect(r.errors.length).toBeGreaterThan(0);
      golden(file.replace(/\.rubric$/, '.expected'), showDiagnostics(text, r.errors));
    });
  }
});
