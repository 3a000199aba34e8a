import fs from 'node:fs';
import type { Results, UncertaintyResult, UnitResult } from '@rubric/core';
import type { Output } from './atomic.js';

/**
 * Every file `rubric run` writes, rendered in memory first so that writing is all or nothing — except,
 * for a large run, the tables (`units`: the unit records streamed from the summary), which are written
 * row by row into the temporary files that the atomic write then renames.
 */
export async function renderOutputs(results: Results, lang: 'zh' | 'en', options: { report?: Results; json?: Output; uncertainty?: UncertaintyResult; units?: () => Iterable<UnitResult> } = {}): Promise<Record<string, Output>> {
  const { uncertainty, units } = options;
  // The report renderer (charts, exceljs) loads only when a run has scored: `diff` imports run.ts without it.
  const { renderReport, resultsToCsv, resultsToXlsx, writeResultsCsv } = await import('@rubric/report');
  // Loaded now, not when written: the thread must start before the main thread's synchronous writes.
  const xlsxThread = units ? await import('../run/xlsx-thread.js') : undefined;
  const report = () => renderReport(options.report ?? results, { lang, ...(uncertainty ? { uncertainty } : {}) });
  return {
    ...(uncertainty ? { 'uncertainty.json': `${JSON.stringify(uncertainty, null, 2)}\n` } : {}),
    'results.json': options.json ?? `${JSON.stringify(results, null, 2)}\n`,
    'results.csv': units ? (file: string) => writeResultsCsv(results, file, units()) : resultsToCsv(results),
    'results.xlsx': xlsxThread && units ? { background: (file: string) => xlsxThread.writeXlsxOnThread(results, file, units()) } : await resultsToXlsx(results),
    // A large run renders it when written, after its results.xlsx thread has started, so the two run side by side.
    'report.html': units ? (file: string) => fs.writeFileSync(file, report()) : report(),
  };
}
