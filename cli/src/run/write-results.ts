/**
 * results.json written unit by unit, byte for byte what `JSON.stringify(results, null, 2)` gives, so a
 * run of any size holds one unit's explanation at a time.
 */
import fs from 'node:fs';
import type { Results, UnitResult } from '@rubric/core';

const PLACEHOLDER = '"units": []';
/** Where a unit's explanation goes in its printed record: a key at a unit property's depth. */
const EXPLAIN_SLOT = '\n      "explain": []';

/**
 * `units` come with their explanation as printed text (from the side files, see ExplainSink), put in
 * place of the record's empty `explain`.
 */
export function writeResultsJson(file: string, head: Results, units: Iterable<{ unit: UnitResult; explain: string }>): void {
  const text = JSON.stringify(head, null, 2);
  const at = text.indexOf(PLACEHOLDER);
  const fd = fs.openSync(file, 'w');
  try {
    let first = true;
    let buffer = `${text.slice(0, at)}"units": [`;
    for (const { unit, explain } of units) {
      const printed = `\n    ${JSON.stringify({ ...unit, explain: [] }, null, 2).replaceAll('\n', '\n    ')}`;
      const slot = printed.indexOf(EXPLAIN_SLOT);
      if (slot < 0) throw new Error(`internal: the record of ${unit.id} has no explain key`);
      buffer += `${first ? '' : ','}${printed.slice(0, slot)}\n      "explain": ${explain}${printed.slice(slot + EXPLAIN_SLOT.length)}`;
      first = false;
      if (buffer.length > 1 << 20) { fs.writeSync(fd, buffer); buffer = ''; }
    }
    buffer += `${first ? '' : '\n  '}]${text.slice(at + PLACEHOLDER.length)}\n`;
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}

/** A unit's explanation as written in the side file: results.json's text of it. */
export function readExplainText(ref: { file: string; offset: number; length: number }, fds: Map<string, number>): string {
  let fd = fds.get(ref.file);
  if (fd === undefined) { fd = fs.openSync(ref.file, 'r'); fds.set(ref.file, fd); }
  const buf = Buffer.allocUnsafe(ref.length);
  fs.readSync(fd, buf, 0, ref.length, ref.offset);
  return buf.toString('utf8');
}

export function readExplain(ref: { file: string; offset: number; length: number }, fds: Map<string, number>): UnitResult['explain'] {
  return JSON.parse(readExplainText(ref, fds)) as UnitResult['explain'];
}
