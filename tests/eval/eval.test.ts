/**
 * Evaluation fixtures: each folder holds rules, evidence and the expected results.json; the evaluator and
 * the generated engine must both produce exactly that file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, evaluate, instantiateEngine, validateEvidence } from '@rubric/core';
import { golden } from '../helpers/fixtures.js';

const root = import.meta.dirname;

describe('evaluation fixtures', () => {
  for (const name of fs.readdirSync(root).filter((f) => fs.statSync(path.join(root, f)).isDirectory()).sort()) {
    it(name, () => {
      const dir = path.join(root, name);
      const a = analyze(fs.readFileSync(path.join(dir, 'rules.rubric'), 'utf8'));
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const files = fs.readdirSync(path.join(dir, 'evidence')).sort();
      const v = validateEvidence(a.model, files.map((f) => ({ id: f.replace(/\.json$/, ''), source: f, data: JSON.parse(fs.readFileSync(path.join(dir, 'evidence', f), 'utf8')) })));
      expect(v.problems).toEqual([]);
      const expected = `${JSON.stringify(evaluate(a.model, v.units), null, 2)}\n`;
      golden(path.join(dir, 'results.json'), expected);
      expect(`${JSON.stringify(instantiateEngine(a.model).runValidated(v.units), null, 2)}\n`).toBe(expected);
    });
  }
});
