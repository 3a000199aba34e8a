/**
 * A cell that holds no usable value although it is not empty: an Excel error (`#DIV/0!`, `#N/A`, …) or a
 * formula whose result was never saved. The table reader reports it naming the cell, never as missing
 * evidence and never as `[object Object]`.
 */
export class UnusableCell {
  constructor(readonly address: string, readonly what: 'error' | 'no-result', readonly code = '') {}

  get message(): string {
    return this.what === 'error'
      ? `the cell ${this.address} holds the Excel error ${this.code}; fix the formula there, or clear the cell where the evidence is missing`
      : `the cell ${this.address} holds a formula whose result was never saved; open the workbook in Excel and save it again`;
  }
}

/** A worksheet row: its number as Excel shows it, and its cells' values. */
export interface SheetRow { line: number; cells: unknown[] }

/** The ISO text of an Excel date (exceljs gives dates in UTC): the day alone when it has no time. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
}

/**
 * A cell's value as the table reader takes it: a number, text, boolean or null; a date as its ISO text;
 * a formula as its saved result; rich text and hyperlinks as their text; errors as `UnusableCell`.
 */
export function unwrapCell(v: unknown, address: string): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return dateText(v);
  if (typeof v !== 'object') return v;
  const o = v as { formula?: unknown; sharedFormula?: unknown; result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
  if (typeof o.error === 'string') return new UnusableCell(address, 'error', o.error);
  if ('formula' in o || 'sharedFormula' in o || 'result' in o) {
    return o.result === undefined || o.result === null ? new UnusableCell(address, 'no-result') : unwrapCell(o.result, address);
  }
  if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
  if ('text' in o) return unwrapCell(o.text, address);
  return null;
}

/** The first worksheet as rows of cell values, with their row numbers (empty rows are skipped). */
export async function readXlsxRows(file: string): Promise<SheetRow[]> {
  // exceljs loads only when a workbook is read: JSON, YAML and CSV evidence never need it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    // A .xlsx is a zip of XML parts; whatever exceljs or its unzipper says, the file is not a workbook it can read.
    const why = /central directory|zip/i.test((e as Error).message) ? 'it is not a zip archive, as every .xlsx file is' : (e as Error).message;
    throw new Error(`cannot read it as an Excel workbook: ${why}; save it again from Excel as .xlsx, or export it as CSV`);
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: SheetRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(unwrapCell(cell.value, cell.address));
    }
    rows.push({ line: row.number, cells });
  });
  return rows;
}
