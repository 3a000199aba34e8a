/**
 * Commands: Open Score Preview, Compare with Saved (the preview opened on the impact of the unsaved
 * edit), Analyse Uncertainty (the full `rubric uncertainty` analysis of the buffer, drawn in the preview:
 * rank intervals, grade probabilities, the weights that move ranks), Compile Engine (the standalone engine.mjs of the buffer), Run Evaluation (`rubric run` on the
 * saved file with its preview evidence), Restart Server. `rubric.runTests` is the server's own command.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CompileRequest, RunRequest } from '@rubric/server/protocol';
import type { PreviewPanels } from './preview/panel';
import { readSettings } from './extension';
import { restricted } from './trust';

function rubricEditorDocument(uri?: vscode.Uri): vscode.TextDocument | undefined {
  if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'rubric') return doc;
  return vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.languageId === 'rubric');
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, panels: PreviewPanels): void {
  const output = vscode.window.createOutputChannel('Rubric');
  context.subscriptions.push(output);
  const noFile = () => void vscode.window.showWarningMessage(vscode.l10n.t('Open a .rubric file first.'));

  // In an untrusted workspace the commands that read evidence or write files refuse, offering trust.
  const untrusted = async () => {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Rubric does not read evidence, score, compile or write files in an untrusted workspace.'), manage);
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  };
  const register = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, restricted(id, fn, () => vscode.workspace.isTrusted, untrusted)));

  register('rubric.openPreview', async (uri?: vscode.Uri) => {
    const doc = rubricEditorDocument(uri);
    if (!doc) return noFile();
    await panels.show(doc.uri, 'preview');
  });

  register('rubric.compareWithSaved', async (uri?: vscode.Uri) => {
    const doc = rubricEditorDocument(uri);
    if (!doc) return noFile();
    if (!doc.isDirty) void vscode.window.showInformationMessage(vscode.l10n.t('The file has no unsaved changes: the preview shows the saved scores.'));
    await panels.show(doc.uri, 'compare');
  });

  /** Analyse Uncertainty: the full analysis drawn in the preview panel; returns the server's answer. */
  register('rubric.analyseUncertainty', async (uri?: vscode.Uri) => {
    const doc = rubricEditorDocument(uri);
    if (!doc) return noFile();
    const response = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Analysing the uncertainty…'), cancellable: true },
      (_progress, token) => panels.analyse(doc.uri, token),
    );
    if (response && !response.result && response.reason) void vscode.window.showWarningMessage(vscode.l10n.t('No uncertainty analysis: {0}', response.reason));
    return response;
  });

  /** Compile Engine: writes `<rules>.engine.mjs` beside the rules file (or `target`), returns its URI. */
  register('rubric.compileEngine', async (uri?: vscode.Uri, target?: vscode.Uri) => {
    const doc = rubricEditorDocument(uri);
    if (!doc) return noFile();
    const response = await client.sendRequest(CompileRequest, { textDocument: { uri: doc.uri.toString() } });
    if (response.error || response.code === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot compile: {0}', response.error ?? ''));
      return undefined;
    }
    const dest = target ?? (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(doc.uri.fsPath.replace(/\.rubric$/, '.engine.mjs')),
      filters: { 'ES module': ['mjs', 'js'] },
    }));
    if (!dest) return undefined;
    await vscode.workspace.fs.writeFile(dest, Buffer.from(response.code, 'utf8'));
    void vscode.window.showInformationMessage(vscode.l10n.t('Wrote the engine to {0}.', vscode.workspace.asRelativePath(dest)), vscode.l10n.t('Open')).then((choice) => {
      if (choice) void vscode.window.showTextDocument(dest);
    });
    return dest;
  });

  /** Run Evaluation: `rubric run` on the saved file, its preview evidence and baseline; returns the exit code. */
  register('rubric.runEvaluation', async (uri?: vscode.Uri) => {
    const doc = rubricEditorDocument(uri);
    if (!doc) return noFile();
    if (doc.isDirty && !(await doc.save())) return undefined;
    const outDir = path.resolve(path.dirname(doc.uri.fsPath), readSettings().outputFolder);
    const response = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running the evaluation…') },
      () => client.sendRequest(RunRequest, { textDocument: { uri: doc.uri.toString() }, outDir }),
    );
    output.appendLine(`$ rubric run ${vscode.workspace.asRelativePath(doc.uri)} → ${outDir}`);
    for (const line of response.output) output.appendLine(line);
    if (response.exitCode === 0) {
      const open = vscode.l10n.t('Open results.json');
      void vscode.window.showInformationMessage(vscode.l10n.t('Wrote the results to {0}.', outDir), open).then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(vscode.Uri.file(path.join(outDir, 'results.json')));
      });
    } else {
      output.show(true);
      void vscode.window.showErrorMessage(vscode.l10n.t('The evaluation did not run; see the Rubric output.'));
    }
    return response.exitCode;
  });

  register('rubric.restartServer', async () => {
    await client.restart();
  });
}
