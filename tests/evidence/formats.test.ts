/**
 * The same evidence written as JSON files, YAML files, one CSV table and one XLSX table gives byte-identical
 * results.json through the real CLI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const EX = path.join(ROOT, 'examples/gov-service-2022');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-formats-'));

function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}

function run(evidence: string): string {
  const out = path.join(dir, `out-${path.basename(evidence)}`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), 'run', path.join(EX, 'rules.rubric'), '--evidence', evidence, '--out', out], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return fs.readFileSync(path.join(out, 'results.json'), 'utf8');
}

let reference: string;
beforeAll(async () => {
  const files = fs.readdirSync(path.join(EX, 'evidence')).filter((f) => f.endsWith('.json')).sort();
  const units = files.map((f) => ({ id: f.replace(/\.json$/, ''), data: JSON.parse(fs.readFileSync(path.join(EX, 'evidence', f), 'utf8')) as Record<string, unknown> }));
  fs.mkdirSync(path.join(dir, 'yaml'));
  for (const u of units) fs.writeFileSync(path.join(dir, 'yaml', `${u.id}.yaml`), YAML.stringify(u.data));
  const flat = units.map((u) => ({ id: u.id, ...flatten(u.data) }));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  fs.mkdirSync(path.join(dir, 'csv'));
  fs.writeFileSync(path.join(dir, 'csv', 'cities.csv'), [columns.join(','), ...flat.map((r) => columns.map((c) => quote(cell((r as Record<string, unknown>)[c]))).join(','))].join('\n'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('evidence');
  ws.addRow(columns);
  for (const r of flat) ws.addRow(columns.map((c) => { const v = (r as Record<string, unknown>)[c]; return v === null || v === undefined ? null : v; }));
  fs.mkdirSync(path.join(dir, 'xlsx'));
  await wb.xlsx.writeFile(path.join(dir, 'xlsx', 'cities.xlsx'));
  reference = run(path.join(EX, 'evidence'));
});

describe('evidence formats', () => {
  it('YAML files equal JSON files', () => expect(run(path.join(dir, 'yaml'))).toBe(reference));
  it('a CSV table equals JSON files', () => expect(run(path.join(dir, 'csv'))).toBe(reference));
  it('an XLSX table equals JSON files', () => expect(run(path.join(dir, 'xlsx'))).toBe(reference));
});
