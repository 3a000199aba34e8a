/**
 * Workspace symbols: indicators, fields, findings, grades, groups and scenarios of every `.rubric`
 * file — the open ones from their buffers, the others as read from disk under the workspace folders.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, type Analysis } from '@rubric/core';
import { LineIndex } from '@rubric/grammar';
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver';
import { toRange } from '../util/positions.js';

const KINDS: Record<string, SymbolKind> = {
  indicator: SymbolKind.Class, field: SymbolKind.Field, finding: SymbolKind.Event, grade: SymbolKind.EnumMember,
  group: SymbolKind.Namespace, scenario: SymbolKind.Constant,
};

export interface Indexed {
  uri: string;
  text: string;
  analysis: Analysis;
}

export function workspaceSymbols(files: Indexed[], query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const f of files) {
    const lines = new LineIndex(f.text);
    const labels = new Map(f.analysis.model.allIndicators.map((i) => [i.path, i.label]));
    for (const s of f.analysis.symbols) {
      const kind = KINDS[s.kind];
      if (!s.isDeclaration || kind === undefined) continue;
      const label = s.kind === 'indicator' ? labels.get(s.name) : undefined;
      if (q && !s.name.toLowerCase().includes(q) && !(label ?? '').toLowerCase().includes(q)) continue;
      out.push({
        name: label ? `${s.name} ${label}` : s.name, kind, containerName: path.basename(new URL(f.uri).pathname),
        location: { uri: f.uri, range: toRange(lines, s.span) },
      });
    }
  }
  return out;
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.cache']);

/** `.rubric` files under the folders (at most `limit`), analysed. */
export async function scanFolders(folders: string[], limit = 200): Promise<Indexed[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 6 || found.length >= limit) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) await walk(path.join(dir, e.name), depth + 1);
      else if (e.isFile() && e.name.endsWith('.rubric') && found.length < limit) found.push(path.join(dir, e.name));
    }
  };
  for (const f of folders) await walk(f, 0);
  const out: Indexed[] = [];
  for (const file of found) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) out.push({ uri: pathToFileURL(file).href, text, analysis: analyze(text) });
  }
  return out;
}
