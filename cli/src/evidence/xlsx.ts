
/** The first worksheet as rows of cell values (formulas give their cached result). */
export async function readXlsxRows(file: string): Promise<unknown[][]> {
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
  const rows: unknown[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      let v: unknown = row.getCell(c).value;
      if (v && typeof v === 'object') {
        const o = v as { result?: unknown; richText?: { text: string }[]; text?: string };
        v = o.result ?? (o.richText ? o.richText.map((t) => t.text).join('') : o.text ?? null);
      }
      cells.push(v);
    }
    rows.push(cells);
  });
  return rows;
}
