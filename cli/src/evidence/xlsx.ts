
/** The first worksheet as rows of cell values (formulas give their cached result). */
export async function readXlsxRows(file: string): Promise<unknown[][]> {
  // exceljs loads only when a workbook is read: JSON, YAML and CSV evidence never need it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
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
