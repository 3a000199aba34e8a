/**
 * The real `rubric-lsp --stdio` in a child process, driven by a JSON-RPC client: what an editor sees.
 * Waits for events (the `rubric/previewChanged` notification of a version), never for fixed times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  HoverRequest, ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { SERVER_BIN } from './env.js';

export interface PreviewSummary {
  uri: string;
  version: number;
  resultsVersion: number;
  stale: boolean;
  units: number;
  mean: number | null;
  reason?: string;
}

type Waiter = { test: (p: PreviewSummary) => boolean; resolve: (t: number) => void };

export class Lsp {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  private readonly waiters: Waiter[] = [];
  private version = 1;
  private readonly exited: Promise<void>;
  stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('rubric/previewChanged', (p: PreviewSummary) => {
      const now = performance.now();
      for (const w of [...this.waiters]) {
        if (w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(now);
        }
      }
    });
    this.conn.onNotification('textDocument/publishDiagnostics', () => undefined);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.listen();
  }

  async initialize(rootDir: string): Promise<void> {
    const rootUri = pathToFileURL(rootDir).href;
    await this.conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the time the first preview notification passing `test` arrived. */
  nextPreview(test: (p: PreviewSummary) => boolean): Promise<number> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Opens the document; resolves with milliseconds to its first fresh preview. */
  async open(file: string, text: string): Promise<{ uri: string; ms: number }> {
    const uri = pathToFileURL(file).href;
    this.version = 1;
    const done = this.nextPreview((p) => p.uri === uri && p.version === 1 && !p.stale);
    const t0 = performance.now();
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'rubric', version: 1, text } });
    return { uri, ms: (await done) - t0 };
  }

  /**
   * Replaces the text (one edit, as a client sends a keystroke) and resolves with milliseconds until the
   * preview notification of that version (fresh results when `fresh`, else any: an error keeps the old one).
   */
  async edit(uri: string, text: string, fresh: boolean): Promise<{ ms: number; summary?: PreviewSummary }> {
    const version = ++this.version;
    let summary: PreviewSummary | undefined;
    const done = this.nextPreview((p) => {
      const ok = p.uri === uri && p.version === version && (!fresh || (p.resultsVersion === version && !p.stale));
      if (ok) summary = p;
      return ok;
    });
    const t0 = performance.now();
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    const t1 = await done;
    return { ms: t1 - t0, ...(summary ? { summary } : {}) };
  }

  async hover(uri: string, line: number, character: number): Promise<{ ms: number; found: boolean }> {
    const t0 = performance.now();
    const r = await this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    return { ms: performance.now() - t0, found: r !== null };
  }

  async close(): Promise<void> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } finally {
      const timer = setTimeout(() => this.child.kill(), 2000);
      await this.exited;
      clearTimeout(timer);
      this.conn.dispose();
    }
  }
}

/** LSP position (line, UTF-16 character) of a string offset. */
export function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}
