import type { Results, UncertaintyResult } from '@rubric/core';
import type { Output } from './atomic.js';
import { renderReport, resultsToCsv, resultsToXlsx, writeResultsXlsx } from '@rubric/report';

/** Every file `rubric run` writes, rendered in memory first so that writing is all or nothing. */
export async function renderOutputs(results: Results, lang: 'zh' | 'en', options: { report?: Results; json?: Output; uncertainty?: UncertaintyResult; streamXlsx?: boolean } = {}): Promise<Record<string, Output>> {
  const { uncertainty } = options;
  return {
    ...(uncertainty ? { 'uncertainty.json': `${JSON.stringify(uncertainty, null, 2)}\n` } : {}),
    'results.json': options.json ?? `${JSON.stringify(results, null, 2)}\n`,
    'results.csv': resultsToCsv(results),
    'results.xlsx': options.streamXlsx ? (file: string) => writeResultsXlsx(results, file) : await resultsToXlsx(results),
    'report.html': renderReport(options.report ?? results, { lang, ...(uncertainty ? { uncertainty } : {}) }),
  };
}
