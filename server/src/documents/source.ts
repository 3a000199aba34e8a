import { LineIndex } from '@rubric/grammar';
import { fileURLToPath } from 'node:url';
import type { Source } from './phases.js';

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function makeSource(uri: string, version: number, text: string): Source {
  const fsPath = fsPathOf(uri);
  return { uri, version, text, lines: new LineIndex(text), ...(fsPath ? { fsPath } : {}) };
}
