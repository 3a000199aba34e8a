/**
 * The Rubric extension: starts the bundled language server (Node IPC) and adds what only an editor can:
 * the score preview webview, the status bar, the commands, evidence JSON validation. Every language
 * feature (diagnostics, hover, completion, …) is the server's.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PreviewChangedNotification, type PreviewSummary } from '@rubric/server/protocol';
import { registerCommands } from './commands';
import { PreviewPanels, type Rendered } from './preview/panel';
import { StatusBar } from './status';
import { EvidenceSchemas, SCHEMA_SCHEME } from './schema';
import { previewAllowed, settingsForServer } from './trust';

export interface RubricApi {
  client: LanguageClient;
  /** What the open preview panel last drew (the webview reports it back); for tests. */
  previewState(): Rendered | undefined;
  /** Fires when the preview panel has drawn new data. */
  onDidRender: vscode.Event<Rendered>;
  /** The latest preview summary per document; for tests and other extensions. */
  summaries: Map<string, PreviewSummary>;
  /** Fires after the server recomputed a document's preview. */
  onDidPreview: vscode.Event<PreviewSummary>;
}

let client: LanguageClient | undefined;
const SERVER_HEAP = '--max-semi-space-size=64';

export async function activate(context: vscode.ExtensionContext): Promise<RubricApi> {
  const serverModule = context.asAbsolutePath('client/dist/server.cjs');
  const serverOptions: ServerOptions = {
    // A young generation large enough for a keystroke's preview results to die young (server/bin/rubric-lsp.js).
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [SERVER_HEAP] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [SERVER_HEAP, '--nolazy', '--inspect=6009'] } },
  };
  const trusted = () => vscode.workspace.isTrusted;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'rubric' }],
    // Evidence, baseline and rules files are watched by the server's own registration
    // (workspace/didChangeWatchedFiles), which works for every client that supports it.
    initializationOptions: { settings: { preview: { enabled: previewAllowed(trusted(), readSettings().preview.enabled), debounceMs: readSettings().preview.debounceMs } } },
    middleware: {
      workspace: {
        // Previews read the files the rules name and score them: not in an untrusted workspace (trust.ts).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((r, i) => settingsForServer(params.items[i]?.section, r, trusted(), readSettings().preview.enabled));
        },
      },
    },
  };
  client = new LanguageClient('rubric', vscode.l10n.t('Rubric Language Server'), serverOptions, clientOptions);

  const summaries = new Map<string, PreviewSummary>();
  const previewed = new vscode.EventEmitter<PreviewSummary>();
  const status = new StatusBar();
  const panels = new PreviewPanels(context, client);
  const schemas = new EvidenceSchemas(client);
  context.subscriptions.push(status, panels, schemas, previewed, vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, schemas));

  await client.start();
  context.subscriptions.push(client.onNotification(PreviewChangedNotification, (s) => {
    summaries.set(s.uri, s);
    status.update(summaries);
    panels.changed(s);
    schemas.changed(s);
    previewed.fire(s);
  }));
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => status.update(summaries)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('workspace/didChangeConfiguration', { settings: null })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rubric')) void client?.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );
  registerCommands(context, client, panels);
  status.update(summaries);
  return { client, previewState: () => panels.state(), onDidRender: panels.onDidRender, summaries, onDidPreview: previewed.event };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

export function readSettings(): { preview: { enabled: boolean; debounceMs: number }; outputFolder: string } {
  const c = vscode.workspace.getConfiguration('rubric');
  return {
    preview: { enabled: c.get<boolean>('preview.enabled', true), debounceMs: c.get<number>('preview.debounceMs', 0) },
    outputFolder: c.get<string>('run.outputFolder', 'out'),
  };
}
