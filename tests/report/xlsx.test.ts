import { resultsToCsv, resultsToXlsx } from '@rubric/report';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectGolden, loadResults } from './helpers.js';

/** The workbook's content as plain JSON: properties, and per sheet its layout and cell values. */
async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return {
    creator: workbook.creator,
    created: workbook.created?.toISOString(),
    modified: workbook.modified?.toISOString(),
    sheets: workbook.worksheets.map((sheet) => ({
      name: sheet.name,
      views: sheet.views.map((v) => ({ state: v.state, xSplit: (v as ExcelJS.WorksheetViewFrozen).xSplit, ySplit: (v as ExcelJS.WorksheetViewFrozen).ySplit })),
      columns: Array.from({ length: sheet.columnCount }, (_, i) => {
        const column = sheet.getColumn(i + 1);
        return { width: column.width ?? null, numFmt: column.numFmt ?? null };
      }),
      rows: Array.from({ length: sheet.rowCount }, (_, r) =>
        Array.from({ length: sheet.columnCount }, (_, c) => sheet.getRow(r + 1).getCell(c + 1).value ?? null),
      ),
    })),
  };
}

describe('resultsToXlsx', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds the units, findings, groups and indicators sheets of the golden file', async () => {
    const content = await readBack(await resultsToXlsx(loadResults()));
    expect(content.sheets.map((s) => s.name)).toEqual(['units', 'findings', 'groups', 'indicators']);
    expectGolden('results-small.xlsx.golden.json', `${JSON.stringify(content, null, 2)}\n`);
  });

  it('puts the same table in the units sheet as in results.csv, numbers as numbers', async () => {
    const results = loadResults();
    const content = await readBack(await resultsToXlsx(results));
    const csvRows = parse(resultsToCsv(results), { bom: true }) as string[][];
    const sheetRows = content.sheets[0].rows.map((row) => row.map((v) => (v === null ? '' : String(v))));
    expect(sheetRows).toEqual(csvRows);
    expect(typeof content.sheets[0].rows[1][3]).toBe('number');
  });

  it('marks indicators the baseline lacks instead of leaving a blank or a zero', async () => {
    const content = await readBack(await resultsToXlsx(loadResults()));
    const indicators = content.sheets[3];
    const header = indicators.rows[0];
    const search = indicators.rows.find((r) => r[0] === 'tech.search')!;
    expect(search[header.indexOf('baseline')]).toBe('no baseline');
    expect(search[header.indexOf('delta')]).toBeNull();
  });

  it('gives byte-identical files for the same results, whatever the clock says', async () => {
    const results = loadResults();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2023-07-11T08:00:00Z'));
    const first = await resultsToXlsx(results);
    vi.setSystemTime(new Date('2031-02-03T17:45:59Z'));
    const second = await resultsToXlsx(results);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });
});
