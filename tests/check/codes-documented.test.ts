import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Code } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';

describe('diagnostic codes', () => {
  it('are each documented in docs/diagnostics.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/diagnostics.md'), 'utf8');
    const missing = Object.values(Code).filter((c) => !doc.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });
});
