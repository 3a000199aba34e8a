/**
 * The real `rubric-lsp --stdio` in a child process, driven by a real JSON-RPC client
 * (vscode-languageserver-protocol). Waits for events (published diagnostics, preview notifications),
 * never for time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification, ShutdownRequest, ExitNotification, type PublishDiagnosticsParams, type InitializeResult,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';
import { PreviewChangedNotification, type PreviewSummary } from '../../../server/src/protocol.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVER_BIN = path.join(ROOT, 'server/bin/rubric-lsp.js');

type Waiter<T> = { test: (v: T) => boolean; resolve: (v: T) => void };

export class LspProcess {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly previews = new Map<string, PreviewSummary>();
  /** Called with every diagnostics notification (tests that check each one). */
  readonly onDiagnostics: ((p: PublishDiagnosticsParams) => void)[] = [];
  stderr = '';
  private readonly diagWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly previewWaiters: Waiter<PreviewSummary>[] = [];
  private versions = new Map<string, number>();
  readonly exited: Promise<number | null>;

  constructor(args: string[] = ['--stdio']) {
    this.child = spawn(process.execPath, [SERVER_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      for (const f of this.onDiagnostics) f(p);
      this.settle(this.diagWaiters, p);
    });
    this.connection.onNotification(PreviewChangedNotification, (p) => {
      this.previews.set(p.uri, p);
      this.settle(this.previewWaiters, p);
    });
    // Requests a real client answers: configuration, registrations, refreshes, messages.
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /**
   * The process that runs the server: the launcher re-executes itself with a larger young generation
   * (server/bin/rubric-lsp.js), so it is the launcher's child running rubric-lsp, when there is one.
   */
  serverPid(): number {
    const pid = this.child.pid!;
    try {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
        if (fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('rubric-lsp')) return Number(c);
      }
    } catch {
      // No /proc (not Linux): the launcher's own figures.
    }
    return pid;
  }

  private settle<T>(waiters: Waiter<T>[], v: T): void {
    for (const w of [...waiters]) {
      if (w.test(v)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(v);
      }
    }
  }

  async initialize(rootDir: string, capabilities: ClientCapabilities = {}): Promise<InitializeResult> {
    const rootUri = pathToFileURL(rootDir).href;
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } }, ...capabilities },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the first diagnostics for `uri` that pass `test` (already published ones count). */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const have = this.diagnostics.get(uri);
    if (have && test(have)) return Promise.resolve(have);
    return new Promise((resolve) => this.diagWaiters.push({ test: (p) => p.uri === uri && test(p), resolve }));
  }

  /** Resolves with the first preview summary for `uri` that passes `test`. */
  waitForPreview(uri: string, test: (p: PreviewSummary) => boolean = () => true): Promise<PreviewSummary> {
    const have = this.previews.get(uri);
    if (have && test(have)) return Promise.resolve(have);
    return new Promise((resolve) => this.previewWaiters.push({ test: (p) => p.uri === uri && test(p), resolve }));
  }

  async open(file: string, text: string): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'rubric', version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (an unsaved edit); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}
