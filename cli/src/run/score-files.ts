/**
 * Reads, validates and scores unit evidence files one at a time: the step a worker thread repeats, and
 * the main thread too when a run is small. Explanations go to an append-only side file, so the caller
 * holds only each unit's figures, never every unit's explanation.
 */
import fs from 'node:fs';
import { readUnitFile, unitIdOf } from '../evidence/unit-file.js';
import { validateEvidence, type Engine, type EvidenceProblem, type Model, type UnitScore } from '@rubric/core';

/** A unit's properties sit 6 spaces deep in results.json (`units` 2, the unit's object 4, its keys 6). */
export const EXPLAIN_CONTINUATION = '\n      ';

export interface ScoredFile {
  index: number;
  /** The figures of the unit, with `explain` emptied (it lives in the side file). */
  score: UnitScore;
  /** Where the unit's explanation JSON sits in the side file. */
  explain: { file: string; offset: number; length: number };
}

export interface FileResult {
  scored: ScoredFile[];
  problems: EvidenceProblem[];
}

/**
 * Appends explanations to one file; offsets are in bytes. Each is written as it will stand in
 * results.json (`JSON.stringify` with two-space indents, continued at a unit property's depth), so a
 * large run copies it into place instead of parsing and printing it again on the main thread.
 */
export class ExplainSink {
  private offset = 0;
  private readonly fd: number;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  write(explain: unknown): { file: string; offset: number; length: number } {
    const bytes = Buffer.from(JSON.stringify(explain, null, 2).replaceAll('\n', EXPLAIN_CONTINUATION), 'utf8');
    fs.writeSync(this.fd, bytes);
    const ref = { file: this.file, offset: this.offset, length: bytes.length };
    this.offset += bytes.length;
    return ref;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/**
 * The figures as Float64Arrays (NaN for an excluded value): a run holds every unit's figures until the
 * end, and a typed array costs 8 bytes a value and clones between threads as one block.
 */
export function compact(score: UnitScore): void {
  const pack = (xs: UnitScore['values']) => (xs instanceof Float64Array ? xs : Float64Array.from(xs, (x) => (x === null ? Number.NaN : x)));
  score.values = pack(score.values);
  score.rawValues = pack(score.rawValues);
}

export function scoreFiles(model: Model, engine: Engine, files: { index: number; file: string }[], sink: ExplainSink): FileResult {
  const scored: ScoredFile[] = [];
  const problems: EvidenceProblem[] = [];
  for (const { index, file } of files) {
    const id = unitIdOf(file);
    let data: unknown;
    try {
      data = readUnitFile(file);
    } catch (e) {
      problems.push({ source: file, unit: id, field: '', message: (e as Error).message });
      continue;
    }
    const v = validateEvidence(model, [{ id, source: file, data }]);
    if (v.problems.length) { problems.push(...v.problems); continue; }
    try {
      const score = engine.scoreFlat(id, v.units[0]!.evidence, true);
      const explain = sink.write(score.explain);
      score.explain = [];
      compact(score);
      scored.push({ index, score, explain });
    } catch (e) {
      if ((e as Error).name !== 'ScoreError') throw e;
      problems.push({ source: file, unit: id, field: '', message: (e as Error).message });
    }
  }
  return { scored, problems };
}
