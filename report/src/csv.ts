/**
 * results.csv: one row per unit in result order (see unit-table.ts for the columns). RFC 4180 quoting
 * and CRLF line ends, with a UTF-8 byte order mark because Excel otherwise reads the file in the
 * system's legacy code page and garbles Chinese names. Numbers are printed as results hold them; an
 * empty cell is a missing or excluded value.
 */
import fs from 'node:fs';
import type { Results, UnitResult } from '@rubric/core';
import { stringify } from 'csv-stringify/sync';
import { unitHeader, unitRows, unitTable, type Cell } from './unit-table.js';

const OPTIONS = {
  record_delimiter: '\r\n',
  // Strict RFC 4180: only a field holding a comma, quote or line break is quoted.
  quoted: false,
} as const;

export function resultsToCsv(results: Results): string {
  const { header, rows } = unitTable(results);
  return stringify([header, ...rows], { ...OPTIONS, bom: true });
}

/**
 * The same bytes written to `file` a few hundred rows at a time (small enough to die young in the heap),
 * from `units` (a large run's stream).
 */
export function writeResultsCsv(results: Results, file: string, units: Iterable<UnitResult> = results.units): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, stringify([unitHeader(results)], { ...OPTIONS, bom: true }));
    let chunk: Cell[][] = [];
    for (const row of unitRows(results, units)) {
      chunk.push(row);
      if (chunk.length === 250) { fs.writeSync(fd, stringify(chunk, OPTIONS)); chunk = []; }
    }
    if (chunk.length) fs.writeSync(fd, stringify(chunk, OPTIONS));
  } finally {
    fs.closeSync(fd);
  }
}
