/**
 * Evidence JSON validation: `contributes.jsonValidation` points evidence files at
 * `rubric-schema:/evidence.schema.json`, which this provider serves — the JSON Schema the rules emit
 * (`rubric compile --schema`) of the rules file edited last (or the first one open).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EvidenceSchemaRequest, type PreviewSummary } from '@rubric/server/protocol';

export const SCHEMA_SCHEME = 'rubric-schema';
export const SCHEMA_URI = vscode.Uri.parse(`${SCHEMA_SCHEME}:/evidence.schema.json`);

export class EvidenceSchemas implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private source: string | undefined;
  private lastSchema = '';

  constructor(private readonly client: LanguageClient) {}

  changed(s: PreviewSummary): void {
    if (s.errors) return;
    this.source = s.uri;
    void this.provideTextDocumentContent().then((text) => {
      if (text !== this.lastSchema) this.emitter.fire(SCHEMA_URI);
    });
  }

  async provideTextDocumentContent(): Promise<string> {
    const uri = this.source ?? vscode.workspace.textDocuments.find((d) => d.languageId === 'rubric')?.uri.toString();
    if (!uri) return '{}';
    const schema = await this.client.sendRequest(EvidenceSchemaRequest, { textDocument: { uri } }).catch(() => null);
    this.lastSchema = schema ? JSON.stringify(schema, null, 2) : '{}';
    return this.lastSchema;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
