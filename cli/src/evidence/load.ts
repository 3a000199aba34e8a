/**
 * Reads units' evidence from files: one JSON/YAML file per unit, or a CSV/XLSX table with a row per unit.
 * Every problem of every file is collected; nothing is thrown for bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { EvidenceProblem, Model, RawUnit } from '@rubric/core';
import { readXlsxRows, UnusableCell, type SheetRow } from './xlsx.js';
import { progress } from '../output/progress.js';
import { DuplicateKeysError, readUnitFile, unitIdOf } from './unit-file.js';

export interface Loaded {
  units: RawUnit[];
  problems: EvidenceProblem[];
}

const UNIT_FILES = /\.(json|ya?ml)$/i;
const TABLE_FILES = /\.(csv|xlsx)$/i;

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

/** Expands directories and `dir/*.json`-style patterns into files, sorted so runs do not depend on listing order. */
export function expandInputs(inputs: string[], problems: EvidenceProblem[]): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const dir = path.dirname(input);
      const re = globToRegExp(path.basename(input));
      if (!fs.existsSync(dir)) { problems.push({ source: input, unit: '', field: '', message: `the folder ${dir} does not exist` }); continue; }
      for (const f of fs.readdirSync(dir)) if (re.test(f)) files.add(path.join(dir, f));
      continue;
    }
    let stat: fs.Stats;
    try { stat = fs.statSync(input); } catch {
      problems.push({ source: input, unit: '', field: '', message: 'no such file or folder; check the path given to --evidence' });
      continue;
    }
    if (stat.isDirectory()) {
      for (const f of fs.readdirSync(input, { withFileTypes: true })) {
        if (f.isDirectory()) {
          // Said, not skipped: a region kept in a subfolder must not drop out of the results unnoticed.
          problems.push({ source: path.join(input, f.name), unit: '', field: '', message: `is a folder; evidence folders are read one level deep — pass it to --evidence as well (--evidence ${input} ${path.join(input, f.name)})` });
        } else if (UNIT_FILES.test(f.name) || TABLE_FILES.test(f.name)) files.add(path.join(input, f.name));
      }
    } else files.add(input);
  }
  return [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function loadEvidence(inputs: string[], model: Model): Promise<Loaded> {
  const problems: EvidenceProblem[] = [];
  const units: RawUnit[] = [];
  const files = expandInputs(inputs, problems);
  if (files.length === 0 && problems.length === 0) problems.push({ source: inputs.join(', '), unit: '', field: '', message: 'no evidence files found (expected .json, .yaml, .csv or .xlsx)' });
  const bar = progress('reading evidence', files.length);
  for (const file of files) {
    bar.tick();
    const unitId = unitIdOf(file);
    try {
      if (/\.(json|ya?ml)$/i.test(file)) units.push({ id: unitId, source: file, data: readUnitFile(file) });
      // Rows of another length than the header are reported by tableUnits, each with its line, not as one error.
      else if (/\.csv$/i.test(file)) units.push(...tableUnits(file, csvRows(fs.readFileSync(file)), model, problems));
      else if (/\.xlsx$/i.test(file)) units.push(...tableUnits(file, await readXlsxRows(file), model, problems));
      else problems.push({ source: file, unit: '', field: '', message: 'not an evidence file (expected .json, .yaml, .yml, .csv or .xlsx)' });
    } catch (e) {
      // A table's file name is not a unit id: its problems name rows, or the file alone.
      const unit = TABLE_FILES.test(file) ? '' : unitId;
      if (e instanceof DuplicateKeysError) for (const d of e.duplicates) problems.push({ source: file, unit, ...d });
      else problems.push({ source: file, unit, field: '', message: /\.csv$/i.test(file) && (e as { code?: string }).code?.startsWith('CSV_') ? `not readable as CSV: ${(e as Error).message}; correct the file there (quotes must close, cells are separated by commas)` : (e as Error).message });
    }
  }
  bar.stop();
  // Scores of no units would still make a report (a mean of 0): refuse, as for any other unusable evidence.
  if (units.length === 0 && problems.length === 0) problems.push({ source: files.join(', '), unit: '', field: '', message: 'the evidence holds no units (a table with a header but no rows?); add a row or a file per unit' });
  return { units, problems };
}

/**
 * A CSV file's records with the line each starts on, as an editor numbers them: empty lines are skipped,
 * and a quoted cell may span lines, so a record's position in the list is not its line. Each record's raw
 * text runs from the end of the one before (the skipped empty lines first) to its own end.
 */
function csvRows(bytes: Buffer): SheetRow[] {
  const records = parseCsv(bytes, { bom: true, skip_empty_lines: true, relax_column_count: true, raw: true }) as unknown as { record: string[]; raw: string }[];
  const breaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;
  let line = 1;
  return records.map(({ record, raw }) => {
    const lead = /^[\r\n]*/.exec(raw)![0];
    line += breaks(lead);
    const row = { line, cells: record };
    line += breaks(raw.slice(lead.length));
    return row;
  });
}

/**
 * Cells of a table are text (CSV) or typed (XLSX); both are read by the declared type of their column.
 * A cell that does not read as its type is passed on as the text it is, so validation reports it with
 * every other problem of the row, naming what was expected and what was found.
 */
export function cellValue(raw: unknown, kind: string | undefined): unknown {
  if (raw === null || raw === undefined || raw === '') return null;
  if (kind === 'bool') {
    if (typeof raw === 'boolean') return raw;
    const t = String(raw).trim().toLowerCase();
    return t === 'true' ? true : t === 'false' ? false : String(raw);
  }
  if (kind === 'number' || kind === 'ratio' || kind === 'count') {
    if (typeof raw === 'number') return raw;
    const t = String(raw).trim();
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) ? Number(t) : String(raw);
  }
  return typeof raw === 'string' ? raw : String(raw);
}

function tableUnits(file: string, rows: SheetRow[], model: Model, problems: EvidenceProblem[]): RawUnit[] {
  const [headerRow, ...body] = rows;
  const header = headerRow?.cells.map((h) => (h instanceof UnusableCell ? h.code : h));
  if (!header) { problems.push({ source: file, unit: '', field: '', message: 'the table is empty; its first row must name the columns (id, name and dotted field paths)' }); return []; }
  const cols = header.map((h) => String(h ?? '').trim());
  const idCol = cols.indexOf('id');
  if (idCol < 0) { problems.push({ source: file, unit: '', field: '', message: 'the table has no `id` column; add one with each unit\'s id' }); return []; }
  // A column written twice would keep one of its cells silently, as a JSON key written twice would.
  const at = new Map<string, number[]>();
  cols.forEach((col, c) => { if (col) at.set(col, [...(at.get(col) ?? []), c + 1]); });
  const repeated = [...at].filter(([, where]) => where.length > 1);
  for (const [col, where] of repeated) {
    problems.push({ source: file, unit: '', field: col === 'id' || col === 'name' ? '' : col, message: `the column \`${col}\` appears ${where.length === 2 ? 'twice' : `${where.length} times`} (columns ${where.slice(0, -1).join(', ')} and ${where[where.length - 1]}); keep one` });
  }
  // Columns that are not fields are reported once and left out: a header is data, never a path to write to.
  // The rows are still read (a repeated column by its first copy), so every other problem shows at once.
  const known = (col: string) => col === 'name' || model.fields.has(col);
  cols.forEach((col, c) => {
    if (c !== idCol && col && col !== 'id' && !known(col)) problems.push({ source: file, unit: '', field: col, message: `the column \`${col}\` is not an evidence field of these rules; remove it, fix its name, or declare it in the \`evidence\` block` });
  });
  const used = (col: string, c: number) => c !== idCol && col !== '' && known(col) && at.get(col)![0] === c + 1;
  if (body.length === 0) problems.push({ source: file, unit: '', field: '', message: 'the table has a header but no rows; add a row per unit' });
  const units: RawUnit[] = [];
  for (const { line, cells: row } of body) {
    const idCell = row[idCol];
    const id = idCell instanceof UnusableCell ? '' : String(idCell ?? '').trim();
    const source = `${file} row ${line}`;
    // A CSV row may be short or long; a worksheet's rows all have its width.
    if (row.length !== cols.length) {
      problems.push({ source, unit: id, field: '', message: `the row has ${row.length} cell${row.length === 1 ? '' : 's'} but the header names ${cols.length} columns; give every column a cell (an empty one for missing evidence)` });
      continue;
    }
    if (!id) { problems.push({ source, unit: '', field: 'id', message: idCell instanceof UnusableCell ? idCell.message : 'the row has no id' }); continue; }
    const data: Record<string, unknown> = {};
    cols.forEach((col, c) => {
      if (!used(col, c)) return;
      const kind = col === 'name' ? 'text' : model.fields.get(col)?.type.kind;
      let raw = row[c];
      if (raw instanceof UnusableCell) {
        // An Excel error is no evidence: where a text would be accepted, it is named; elsewhere validation
        // says what was expected and that it found the text Excel shows (`#DIV/0!`).
        if (raw.what === 'error' && kind !== 'text') raw = raw.code;
        else { problems.push({ source, unit: id, field: col === 'name' ? '' : col, message: `\`${col}\`: ${raw.message}` }); return; }
      }
      const value = cellValue(raw, kind);
      if (value === null) return;
      const parts = col.split('.');
      let node = data;
      for (const p of parts.slice(0, -1)) {
        if (!Object.hasOwn(node, p)) node[p] = {};
        node = node[p] as Record<string, unknown>;
      }
      node[parts[parts.length - 1]!] = value;
    });
    units.push({ id, source, data });
  }
  return units;
}
