/** The status bar item: the active rules file's overall mean (with its change from the saved file) and its error count. */
import * as vscode from 'vscode';
import type { PreviewSummary } from '@rubric/server/protocol';
import { fixed, signed } from './format';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rubric.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = vscode.l10n.t('Rubric score preview');
    this.item.command = 'rubric.openPreview';
  }

  update(summaries: Map<string, PreviewSummary>): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'rubric') {
      this.item.hide();
      return;
    }
    const s = summaries.get(editor.document.uri.toString());
    if (!s) {
      this.item.text = '$(loading~spin) Rubric';
      this.item.show();
      return;
    }
    const parts: string[] = [];
    if (s.mean !== null) {
      const change = s.savedMean !== null && s.savedMean !== s.mean ? ` (${signed(s.mean - s.savedMean, s.decimals)})` : '';
      parts.push(`$(graph) ${fixed(s.mean, s.decimals)}${change}${s.stale ? '*' : ''}`);
    } else parts.push('$(graph) —');
    parts.push(s.errors ? `$(error) ${s.errors}` : '$(check)');
    this.item.text = parts.join('  ');
    this.item.tooltip = new vscode.MarkdownString([
      s.mean !== null ? vscode.l10n.t('Mean over {0} units: {1}', s.units, fixed(s.mean, s.decimals)) : (s.reason ?? ''),
      s.savedMean !== null ? vscode.l10n.t('Saved file: {0}', fixed(s.savedMean, s.decimals)) : '',
      s.stale ? vscode.l10n.t('Scores of the last version without errors.') : '',
      vscode.l10n.t('{0} errors, {1} warnings, {2} evidence problems', s.errors, s.warnings, s.evidenceProblems),
      vscode.l10n.t('Click to open the score preview.'),
    ].filter(Boolean).join('\n\n'));
    this.item.backgroundColor = s.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
