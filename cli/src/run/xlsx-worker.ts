/** Writes a large run's results.xlsx on its own thread while the main thread writes results.json and the CSV. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Results } from '@rubric/core';
import { writeResultsXlsxRows } from '@rubric/report';
import { unpackRows, type PackedRows } from './packed-rows.js';

const { results, file, packed } = workerData as { results: Results; file: string; packed: PackedRows };
writeResultsXlsxRows(results, file, unpackRows(packed), packed.count).then(
  () => parentPort!.postMessage({ done: true }),
  (e: unknown) => parentPort!.postMessage({ error: (e as Error).message }),
);
