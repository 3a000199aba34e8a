/**
 * The score preview: one webview panel that follows the active `.rubric` editor and redraws on every
 * `rubric/previewChanged` — live while typing. It asks the server for the buffer's full results
 * (`rubric/preview`) and posts them to the page, which draws the ranked table, the grade distribution,
 * the group (regional) means, the findings and, in compare mode, the impact of the unsaved edit.
 *
 * Its uncertainty section (rank intervals, grade probabilities, the weights that move ranks) is drawn
 * once asked for — by Analyse Uncertainty or the page's button — from `rubric/uncertainty` (the full
 * analysis, which the server runs off its main thread and caches per version); after that it follows
 * edits too, a moment after the preview settles, each new request cancelling the one before.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest, UncertaintyRequest, type PreviewSummary, type UncertaintyResponse } from '@rubric/server/protocol';
import { previewHtml, previewStrings } from './html';

export type Mode = 'preview' | 'compare';
/** What the uncertainty section drew: rank intervals (one per unit) and rows of the grade-probability table. */
export interface RenderedUncertainty { version: number; depth: string; intervals: number; probabilities: number; fragile: number }
export interface Rendered { uri: string; version: number; mean: number | null; rows: number; mode: string; uncertainty?: RenderedUncertainty }

/** How long the preview must stay unchanged before the uncertainty section is analysed again. */
const UNCERTAINTY_DELAY_MS = 600;

export class PreviewPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private mode: Mode = 'preview';
  private rendered: Rendered | undefined;
  private inFlight = false;
  private pending = false;
  /** Whether the uncertainty section is on (asked for once in this panel). */
  private uncertaintyOn = false;
  private uncertaintyTimer: ReturnType<typeof setTimeout> | undefined;
  private uncertaintyRequest: vscode.CancellationTokenSource | undefined;
  /** Resolves once the page's script listens (messages posted before then are lost). */
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  private readonly rendering = new vscode.EventEmitter<Rendered>();
  readonly onDidRender = this.rendering.event;
  private readonly disposables: vscode.Disposable[] = [this.rendering];

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor((e) => {
      if (this.panel && e?.document.languageId === 'rubric' && e.document.uri.toString() !== this.uri) {
        this.uri = e.document.uri.toString();
        this.panel.title = this.title();
        void this.refresh();
        if (this.uncertaintyOn) void this.analyse();
      }
    }));
  }

  state(): Rendered | undefined {
    return this.rendered;
  }

  async show(uri: vscode.Uri, mode: Mode): Promise<void> {
    this.uri = uri.toString();
    this.mode = mode;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('rubric.preview', this.title(), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media')],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.rendered = undefined;
        this.uncertaintyOn = false;
        clearTimeout(this.uncertaintyTimer);
        this.uncertaintyRequest?.cancel();
      });
      this.panel.webview.onDidReceiveMessage((m: { type: string } & Partial<Rendered> & { unit?: string }) => {
        if (m.type === 'ready') {
          this.markReady();
          void this.refresh();
          if (this.uncertaintyOn && !this.uncertaintyRequest) void this.analyse();
        } else if (m.type === 'analyse') void this.analyse();
        else if (m.type === 'rendered') {
          this.rendered = { uri: m.uri!, version: m.version!, mean: m.mean ?? null, rows: m.rows ?? 0, mode: m.mode ?? this.mode, ...(m.uncertainty ? { uncertainty: m.uncertainty } : {}) };
          this.rendering.fire(this.rendered);
        }
      });
      this.ready = new Promise((resolve) => { this.markReady = resolve; });
      this.panel.webview.html = previewHtml(this.panel.webview, this.context.extensionUri, previewStrings());
    } else {
      this.panel.title = this.title();
      this.panel.reveal(undefined, true);
      await this.refresh();
    }
  }

  changed(s: PreviewSummary): void {
    if (!this.panel || s.uri !== this.uri) return;
    void this.refresh();
    if (this.uncertaintyOn) {
      clearTimeout(this.uncertaintyTimer);
      this.uncertaintyTimer = setTimeout(() => void this.analyse(), UNCERTAINTY_DELAY_MS);
    }
  }

  /**
   * The full uncertainty analysis of the panel's document (opening the panel on `uri` if given), drawn in
   * the page; from now on redrawn after edits. Resolves with the server's answer (null if superseded).
   */
  async analyse(uri?: vscode.Uri, token?: vscode.CancellationToken): Promise<UncertaintyResponse | null> {
    if (uri && (!this.panel || this.uri !== uri.toString())) await this.show(uri, this.panel ? this.mode : 'preview');
    if (!this.panel || !this.uri) return null;
    this.uncertaintyOn = true;
    clearTimeout(this.uncertaintyTimer);
    this.uncertaintyRequest?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.uncertaintyRequest = source;
    const sub = token?.onCancellationRequested(() => source.cancel());
    const target = this.uri;
    try {
      await this.ready;
      await this.panel?.webview.postMessage({ type: 'uncertainty-pending', uri: target });
      const response = await this.client.sendRequest(UncertaintyRequest, { textDocument: { uri: target }, depth: 'full' }, source.token);
      if (this.uncertaintyRequest !== source) return null; // a newer request replaced this one
      await this.panel?.webview.postMessage({ type: 'uncertainty', uri: target, response, reveal: !!uri });
      return response;
    } catch {
      // Cancelled, or the server restarts: the next change asks again.
      return null;
    } finally {
      sub?.dispose();
      if (this.uncertaintyRequest === source) this.uncertaintyRequest = undefined;
      source.dispose();
    }
  }

  private title(): string {
    const name = this.uri ? decodeURIComponent(this.uri.split('/').pop() ?? '') : '';
    return this.mode === 'compare' ? vscode.l10n.t('Saved vs edited: {0}', name) : vscode.l10n.t('Score preview: {0}', name);
  }

  /** One request at a time; changes during a request coalesce into one more. */
  private async refresh(): Promise<void> {
    if (!this.panel || !this.uri) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    try {
      const uri = this.uri;
      const response = await this.client.sendRequest(PreviewRequest, { textDocument: { uri } });
      await this.panel?.webview.postMessage({ type: 'data', uri, mode: this.mode, response });
    } catch {
      // The server restarts or the document closed: the next change redraws.
    } finally {
      this.inFlight = false;
      if (this.pending) {
        this.pending = false;
        void this.refresh();
      }
    }
  }

  dispose(): void {
    clearTimeout(this.uncertaintyTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
