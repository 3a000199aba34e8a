import { runTests } from '@rubric/core';
import { LineIndex } from '@rubric/grammar';
import { rulesOrReport, loadRules } from './shared.js';
import { c, type Out } from '../output/terminal.js';

/** `rubric test`: runs the file's test blocks; the last line is `N passed, N failed`. */
export function test(o: Out, file: string): number {
  const analysis = rulesOrReport(o, file);
  if (!analysis) { o.out('0 passed, 1 failed'); return 1; }
  const { text } = loadRules(file);
  const index = new LineIndex(text);
  const outcomes = runTests(analysis.model);
  let failed = 0;
  for (const t of outcomes) {
    if (t.passed) { o.out(`${c.green('✓')} ${t.name}`); continue; }
    failed++;
    o.out(`${c.red('✗')} ${t.name}`);
    for (const f of t.failures) {
      const p = index.position(f.span.start);
      o.out(`    ${file}:${p.line + 1}:${p.character + 1}: ${f.message}`);
    }
  }
  o.out(`${outcomes.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
