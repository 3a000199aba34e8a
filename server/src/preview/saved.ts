/**
 * The saved file on disk: the reference an unsaved buffer's impact is shown against. Read on first use,
 * dropped on save and on a watched change of the file; its scores are memoised per evidence generation.
 */
import { readFile } from 'node:fs/promises';
import { analyze, type Analysis } from '@rubric/core';
import type { Scored } from './score.js';

interface SavedFile {
  text: string | undefined;
  analysis?: Analysis;
  scored?: { key: string; value: Scored };
}

export class SavedFiles {
  private readonly files = new Map<string, Promise<SavedFile>>();

  read(fsPath: string): Promise<SavedFile> {
    let f = this.files.get(fsPath);
    if (!f) {
      f = readFile(fsPath, 'utf8').then((text) => ({ text }), () => ({ text: undefined }));
      this.files.set(fsPath, f);
    }
    return f;
  }

  analysis(file: SavedFile): Analysis | undefined {
    if (file.text === undefined) return undefined;
    file.analysis ??= analyze(file.text);
    return file.analysis;
  }

  scored(file: SavedFile, key: string, compute: () => Scored): Scored {
    if (file.scored?.key !== key) file.scored = { key, value: compute() };
    return file.scored.value;
  }

  invalidate(fsPath: string): void {
    this.files.delete(fsPath);
  }

  /** Seeds the cache with text known to be on disk (just saved), sparing a read. */
  remember(fsPath: string, text: string): void {
    this.files.set(fsPath, Promise.resolve({ text }));
  }
}
