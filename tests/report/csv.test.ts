import { resultsToCsv } from '@rubric/report';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadResults } from './helpers.js';

describe('resultsToCsv', () => {
  const results = loadResults();
  const csv = resultsToCsv(results);

  it('matches the golden file', () => {
    expectGolden('results-small.golden.csv', csv);
  });

  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has rank, id, name, score, grade, the groups, every indicator path, findings, excluded', () => {
    const [header] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual([
      'rank', 'id', 'name', 'score', 'grade', 'region',
      ...Object.keys(results.summary.indicators),
      'findings', 'excluded',
    ]);
  });

  it('writes one row per unit in result order, numbers as results hold them, null as an empty cell', () => {
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    expect(rows.map((r) => r[1])).toEqual(results.units.map((u) => u.id));
    const taiyuan = rows.find((r) => r[1] === 'taiyuan')!;
    expect(taiyuan[header.indexOf('score')]).toBe('74.8');
    expect(taiyuan[header.indexOf('interaction.complaint')]).toBe('');
    expect(taiyuan[header.indexOf('excluded')]).toBe('interaction.complaint');
    expect(taiyuan[header.indexOf('findings')]).toBe('no_e_certificate;duplicate_paper;no_human_guide;hotline_unanswered;temp_id_offline');
  });

  it('quotes commas, quotes and line breaks so any name survives a round trip (RFC 4180)', () => {
    const tricky = loadResults();
    const names = ['逗号,名称', 'a "quoted" name', 'two\nlines', 'cr\ronly', ' padded =1+1 '];
    names.forEach((name, i) => (tricky.units[i].name = name));
    const parsed = parse(resultsToCsv(tricky), { bom: true, relax_column_count: false }) as string[][];
    expect(parsed.slice(1).map((r) => r[2])).toEqual(tricky.units.map((u) => u.name));
  });
});
