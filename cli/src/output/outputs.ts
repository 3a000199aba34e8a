import type { Results } from '@rubric/core';
import { resultsToCsv } from '@rubric/report/csv';
import { resultsToXlsx } from '@rubric/report/xlsx';

/** Every file `rubric run` writes, rendered in memory first so that writing is all or nothing. */
export async function renderOutputs(results: Results, _lang: 'zh' | 'en'): Promise<Record<string, string | Uint8Array>> {
  return {
    'results.json': `${JSON.stringify(results, null, 2)}\n`,
    'results.csv': resultsToCsv(results),
    'results.xlsx': await resultsToXlsx(results),
  };
}
