/**
 * results.xlsx of a large run, on a worker thread: exceljs spends more time per row than anything else the
 * main thread does after scoring, so it runs beside results.json and results.csv instead of after them.
 */
import { Worker } from 'node:worker_threads';
import type { Results, UnitResult } from '@rubric/core';
import { unitHeader, unitRows } from '@rubric/report';
import { packRows } from './packed-rows.js';

export function writeXlsxOnThread(results: Results, file: string, units: Iterable<UnitResult>): Promise<void> {
  const header = unitHeader(results);
  const groups = Object.keys(results.groups).length;
  // rank and score, then (after id, name, grade and the groups) every indicator column; the last two are lists.
  const numeric = header.map((_h, c) => c === 0 || c === 3 || (c >= 5 + groups && c < header.length - 2));
  const packed = packRows(unitRows(results, units), numeric, results.summary.units);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.js', import.meta.url), {
      workerData: { results, file, packed },
      transferList: [packed.numbers.buffer as ArrayBuffer],
      // exceljs streams its rows out; a tight heap makes its thread collect early instead of growing the process.
      resourceLimits: { maxOldGenerationSizeMb: 384 },
    });
    let settled = false;
    worker.on('message', (m: { done?: true; error?: string }) => {
      settled = true;
      void worker.terminate();
      if (m.error) reject(new Error(`writing results.xlsx: ${m.error}`));
      else resolve();
    });
    worker.on('error', (e) => { settled = true; reject(e); });
    worker.on('exit', (code) => { if (!settled) reject(new Error(`writing results.xlsx: its thread stopped (exit code ${code})`)); });
  });
}
