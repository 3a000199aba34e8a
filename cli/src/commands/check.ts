import { LineIndex } from '@rubric/grammar';
import { loadRules } from './shared.js';
import { printDiagnostics, c, type Out } from '../output/terminal.js';

/** `rubric check`: 0 clean or warnings only, 1 errors. */
export function check(o: Out, file: string, format: 'text' | 'json'): number {
  const { text, analysis } = loadRules(file);
  const { diagnostics } = analysis;
  if (format === 'json') {
    const index = new LineIndex(text);
    o.out(JSON.stringify(diagnostics.map((d) => {
      const s = index.position(d.span.start);
      const e = index.position(d.span.end);
      return { file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: d.severity, code: d.code, message: d.message, fixes: d.fixes ?? [] };
    }), null, 2));
    return analysis.hasErrors ? 1 : 0;
  }
  printDiagnostics(o, file, text, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors + warnings === 0) o.out(`${file}: ${c.green('ok')} — ${analysis.model.allIndicators.length} indicators, ${analysis.model.fields.size} evidence fields, ${analysis.model.findings.length} findings, ${analysis.model.tests.length} tests`);
  else o.out(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors ? 1 : 0;
}
