import type { Results } from '@rubric/core';
import { renderReport, resultsToCsv, resultsToXlsx } from '@rubric/report';

/** Every file `rubric run` writes, rendered in memory first so that writing is all or nothing. */
export async function renderOutputs(results: Results, lang: 'zh' | 'en'): Promise<Record<string, string | Uint8Array>> {
  return {
    'results.json': `${JSON.stringify(results, null, 2)}\n`,
    'results.csv': resultsToCsv(results),
    'results.xlsx': await resultsToXlsx(results),
    'report.html': renderReport(results, { lang }),
  };
}
