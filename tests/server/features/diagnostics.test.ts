// Diagnostics: the rules file's (checker + evidence problems at the preview entry) and each evidence
// file's, golden `<name>.diagnostics.txt`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { evidenceDiagnostics, rulesDiagnostics } from '../../../server/src/features/diagnostics.js';
import { golden } from '../../helpers/fixtures.js';
import { FIXTURES, fixturesIn, loadFixture, previewedOf, span } from '../helpers/fixture.js';

const severity = ['', 'error', 'warning', 'info', 'hint'];

describe('diagnostics', () => {
  for (const file of fixturesIn('diagnostics')) {
    it(path.basename(file), async () => {
      const fx = loadFixture(file);
      const doc = await previewedOf(fx);
      const out = rulesDiagnostics(doc, doc.preview).map((d) => `${span(d.range)} ${severity[d.severity!]} ${d.code}: ${d.message}${d.tags?.length ? ' (unnecessary)' : ''}`);
      for (const [uri, diags] of [...evidenceDiagnostics(doc.preview, (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined))].sort()) {
        out.push('', `${path.relative(FIXTURES, fileURLToPath(uri))}:`, ...diags.map((d) => `${span(d.range)} ${severity[d.severity!]} ${d.code}: ${d.message}`));
      }
      out.push('', `preview: ${doc.preview.results ? `${doc.preview.results.summary.units} units, mean ${doc.preview.results.summary.mean}` : `none (${doc.preview.reason})`}`);
      golden(file.replace(/\.rubric$/, '.diagnostics.txt'), out.join('\n') + '\n');
    });
  }
});
