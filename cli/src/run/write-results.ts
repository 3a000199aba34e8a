/**
 * results.json written unit by unit, byte for byte what `JSON.stringify(results, null, 2)` gives, so a
 * run of any size holds one unit's explanation at a time.
 */
import fs from 'node:fs';
import type { Results, UnitResult } from '@rubric/core';

const PLACEHOLDER = '"units": []';

export function writeResultsJson(file: string, head: Results, units: Iterable<UnitResult>): void {
  const text = JSON.stringify(head, null, 2);
  const at = text.indexOf(PLACEHOLDER);
  const fd = fs.openSync(file, 'w');
  try {
    let first = true;
    let buffer = `${text.slice(0, at)}"units": [`;
    for (const u of units) {
      buffer += `${first ? '' : ','}\n${JSON.stringify(u, null, 2).replace(/^/gm, '    ')}`;
      first = false;
      if (buffer.length > 1 << 20) { fs.writeSync(fd, buffer); buffer = ''; }
    }
    buffer += `${first ? '' : '\n  '}]${text.slice(at + PLACEHOLDER.length)}\n`;
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}

export function readExplain(ref: { file: string; offset: number; length: number }, fds: Map<string, number>): UnitResult['explain'] {
  let fd = fds.get(ref.file);
  if (fd === undefined) { fd = fs.openSync(ref.file, 'r'); fds.set(ref.file, fd); }
  const buf = Buffer.alloc(ref.length);
  fs.readSync(fd, buf, 0, ref.length, ref.offset);
  return JSON.parse(buf.toString('utf8')) as UnitResult['explain'];
}
