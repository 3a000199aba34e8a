/**
 * The language server: LSP messages in, core calls, LSP messages out. Handlers are one-line adapters
 * onto features/; the document pipeline (documents/) and the preview (preview/) hold all state.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, TextDocuments,
  type ClientCapabilities, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { evidenceJsonSchema, generateEngine } from '@rubric/core';
import { Pipeline } from './documents/pipeline.js';
import type { Checked, Previewed } from './documents/phases.js';
import { fsPathOf } from './documents/source.js';
import { PreviewService } from './preview/preview.js';
import { staticRoot } from './preview/evidence-set.js';
import { FolderWatcher } from './preview/watch.js';
import { CompileRequest, Commands, EvidenceSchemaRequest, PreviewChangedNotification, PreviewRequest, RunRequest, UncertaintyRequest, type PreviewResponse, type PreviewSummary, type TestsResponse } from './protocol.js';
import { UncertaintyService } from './uncertainty/service.js';
import { uncertaintyResponse } from './features/uncertainty.js';
import { toOffset } from './util/positions.js';
import { evidenceDiagnostics, rulesDiagnostics } from './features/diagnostics.js';
import { hover, wantsUncertainty } from './features/hover.js';
import { completion } from './features/completion.js';
import { definition } from './features/definition.js';
import { highlights, references } from './features/references.js';
import { prepareRename, rename } from './features/rename.js';
import { documentSymbols } from './features/document-symbols.js';
import { scanFolders, workspaceSymbols, type Indexed } from './features/workspace-symbols.js';
import { formatting } from './features/formatting.js';
import { LEGEND, semanticTokens } from './features/semantic-tokens.js';
import { foldingRanges } from './features/folding.js';
import { codeActions } from './features/code-actions.js';
import { codeLenses, testOutcomes } from './features/code-lens.js';
import { inlayHints } from './features/inlay-hints.js';

export interface Settings {
  preview: { enabled: boolean; debounceMs: number };
}
const DEFAULTS: Settings = { preview: { enabled: true, debounceMs: 0 } };

export function isRubric(doc: { uri: string; languageId?: string }): boolean {
  return doc.languageId === 'rubric' || doc.uri.endsWith('.rubric');
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const previews = new PreviewService();
  const uncertainty = new UncertaintyService();
  let capabilities: ClientCapabilities = {};
  let folders: string[] = [];
  /**
   * Diagnostics last published per URI: each version of a document gets its diagnostics once (a client
   * may wait for the version it sent), and an identical second publication (after the preview) is skipped.
   */
  const published = new Map<string, string>();
  const evidenceUris = new Map<string, Set<string>>();

  const publish = (uri: string, diagnostics: Parameters<typeof connection.sendDiagnostics>[0]['diagnostics'], version?: number) => {
    const key = `${version ?? ''}\n${JSON.stringify(diagnostics)}`;
    if (published.get(uri) === key) return;
    published.set(uri, key);
    void connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  };

  const lastPreviewVersion = new Map<string, number>();
  const pipeline = new Pipeline(previews, {
    checked(doc, lastPreview) {
      publish(doc.uri, rulesDiagnostics(doc, lastPreview), doc.version);
    },
    previewed(doc) {
      uncertainty.supersede(doc.uri, doc.preview);
      publish(doc.uri, rulesDiagnostics(doc, doc.preview), doc.version);
      publishEvidence(doc);
      watchPreviewInputs(doc);
      void connection.sendNotification(PreviewChangedNotification, summary(doc));
      // An edit makes the client ask for lenses and hints again; a change of evidence or of the saved
      // file does not, so tell it.
      if (lastPreviewVersion.get(doc.uri) === doc.version) refreshViews();
      lastPreviewVersion.set(doc.uri, doc.version);
    },
  });

  const readText = (file: string) => {
    const open = documents.get(pathToFileURL(file).href) ?? documents.all().find((d) => fsPathOf(d.uri) === file);
    if (open) return open.getText();
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };

  function publishEvidence(doc: Previewed): void {
    const now = evidenceDiagnostics(doc.preview, readText);
    const before = evidenceUris.get(doc.uri) ?? new Set();
    for (const [uri, diags] of now) publish(uri, diags);
    for (const uri of before) if (!now.has(uri)) publish(uri, []);
    evidenceUris.set(doc.uri, new Set(now.keys()));
  }

  function refreshViews(): void {
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  }

  const applySettings = (s: Partial<Settings> | undefined) => {
    const merged: Settings = { preview: { ...DEFAULTS.preview, ...(s?.preview ?? {}) } };
    const changed = merged.preview.enabled !== pipeline.previewEnabled;
    pipeline.previewEnabled = merged.preview.enabled;
    pipeline.debounceMs = Math.max(0, Number(merged.preview.debounceMs) || 0);
    if (changed) pipeline.invalidatePreviews();
  };

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    folders = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
    if (!folders.length && params.rootUri) folders = [fsPathOf(params.rootUri)].filter((p): p is string => !!p);
    applySettings((params.initializationOptions as { settings?: Partial<Settings> } | undefined)?.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.'] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Rubric' },
        workspaceSymbolProvider: true,
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        executeCommandProvider: { commands: [Commands.runTests] },
      },
      serverInfo: { name: 'rubric-lsp', version: serverVersion() },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{json,yaml,yml,csv,xlsx,rubric}' }],
      });
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'rubric' });
    }
    void pullSettings();
  });

  async function pullSettings(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    const [s] = (await connection.workspace.getConfiguration([{ section: 'rubric' }]).catch(() => [undefined])) as [Partial<Settings> | undefined];
    applySettings(s ?? undefined);
  }

  connection.onDidChangeConfiguration((change) => {
    if (capabilities.workspace?.configuration) void pullSettings();
    else applySettings((change.settings as { rubric?: Partial<Settings> } | undefined)?.rubric);
  });

  documents.onDidChangeContent(({ document }) => {
    if (isRubric(document)) pipeline.update(document.uri, document.version, document.getText(), pipeline.busyRecently());
  });
  documents.onDidClose(({ document }) => {
    pipeline.close(document.uri);
    uncertainty.close(document.uri);
    publish(document.uri, []);
    for (const uri of evidenceUris.get(document.uri) ?? []) publish(uri, []);
    evidenceUris.delete(document.uri);
  });
  documents.onDidSave(({ document }) => {
    const file = fsPathOf(document.uri);
    if (!file || !isRubric(document)) return;
    previews.saved.remember(file, document.getText());
    pipeline.invalidatePreviews([document.uri]);
  });

  /** Files changed on disk (reported by the client, or by our own watcher): reload what they feed. */
  function filesChanged(files: string[]): void {
    const dropped = previews.evidence.invalidate(files);
    const rules = files.filter((f) => f.endsWith('.rubric'));
    for (const f of rules) previews.saved.invalidate(f);
    const open = pipeline.uris().filter((uri) => rules.includes(fsPathOf(uri) ?? ''));
    if (dropped) pipeline.invalidatePreviews();
    else if (open.length) pipeline.invalidatePreviews(open);
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    filesChanged(changes.filter((c) => c.type !== FileChangeType.Deleted || !c.uri.endsWith('.rubric')).map((c) => fsPathOf(c.uri)).filter((p): p is string => !!p));
  });

  // Clients that cannot watch files for us get the server's own watcher over what the previews read.
  let watcher: FolderWatcher | undefined;
  const watchPreviewInputs = (doc: Previewed) => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    watcher ??= new FolderWatcher(filesChanged);
    if (doc.preview.evidence) watcher.add(staticRoot(doc.preview.evidence.pattern));
    if (doc.preview.baseline) watcher.add(path.dirname(doc.preview.baseline.path));
  };
  connection.onExit(() => {
    watcher?.dispose();
    uncertainty.dispose();
  });

  const checked = (uri: string): Checked | undefined => pipeline.checked(uri);
  const at = (doc: Checked, position: Parameters<typeof toOffset>[1]) => toOffset(doc.lines, position);

  connection.onHover(async ({ textDocument, position }) => {
    const doc = await pipeline.previewed(textDocument.uri);
    if (!doc) return null;
    const offset = at(doc, position);
    // Only a grade or an indicator shows the uncertainty analysis; it is computed on the first such hover.
    return hover(wantsUncertainty(doc, offset) ? { ...doc, uncertainty: await uncertainty.forHover(doc) } : doc, offset);
  });
  connection.onCompletion(({ textDocument, position }) => {
    const doc = checked(textDocument.uri);
    return doc ? completion(doc, at(doc, position)) : [];
  });
  connection.onDefinition(({ textDocument, position }) => {
    const doc = checked(textDocument.uri);
    return doc ? definition(doc, at(doc, position)) : null;
  });
  connection.onReferences(({ textDocument, position, context }) => {
    const doc = checked(textDocument.uri);
    return doc ? references(doc, at(doc, position), context.includeDeclaration) : [];
  });
  connection.onDocumentHighlight(({ textDocument, position }) => {
    const doc = checked(textDocument.uri);
    return doc ? highlights(doc, at(doc, position)) : [];
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const doc = checked(textDocument.uri);
    return doc ? prepareRename(doc, at(doc, position)) : null;
  });
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const doc = checked(textDocument.uri);
    return doc ? rename(doc, at(doc, position), newName) : null;
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const doc = checked(textDocument.uri);
    return doc ? documentSymbols(doc) : [];
  });
  connection.onWorkspaceSymbol(async ({ query }) => {
    const open = pipeline.uris().map((uri) => checked(uri)!).map((d): Indexed => ({ uri: d.uri, text: d.text, analysis: d.analysis }));
    const openUris = new Set(open.map((d) => d.uri));
    const onDisk = (await scanFolders(folders)).filter((f) => !openUris.has(f.uri));
    return workspaceSymbols([...open, ...onDisk], query);
  });
  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = checked(textDocument.uri);
    return doc ? formatting(doc) : [];
  });
  connection.languages.semanticTokens.on(({ textDocument }) => {
    const doc = checked(textDocument.uri);
    return doc ? semanticTokens(doc) : { data: [] };
  });
  connection.onFoldingRanges(({ textDocument }) => {
    const doc = checked(textDocument.uri);
    return doc ? foldingRanges(doc) : [];
  });
  connection.onCodeAction(({ textDocument, range, context }) => {
    const doc = checked(textDocument.uri);
    return doc ? codeActions(doc, range, context.diagnostics) : [];
  });
  connection.onCodeLens(async ({ textDocument }) => {
    const doc = await pipeline.previewed(textDocument.uri);
    return doc ? codeLenses(doc) : [];
  });
  connection.languages.inlayHint.on(({ textDocument, range }) => {
    const doc = checked(textDocument.uri);
    return doc ? inlayHints(doc, at(doc, range.start), at(doc, range.end)) : [];
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== Commands.runTests) return null;
    const [uri, only] = (args ?? []) as [string, string | undefined];
    const doc = checked(uri);
    if (!doc) return null;
    const response = testsResponse(doc, only);
    const text = response.error ?? `${response.passed} passed, ${response.failed} failed${response.tests.filter((t) => !t.passed).map((t) => `\n✗ ${t.name}: ${t.failures.join('; ')}`).join('')}`;
    void (response.failed || response.error ? connection.window.showWarningMessage(text) : connection.window.showInformationMessage(text));
    refreshViews();
    return response;
  });

  connection.onRequest(PreviewRequest, async ({ textDocument }) => {
    const doc = await pipeline.previewed(textDocument.uri);
    return doc ? { ...previewResponse(doc), results: previews.explain(doc, doc.preview) ?? null } : null;
  });
  connection.onRequest(UncertaintyRequest, async ({ textDocument, depth }, token) => {
    const doc = await pipeline.previewed(textDocument.uri);
    return doc ? uncertaintyResponse(doc, await uncertainty.analyse(doc, depth ?? 'full', token)) : null;
  });
  connection.onRequest(CompileRequest, ({ textDocument }) => {
    const doc = checked(textDocument.uri);
    if (!doc) return { error: 'The document is not open.' };
    if (doc.analysis.hasErrors) return { error: 'The file has errors; fix them before compiling.' };
    return { code: generateEngine(doc.analysis.model) };
  });
  connection.onRequest(EvidenceSchemaRequest, ({ textDocument }) => {
    const doc = checked(textDocument.uri);
    return doc && !doc.analysis.hasErrors ? evidenceJsonSchema(doc.analysis.model) : null;
  });
  connection.onRequest(RunRequest, async ({ textDocument, outDir }) => {
    const output: string[] = [];
    const file = fsPathOf(textDocument.uri);
    const block = file ? checked(textDocument.uri)?.analysis.model.preview : undefined;
    if (!file || !block?.evidence) {
      return { exitCode: 2, output: ['The file needs a `preview { evidence "…" }` block naming the evidence to run on.'], outDir };
    }
    // `rubric run` itself, on the saved file: the same code path as the yearly run.
    const dir = path.dirname(file);
    const out = { out: (l: string) => output.push(l), err: (l: string) => output.push(l) };
    // Loaded on first use: the CLI's outputs (report, spreadsheets) weigh a second of start-up.
    const [{ run: runCommand }, { UsageError }] = await Promise.all([import('@rubric/cli/commands/run'), import('@rubric/cli/commands/shared')]);
    try {
      const exitCode = await runCommand(out, file, {
        evidence: [path.resolve(dir, block.evidence)], out: outDir,
        ...(block.baseline ? { baseline: path.resolve(dir, block.baseline) } : {}),
      });
      return { exitCode, output, outDir };
    } catch (e) {
      output.push(e instanceof Error ? e.message : String(e));
      return { exitCode: e instanceof UsageError ? 2 : 1, output, outDir };
    }
  });

  documents.listen(connection);
  connection.listen();
}

function testsResponse(doc: Checked, only?: string): TestsResponse {
  if (doc.analysis.hasErrors) return { passed: 0, failed: 0, tests: [], error: 'The file has errors; fix them to run its tests.' };
  const all = testOutcomes(doc);
  if (!all) return { passed: 0, failed: 0, tests: [], error: 'The tests could not run.' };
  const tests = all.filter((t) => !only || t.name === only).map((t) => ({ name: t.name, passed: t.passed, failures: t.failures.map((f) => f.message) }));
  return { passed: tests.filter((t) => t.passed).length, failed: tests.filter((t) => !t.passed).length, tests };
}

export function summary(doc: Previewed): PreviewSummary {
  const p = doc.preview;
  const diags = doc.analysis.diagnostics;
  return {
    uri: doc.uri, version: doc.version, resultsVersion: p.version, stale: p.stale,
    errors: diags.filter((d) => d.severity === 'error').length, warnings: diags.filter((d) => d.severity === 'warning').length,
    units: p.results?.summary.units ?? 0, mean: p.results?.summary.mean ?? null,
    savedMean: p.impact && !p.stale ? p.impact.mean.saved : null,
    decimals: doc.analysis.model.evaluation.decimals,
    ...(p.reason ? { reason: p.reason } : {}),
    evidenceProblems: p.problems.length,
  };
}

export function previewResponse(doc: Previewed): PreviewResponse {
  const p = doc.preview;
  return {
    ...summary(doc),
    results: p.results ?? null, saved: p.stale ? null : p.saved ?? null, impact: p.stale ? null : p.impact ?? null,
    problems: p.problems.map((x) => ({ source: x.source, unit: x.unit, field: x.field, message: x.message })),
  };
}

function serverVersion(): string {
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    return (JSON.parse(readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
