/** Checker fixtures: each `.rubric` file's diagnostics must equal the `.expected` file beside it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { analyze } from '@rubric/core';
import { golden, listFixtures, showDiagnostics } from '../helpers/fixtures.js';

const dir = path.join(import.meta.dirname, 'fixtures');

describe('checker fixtures', () => {
  for (const file of listFixtures(dir, '.rubric')) {
    it(path.basename(file), () => {
      const text = fs.readFileSync(file, 'utf8');
      golden(file.replace(/\.rubric$/, '.expected'), showDiagnostics(text, analyze(text).diagnostics));
    });
  }
});
