/**
 * The score preview: one webview panel that follows the active `.rubric` editor and redraws on every
 * `rubric/previewChanged` — live while typing. It asks the server for the buffer's full results
 * (`rubric/preview`) and posts them to the page, which draws the ranked table, the grade distribution,
 * the group (regional) means, the findings and, in compare mode, the impact of the unsaved edit.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest, type PreviewSummary } from '@rubric/server/protocol';
import { previewHtml, previewStrings } from './html';

export type Mode = 'preview' | 'compare';
export interface Rendered { uri: string; version: number; mean: number | null; rows: number; mode: string }

export class PreviewPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private mode: Mode = 'preview';
  private rendered: Rendered | undefined;
  private inFlight = false;
  private pending = false;
  private readonly rendering = new vscode.EventEmitter<Rendered>();
  readonly onDidRender = this.rendering.event;
  private readonly disposables: vscode.Disposable[] = [this.rendering];

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor((e) => {
      if (this.panel && e?.document.languageId === 'rubric' && e.document.uri.toString() !== this.uri) {
        this.uri = e.document.uri.toString();
        this.panel.title = this.title();
        void this.refresh();
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
      });
      this.panel.webview.onDidReceiveMessage((m: { type: string } & Partial<Rendered> & { unit?: string }) => {
        if (m.type === 'ready') void this.refresh();
        else if (m.type === 'rendered') {
          this.rendered = { uri: m.uri!, version: m.version!, mean: m.mean ?? null, rows: m.rows ?? 0, mode: m.mode ?? this.mode };
          this.rendering.fire(this.rendered);
        }
      });
      this.panel.webview.html = previewHtml(this.panel.webview, this.context.extensionUri, previewStrings());
    } else {
      this.panel.title = this.title();
      this.panel.reveal(undefined, true);
      await this.refresh();
    }
  }

  changed(s: PreviewSummary): void {
    if (this.panel && s.uri === this.uri) void this.refresh();
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
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
