/**
 * results.json of a large run copies each unit's printed explanation from the side files into place:
 * the file equals `JSON.stringify(results, null, 2)` whatever the sizes, including explanations larger
 * than the writer's buffer and texts outside ASCII.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results, UnitResult } from '@rubric/core';
import { writeResultsJson, type ExplainRef } from '@rubric/cli/run/write-results';

function unit(id: string, explain: UnitResult['explain']): UnitResult {
  return { id, name: `城市 ${id}`, score: 80.5, grade: '良好', rank: 1, groups: { region: '华北' }, indicators: { a: 80.5 }, findings: [], excluded: [], explain };
}

describe('writeResultsJson', () => {
  it('writes what JSON.stringify writes, explanations copied from a side file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-write-'));
    const big = 'x'.repeat(3 << 20);
    const explains: UnitResult['explain'][] = [
      [],
      [{ indicator: 'a', points: 1, evidence: { 'site.note': '含“引号”和\\反斜杠' } } as unknown as UnitResult['explain'][number]],
      [{ indicator: 'a', points: 2, evidence: { note: big } } as unknown as UnitResult['explain'][number]],
      [{ indicator: 'b', points: 3, evidence: {} } as unknown as UnitResult['explain'][number]],
    ];
    const units = explains.map((e, i) => unit(`u${i}`, e));
    const side = path.join(dir, 'explain.jsonl');
    const refs: ExplainRef[] = [];
    let offset = 0;
    for (const u of units) {
      const text = JSON.stringify(u.explain, null, 2).replaceAll('\n', '\n      ');
      const bytes = Buffer.byteLength(text);
      fs.appendFileSync(side, text);
      refs.push({ file: side, offset, length: bytes });
      offset += bytes;
    }
    const head = { evaluation: { id: 'e' }, summary: { units: units.length }, units: [], groups: {} } as unknown as Results;
    const fds = new Map<string, number>();
    const out = path.join(dir, 'results.json');
    try {
      writeResultsJson(out, head, units.map((u, i) => ({ unit: { ...u, explain: [] }, explain: refs[i]! })), fds);
    } finally {
      for (const fd of fds.values()) fs.closeSync(fd);
    }
    expect(fs.readFileSync(out, 'utf8')).toBe(`${JSON.stringify({ ...head, units }, null, 2)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
