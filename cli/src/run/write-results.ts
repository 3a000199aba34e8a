/**
 * results.json written unit by unit, byte for byte what `JSON.stringify(results, null, 2)` gives, so a
 * run of any size holds one unit's explanation at a time.
 */
import fs from 'node:fs';
import type { Results, UnitResult } from '@rubric/core';

const PLACEHOLDER = '"units": []';
/** Where a unit's explanation goes in its printed record: a key at a unit property's depth. */
const EXPLAIN_SLOT = '\n      "explain": []';

/** Where a unit's printed explanation lies in a side file (see ExplainSink). */
export interface ExplainRef { file: string; offset: number; length: number }

/**
 * `units` come with where their explanation is printed in the side files; its bytes are copied from there
 * in place of the record's empty `explain`, never decoded into a string and encoded again: at 100,000 units
 * the explanations are most of the file (79 % of the 2022 example's results.json).
 */
export function writeResultsJson(file: string, head: Results, units: Iterable<{ unit: UnitResult; explain: ExplainRef }>, fds: Map<string, number>): void {
  const text = JSON.stringify(head, null, 2);
  const at = text.indexOf(PLACEHOLDER);
  const out = new ChunkWriter(fs.openSync(file, 'w'));
  try {
    let first = true;
    out.text(`${text.slice(0, at)}"units": [`);
    for (const { unit, explain } of units) {
      const printed = `\n    ${JSON.stringify({ ...unit, explain: [] }, null, 2).replaceAll('\n', '\n    ')}`;
      const slot = printed.indexOf(EXPLAIN_SLOT);
      if (slot < 0) throw new Error(`internal: the record of ${unit.id} has no explain key`);
      out.text(`${first ? '' : ','}${printed.slice(0, slot)}\n      "explain": `);
      out.copy(sideFile(explain.file, fds), explain.offset, explain.length);
      out.text(printed.slice(slot + EXPLAIN_SLOT.length));
      first = false;
    }
    out.text(`${first ? '' : '\n  '}]${text.slice(at + PLACEHOLDER.length)}\n`);
    out.flush();
  } finally {
    fs.closeSync(out.fd);
  }
}

/** Writes through one reusable buffer: text encoded into it, side-file bytes read straight into it. */
class ChunkWriter {
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;

  constructor(readonly fd: number) {}

  text(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (s.length * 3 > this.buf.length - this.pos) this.flush();
    if (s.length * 3 > this.buf.length) fs.writeSync(this.fd, s);
    else this.pos += this.buf.write(s, this.pos);
  }

  copy(from: number, offset: number, length: number): void {
    if (length > this.buf.length - this.pos) this.flush();
    if (length > this.buf.length) {
      const big = Buffer.allocUnsafe(length);
      readFully(from, big, 0, length, offset);
      fs.writeSync(this.fd, big);
      return;
    }
    readFully(from, this.buf, this.pos, length, offset);
    this.pos += length;
  }

  flush(): void {
    let done = 0;
    while (done < this.pos) done += fs.writeSync(this.fd, this.buf, done, this.pos - done);
    this.pos = 0;
  }
}

function readFully(fd: number, into: Buffer, at: number, length: number, offset: number): void {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, into, at + done, length - done, offset + done);
    if (n === 0) throw new Error('internal: an explanation side file ended early');
    done += n;
  }
}

function sideFile(file: string, fds: Map<string, number>): number {
  let fd = fds.get(file);
  if (fd === undefined) { fd = fs.openSync(file, 'r'); fds.set(file, fd); }
  return fd;
}

/** A unit's explanation as written in the side file: results.json's text of it. */
export function readExplainText(ref: ExplainRef, fds: Map<string, number>): string {
  const buf = Buffer.allocUnsafe(ref.length);
  readFully(sideFile(ref.file, fds), buf, 0, ref.length, ref.offset);
  return buf.toString('utf8');
}

export function readExplain(ref: ExplainRef, fds: Map<string, number>): UnitResult['explain'] {
  return JSON.parse(readExplainText(ref, fds)) as UnitResult['explain'];
}
