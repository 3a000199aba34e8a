/**
 * Folding: every `{ … }` that spans lines (blocks, indicators, `given`, multi-line `match`), block
 * comments, and runs of line comments. Read from tokens, so it works while the file has errors.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';

export function foldingRanges(doc: Checked): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (offset: number) => doc.lines.position(offset).line;
  const open: number[] = [];
  for (const t of doc.analysis.parse.tokens) {
    if (t.tokenType.name === 'LBrace') open.push(t.startOffset);
    else if (t.tokenType.name === 'RBrace') {
      const start = open.pop();
      if (start === undefined) continue;
      const from = line(start);
      const to = line(t.startOffset) - 1;
      if (to > from) out.push({ startLine: from, endLine: to });
    }
  }
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of doc.analysis.parse.comments) {
    const from = line(c.startOffset);
    const to = line(c.startOffset + c.image.length);
    if (c.tokenType.name === 'BlockComment') {
      flush();
      if (to > from) out.push({ startLine: from, endLine: to, kind: FoldingRangeKind.Comment });
      continue;
    }
    const lineStart = doc.text.lastIndexOf('\n', c.startOffset - 1) + 1;
    if (doc.text.slice(lineStart, c.startOffset).trim() !== '') {
      flush(); // a comment after code on its line does not start or extend a run
      continue;
    }
    if (run && from === run.end + 1) run.end = from;
    else {
      flush();
      run = { start: from, end: from };
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine);
}
