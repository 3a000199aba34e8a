/**
 * results.csv: one row per unit in result order (see unit-table.ts for the columns). RFC 4180 quoting
 * and CRLF line ends, with a UTF-8 byte order mark because Excel otherwise reads the file in the
 * system's legacy code page and garbles Chinese names. Numbers are printed as results hold them; an
 * empty cell is a missing or excluded value.
 */
import type { Results } from '@rubric/core';
import { stringify } from 'csv-stringify/sync';
import { unitTable } from './unit-table.js';

export function resultsToCsv(results: Results): string {
  const { header, rows } = unitTable(results);
  return stringify([header, ...rows], {
    bom: true,
    record_delimiter: '\r\n',
    // Strict RFC 4180: only a field holding a comma, quote or line break is quoted.
    quoted: false,
  });
}
