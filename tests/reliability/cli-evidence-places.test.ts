/**
 * Evidence problems name the place a person can find: the line and column of a JSON syntax error
 * whatever V8's message says (and never the raw bytes of a binary file), the line or row a table's record
 * sits on (blank lines and rows counted), the Excel cell of an error or a date, and both places of a unit
 * id used twice. Through the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evidenceWorkspace, noStack, rubric } from './cli.js';

// The rules both evidence tests score with (the other: cli-evidence.test.ts).
const RULES = fs.readFileSync(path.join(import.meta.dirname, 'evidence.rubric'), 'utf8');

const VALID = { region: 'east', site: { reachable: 0.5 }, docs: { count: 1 }, rating: 80 };
const HEADER = 'id,region,site.reachable,docs.count,rating';

const ws = evidenceWorkspace(RULES);
const { rules, folder } = ws;

/** `rubric run` on a folder that must fail: its stderr, checked for stack traces and output. */
function failing(ev: string): string {
  const out = path.join(ws.dir(), `out-${path.basename(ev)}`);
  const r = rubric(['run', rules(), '--evidence', ev, '--out', out]);
  noStack(r);
  expect(r.code).toBe(1);
  expect(fs.existsSync(out)).toBe(false);
  return r.err;
}


describe('JSON syntax errors name the line and column, and what to do', () => {
  // Regression, fixed — formerly a bug (cli/src/evidence/unit-file.ts parseJson): when V8's message had
  // no `position N` (NaN, an unexpected token, the end of the input) the line and column were lost, and
  // the message quoted the text — for a binary file, its raw bytes.
  it('NaN, an early end, a trailing comma, a missing comma and text after the value', () => {
    const err = failing(folder('json-syntax', {
      'a.json': '{\n  "region": "east",\n  "site": {"reachable": NaN},\n  "docs": {"count": 1}, "rating": 80}\n',
      'b.json': '{\n  "region": "east",\n  "site": {"reachable": 0.5,\n',
      'c.json': '{"region": "east",\n "rating": 80,\n}\n',
      'd.json': '{"region": "east"\n "rating": 80}\n',
      'e.json': `${JSON.stringify(VALID)}\n{}\n`,
      'f.json': '{"region": \'east\'}',
      'g.json': '',
    }));
    const expected = [
      'a.json: error: unit a: invalid JSON at line 3, column 25: `NaN` is not a JSON value; write a number, or null where the evidence is missing',
      'b.json: error: unit b: invalid JSON at line 4, column 1: the file ends before the JSON is complete; close the `{` opened on line 3',
      'c.json: error: unit c: invalid JSON at line 3, column 1: a comma before `}`; remove the comma after the last item',
      'd.json: error: unit d: invalid JSON at line 2, column 2: a comma is missing before this item; separate items with commas',
      'e.json: error: unit e: invalid JSON at line 2, column 1: more text after the end of the JSON value;',
      'f.json: error: unit f: invalid JSON at line 1, column 12: a text in single quotes; JSON texts take double quotes',
      'g.json: error: unit g: invalid JSON at line 1, column 1: the file is empty;',
    ];
    for (const line of expected) expect(err, line).toContain(line);
    // Every one in the same form: where, what, what to do.
    for (const line of err.split('\n').filter((l) => l.includes('invalid JSON'))) expect(line).toMatch(/invalid JSON at line \d+, column \d+: [^;]+; \S/);
  });

  it('a binary file or another encoding is said to be not UTF-8 text, and no byte of it is printed', () => {
    const garbage = Buffer.from([0x42, 0x61, 0x70, 0x89, 0xa3, 0x21, 0xfe, 0x07, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x9f, 0x00]);
    const gbk = Buffer.concat([Buffer.from('{\n  "region": "east",\n  "name": "'), Buffer.from([0xb1, 0xb1, 0xbe, 0xa9]), Buffer.from('",\n  "rating": 80\n}\n')]);
    const err = failing(folder('json-binary', {
      'bin.json': garbage,
      'gbk.json': gbk,
      'nul.json': Buffer.from('{"region": "east",\0 "rating": 80}'),
      'bin.yaml': garbage,
    }));
    expect(err).toContain('bin.json: error: unit bin: invalid JSON at line 1, column 4: the file is not UTF-8 text');
    expect(err).toContain('gbk.json: error: unit gbk: invalid JSON at line 3, column 12: the file is not UTF-8 text (a byte there is not UTF-8: the file is binary, or saved in another encoding such as GBK); save it as UTF-8 JSON');
    expect(err).toContain('nul.json: error: unit nul: invalid JSON at line 1, column 19: the file is not UTF-8 text (it holds a NUL byte');
    expect(err).toContain('bin.yaml: error: unit bin: invalid YAML at line 1, column 4: the file is not UTF-8 text');
    // Nothing of the bytes themselves: no replacement character, no control character but line breaks.
    expect(err).not.toContain('\uFFFD');
    expect([...err].filter((ch) => { const c = ch.charCodeAt(0); return (c < 0x20 && c !== 0x0a) || (c >= 0x7f && c < 0xa0); })).toEqual([]);
    expect(err).not.toContain('Bap');
  });
});

describe('table rows are named by the line or row a person sees', () => {
  // Regression, fixed — formerly a bug (cli/src/evidence/load.ts tableUnits): a record's row was its
  // position among the records + 2, so blank lines skipped by the CSV reader, a quoted cell spanning
  // lines, or empty rows in a worksheet shifted every row number after them.
  it('CSV with blank lines, CRLF and a cell spanning two lines', () => {
    const err = failing(folder('csv-lines', {
      'a.csv': `${HEADER},note\n\ne1,east,0.5,1,80,\n\n\ne2,west,two,1,80,\ne3,east,0.5,1,80,"a\nb"\ne4,east,0.5,-1,80,\n`,
      'b.csv': `\r\n${HEADER}\r\n\r\nf1,east,0.5,1,80\r\n\r\n\r\nf2,north,0.5,1,80\r\n`,
    }));
    expect(err).toContain('a.csv row 6: error: unit e2: `site.reachable`: expected a ratio from 0 to 1, found the text "two"');
    expect(err).toContain('a.csv row 9: error: unit e4: `docs.count`');
    expect(err).toContain('b.csv row 7: error: unit f2: `region`: expected one of east, west, found the text "north"');
    expect(err).not.toMatch(/unit e[13]|unit f1/);
  });

  it('XLSX with empty rows', async () => {
    const d = folder('xlsx-rows', {});
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('units');
    ws.getRow(1).values = HEADER.split(',');
    ws.getRow(3).values = ['x1', 'east', 0.5, 1, 80];
    ws.getRow(7).values = ['x2', 'east', 0.5, 1, 180];
    await wb.xlsx.writeFile(path.join(d, 't.xlsx'));
    const err = failing(d);
    expect(err).toContain('t.xlsx row 7: error: unit x2: `rating`: expected a number from 0 to 100, found 180');
  });
});

describe('Excel errors and dates are named as Excel shows them', () => {
  // Regression, fixed — formerly a bug (cli/src/evidence/xlsx.ts readXlsxRows): a formula whose result is
  // an error read as `found the text "[object Object]"`; an error value (#N/A) or a date read as missing.
  it('#DIV/0! from a formula, #N/A, a date, an error in a text column, and a formula never calculated', async () => {
    const d = folder('xlsx-cells', {});
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('units');
    ws.getRow(1).values = [...HEADER.split(','), 'note'];
    ws.getRow(2).values = ['c1', 'east', { error: '#N/A' }, new Date(Date.UTC(2024, 2, 1)), { formula: '1/0', result: { error: '#DIV/0!' } }, { error: '#REF!' }];
    ws.getRow(3).values = ['c2', 'west', { formula: '1/2', result: 0.5 }, { richText: [{ text: '1' }] }, { formula: 'E2*0' }, 'fine'];
    await wb.xlsx.writeFile(path.join(d, 't.xlsx'));
    const err = failing(d);
    expect(err).toContain('t.xlsx row 2: error: unit c1: `site.reachable`: expected a ratio from 0 to 1, found the text "#N/A"');
    expect(err).toContain('t.xlsx row 2: error: unit c1: `docs.count`: expected a whole number ≥ 0, found the text "2024-03-01"');
    expect(err).toContain('t.xlsx row 2: error: unit c1: `rating`: expected a number from 0 to 100, found the text "#DIV/0!"');
    expect(err).toContain('t.xlsx row 2: error: unit c1: `note`: the cell F2 holds the Excel error #REF!; fix the formula there');
    expect(err).toContain('t.xlsx row 3: error: unit c2: `rating`: the cell E3 holds a formula whose result was never saved; open the workbook in Excel and save it again');
    expect(err).not.toContain('[object Object]');
    expect(err).not.toMatch(/unit c1: `(site\.reachable|docs\.count|rating)` is missing/);
    expect(err).not.toMatch(/unit c2: `(site\.reachable|docs\.count)`/);
  });
});

describe('a unit id used twice names both places', () => {
  // Regression, fixed — formerly a bug (cli/src/commands/run.ts scoreEvidence): an id given by a unit file
  // and again by another file, or by a table row, was reported at the second place only — for a row as
  // `table: error: …`, naming neither file.
  it('two unit files, and a unit file and a table row', () => {
    const ev = folder('dup-ids', {
      'beijing.json': JSON.stringify(VALID),
      'beijing.yaml': 'region: east\nsite: {reachable: 1}\ndocs: {count: 0}\nrating: 100\n',
      'shanghai.json': JSON.stringify(VALID),
      't.csv': `${HEADER}\nchengdu,west,0.5,1,80\n\nshanghai,east,0.5,1,80\n`,
    });
    const err = failing(ev);
    expect(err).toContain(`beijing.yaml: error: unit beijing: the unit id \`beijing\` is used twice (also by ${path.join(ev, 'beijing.json')}); ids must be unique`);
    expect(err).toContain(`t.csv row 4: error: unit shanghai: the unit id \`shanghai\` is used twice (also by ${path.join(ev, 'shanghai.json')}); ids must be unique`);
    expect(err).not.toMatch(/^table: /m);
    expect(err).toContain('2 evidence problems; nothing was written');
  });
});
