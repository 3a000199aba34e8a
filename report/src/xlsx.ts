/**
 * results.xlsx for the methodologists who live in Excel: the units × indicators sheet of results.csv,
 * plus findings, groups and indicators sheets. Values are numbers, not text, so Excel can compute with
 * them; number formats only pad the display to the evaluation's decimals.
 *
 * The bytes are deterministic: an .xlsx is a zip, and exceljs stamps every zip entry with the current
 * time (and core.xml with created/modified dates), so the workbook dates are fixed and the zip is
 * re-packed with fixed entry dates. The same results always give the same file.
 */
import type { Results, UnitResult } from '@rubric/core';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { indicatorRows } from './indicator-tree.js';
import { groupColumns, indicatorColumns, unitHeader, unitRows, type Cell } from './unit-table.js';

/** The date every entry and property carries: the zip format's epoch, plainly not a real time. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };

/** Names of the units in a list cell (display names may contain commas, rarely semicolons). */
const NAME_SEPARATOR = '; ';

type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

function addSheet(
  workbook: AnyWorkbook,
  name: string,
  header: string[],
  rows: Iterable<Cell[]>,
  options: { frozenColumns?: number; numberColumns?: Record<number, string>; widths?: Record<number, number>; rowCount?: number } = {},
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: options.frozenColumns ?? 0, ySplit: 1 }],
  });
  // Columns first: a streaming writer fixes them before the first row is committed.
  header.forEach((title, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = options.widths?.[i] ?? Math.min(40, Math.max(8, title.length + 2));
    const format = options.numberColumns?.[i];
    if (format) column.numFmt = format;
  });
  const count = options.rowCount ?? (Array.isArray(rows) ? rows.length : 0);
  if (count > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: header.length } };
  }
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  const streaming = !(workbook instanceof ExcelJS.Workbook);
  if (streaming) headerRow.commit();
  for (const row of rows) {
    const added = sheet.addRow(row);
    if (streaming) added.commit();
  }
  if (streaming) (sheet as unknown as { commit(): void }).commit();
}

/** Makes the zip that exceljs wrote byte-for-byte reproducible by fixing every entry's date. */
async function repackDeterministically(buffer: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(buffer);
  zip.forEach((_path, entry) => {
    entry.date = FIXED_DATE;
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

export async function resultsToXlsx(results: Results): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fillWorkbook(workbook, results);
  return repackDeterministically(await workbook.xlsx.writeBuffer());
}

/**
 * The same workbook written row by row to a file, for runs too large to build in memory (exceljs keeps
 * every cell of an in-memory workbook as an object). Its zip entries carry the time of writing, so
 * unlike `resultsToXlsx` the bytes differ between runs; the cells do not.
 */
export async function writeResultsXlsx(results: Results, file: string, units: Iterable<UnitResult> = results.units): Promise<void> {
  await writeResultsXlsxRows(results, file, unitRows(results, units), units === results.units ? results.units.length : results.summary.units);
}

/** The same from the rows of the units sheet (`unitRows`), however they were produced: a worker thread's. */
export async function writeResultsXlsxRows(results: Results, file: string, rows: Iterable<Cell[]>, rowCount: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  fillWorkbook(workbook, results, { rows, count: rowCount });
  await workbook.commit();
}

function fillWorkbook(workbook: AnyWorkbook, results: Results, units: { rows: Iterable<Cell[]>; count: number } = { rows: unitRows(results, results.units), count: results.units.length }): void {
  const decimals = results.evaluation.decimals;
  const fixed = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
  workbook.creator = 'Rubric';
  workbook.lastModifiedBy = 'Rubric';
  workbook.title = results.evaluation.label;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;

  // units: the CSV's table. Columns after the fixed five hold groups, then indicator scores.
  const scoreColumns: Record<number, string> = { 3: fixed };
  const firstIndicator = 5 + groupColumns(results).length;
  indicatorColumns(results).forEach((_path, i) => {
    scoreColumns[firstIndicator + i] = fixed;
  });
  addSheet(workbook, 'units', unitHeader(results), units.rows, {
    rowCount: units.count,
    frozenColumns: 3,
    numberColumns: scoreColumns,
    widths: { 0: 6, 1: 14, 2: 16, 3: 9, 4: 8 },
  });

  addSheet(
    workbook,
    'findings',
    ['id', 'message', 'kind', 'indicator', 'observed', 'count', 'share', 'units'],
    results.findings.map((f) => [
      f.id,
      f.message,
      f.kind,
      f.indicator ?? null,
      f.observed === true,
      f.count,
      f.share,
      f.units.join(NAME_SEPARATOR),
    ]),
    { numberColumns: { 6: '0.00%' }, widths: { 0: 24, 1: 60, 3: 24, 7: 60 } },
  );

  const groupRows: Cell[][] = [];
  for (const [group, values] of Object.entries(results.groups)) {
    for (const [value, v] of Object.entries(values)) {
      groupRows.push([group, value, v.units, v.mean, v.best, v.worst, v.baseline ?? (v.baselineMissing ? 'no baseline' : null), v.delta ?? null]);
    }
  }
  addSheet(workbook, 'groups', ['group', 'value', 'units', 'mean', 'best', 'worst', 'baseline', 'delta'], groupRows, {
    numberColumns: { 3: fixed, 6: fixed, 7: fixed },
    widths: { 0: 12, 1: 14, 4: 14, 5: 14 },
  });

  addSheet(
    workbook,
    'indicators',
    ['path', 'label', 'weight', 'effectiveWeight', 'mean', 'min', 'max', 'baseline', 'delta', 'observed'],
    indicatorRows(results).map(({ path, summary: s }) => [
      path,
      s.label,
      s.weight ?? null,
      s.effectiveWeight ?? null,
      s.mean,
      s.min,
      s.max,
      // Marked, not left blank or zero: the baseline evaluation had no such figure.
      s.baseline ?? (s.baselineMissing ? 'no baseline' : null),
      s.delta ?? null,
      s.observed === true,
    ]),
    { numberColumns: { 4: fixed, 5: fixed, 6: fixed, 7: fixed, 8: fixed }, widths: { 0: 28, 1: 24, 3: 16 } },
  );
}
