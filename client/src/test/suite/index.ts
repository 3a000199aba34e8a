/**
 * The extension's own test suite: the `run()` entry that `@vscode/test-electron` (desktop VS Code) and
 * our code-server runner (tests/e2e/vscode) both call inside a real extension host. The workspace is a
 * scratch copy of examples/gov-service-2022. Every wait is for an event (diagnostics changed, preview
 * recomputed, webview drawn), bounded by a timeout that only turns a hang into a failure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { RubricApi } from '../../extension';
import type { UncertaintyResponse } from '@rubric/server/protocol';

const EXTENSION_ID = 'rubric-lang.rubric';
const TIMEOUT = 30_000;

interface Case { name: string; fn: () => Promise<void> }
const cases: Case[] = [];
const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

function log(line: string): void {
  console.log(`[rubric-e2e] ${line}`);
  const file = process.env['RUBRIC_E2E_LOG'];
  if (file) fs.appendFileSync(file, line + '\n');
}

/** Resolves with the first event value passing `test`, or the current value if `now()` already passes. */
function waitFor<T>(event: vscode.Event<T>, test: (v: T) => boolean, what: string, now?: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const current = now?.();
    if (current !== undefined && test(current)) return resolve(current);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for ${what}`)); }, TIMEOUT);
    const sub = event((v) => {
      if (!test(v)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

async function diagnosticsOf(uri: vscode.Uri, test: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const now = () => vscode.languages.getDiagnostics(uri);
  if (!test(now())) await waitFor(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()) && test(now()), what);
  return now();
}

function positionOf(doc: vscode.TextDocument, needle: string, within = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  return doc.positionAt(at + within);
}

async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

let api: RubricApi;
let folder: vscode.Uri;
let rules: vscode.TextDocument;

test('the extension activates on a .rubric file', async () => {
  folder = vscode.workspace.workspaceFolders![0]!.uri;
  rules = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'rules.rubric'));
  await vscode.window.showTextDocument(rules);
  assert.equal(rules.languageId, 'rubric');
  const ext = vscode.extensions.getExtension<RubricApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  api = await ext.activate();
  assert.ok(api.client.isRunning(), 'the language client is not running');
});

test('the 2022 example has no errors and a preview of 55 units', async () => {
  const uri = rules.uri.toString();
  const s = await waitFor(api.onDidPreview, (p) => p.uri === uri && p.version === rules.version, 'the first preview', () => api.summaries.get(uri));
  assert.equal(s.errors, 0);
  assert.equal(s.units, 55);
  assert.equal(s.mean, 88.54);
  const errors = vscode.languages.getDiagnostics(rules.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  assert.deepEqual(errors.map((d) => d.message), []);
});

test('a broken copy gets ranged errors with codes', async () => {
  const broken = vscode.Uri.joinPath(folder, 'broken.rubric');
  const text = rules.getText().replace('indicator tech "技术支撑" weight 35', 'indicator tech "技术支撑" weight 30').replace('score = 100 * site.reachable', 'score = 100 * site.reachabel');
  await vscode.workspace.fs.writeFile(broken, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(broken);
  await vscode.window.showTextDocument(doc, { preview: false });
  const diags = await diagnosticsOf(broken, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'errors on broken.rubric');
  log(`broken.rubric: ${diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(typeof d.code === 'object' ? d.code.value : d.code)}`).join(', ')}`);
  const unknown = diags.find((d) => String(d.code) === 'names/unknown-field');
  assert.ok(unknown, 'no names/unknown-field diagnostic');
  assert.equal(doc.getText(unknown.range), 'site.reachabel');
  assert.ok(diags.some((d) => String(d.code) === 'weights/sum'), 'no weights/sum diagnostic');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.window.showTextDocument(rules);
});

test('hover on 事项办理 shows its mean over the 55 units', async () => {
  const text = await hoverText(rules, positionOf(rules, '"事项办理"', 2));
  log(`hover: ${text.split('\n')[0]}`);
  assert.match(text, /事项办理/);
  assert.match(text, /83\.55/);
  assert.match(text, /effective weight 20%/);
});

test('hover on the 优秀 band lists its fragile units; on an indicator, its sensitivity', async () => {
  const grade = await hoverText(rules, positionOf(rules, '优秀 >= 90', 1));
  log(`grade hover: ${grade.split('\n').find((l) => l.includes('Fragile'))}`);
  assert.match(grade, /Fragile at the 90 cut-off\*\*: 9 units/);
  assert.match(grade, /\| 珠海 \| 90\.07 \| 优秀 \| \+0\.07 \|/);
  const indicator = await hoverText(rules, positionOf(rules, 'indicator guide', 11));
  assert.match(indicator, /Sensitivity\*\* \(this weight alone ±20%, 20 steps\): mean \|Δrank\| 0\.3709/);
});

test('an unsaved weight edit shows saved → edited in the hover', async () => {
  const editor = await vscode.window.showTextDocument(rules);
  const text = rules.getText();
  const edits: [string, string][] = [['indicator delivery "证照送达" weight 10', 'indicator delivery "证照送达" weight 20'], ['indicator online "全程网办" weight 40', 'indicator online "全程网办" weight 30']];
  const ok = await editor.edit((b) => {
    for (const [from, to] of edits) {
      const at = text.indexOf(from);
      b.replace(new vscode.Range(rules.positionAt(at), rules.positionAt(at + from.length)), to);
    }
  });
  assert.ok(ok && rules.isDirty);
  const uri = rules.uri.toString();
  const s = await waitFor(api.onDidPreview, (p) => p.uri === uri && p.version === rules.version, 'the preview of the edit', () => api.summaries.get(uri));
  assert.equal(s.savedMean, 88.54);
  assert.equal(s.mean, 87.97);
  const hover = await hoverText(rules, positionOf(rules, '"事项办理"', 2));
  log(`hover after edit: ${hover.split('\n').find((l) => l.includes('→'))}`);
  assert.match(hover, /83\.55 → 80\.69 \(−2\.86\)/);
  assert.match(hover, /厦门/, 'the units whose grade changes are listed');
});

test('the score preview webview draws the edited scores and follows edits', async () => {
  await vscode.commands.executeCommand('rubric.openPreview', rules.uri);
  const drawn = await waitFor(api.onDidRender, (r) => r.version === rules.version, 'the preview to draw', () => api.previewState());
  assert.equal(drawn.mean, 87.97);
  assert.equal(drawn.rows, 55);
  // One more edit (simplicity 20 → 15, online 30 → 35): the panel redraws by itself.
  const editor = await vscode.window.showTextDocument(rules, vscode.ViewColumn.One);
  const text = rules.getText();
  const edits: [string, string][] = [['indicator simplicity "环节精简" weight 20', 'indicator simplicity "环节精简" weight 15'], ['indicator online "全程网办" weight 30', 'indicator online "全程网办" weight 35']];
  await editor.edit((b) => {
    for (const [from, to] of edits) {
      const at = text.indexOf(from);
      b.replace(new vscode.Range(rules.positionAt(at), rules.positionAt(at + from.length)), to);
    }
  });
  const again = await waitFor(api.onDidRender, (r) => r.version === rules.version, 'the preview to redraw', () => api.previewState())
    .catch((e: Error) => {
      const diags = vscode.languages.getDiagnostics(rules.uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      throw new Error(`${e.message}; version ${rules.version}, state ${JSON.stringify(api.previewState())}, diagnostics ${diags.join(' | ')}`);
    });
  assert.notEqual(again.mean, 87.97);
  await vscode.commands.executeCommand('rubric.compareWithSaved', rules.uri);
  const compare = await waitFor(api.onDidRender, (r) => r.mode === 'compare', 'the compare view', () => api.previewState());
  assert.equal(compare.version, rules.version);
});

test('Analyse Uncertainty draws rank intervals and grade probabilities in the preview', async () => {
  const response = await vscode.commands.executeCommand<UncertaintyResponse | null>('rubric.analyseUncertainty', rules.uri);
  assert.ok(response?.result, `no analysis: ${response?.reason ?? 'null'}`);
  assert.equal(response.result.units.length, 55);
  assert.equal(response.version, rules.version);
  const drawn = await waitFor(api.onDidRender, (r) => r.uncertainty?.version === rules.version, 'the rank-interval chart', () => api.previewState());
  log(`uncertainty drawn: ${JSON.stringify(drawn.uncertainty)}`);
  assert.equal(drawn.uncertainty!.intervals, 55);
  assert.equal(drawn.uncertainty!.probabilities, 55);
  assert.ok(drawn.uncertainty!.fragile > 0, 'no fragile unit highlighted');
});

test('code lenses show live means and test outcomes', async () => {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', rules.uri, 100);
  const titles = lenses.map((l) => l.command?.title ?? '');
  assert.ok(titles.some((t) => /^mean 83\.55 → /.test(t)), `no indicator lens with the change: ${titles.join(' | ')}`);
  assert.ok(titles.some((t) => t.startsWith('✓ passed')), 'no passed test lens');
});

test('Compile Engine writes a standalone engine module', async () => {
  await vscode.window.showTextDocument(rules, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.ok(!rules.isDirty, 'the rules are still dirty after revert');
  const target = vscode.Uri.joinPath(folder, 'engine.mjs');
  await vscode.commands.executeCommand('rubric.compileEngine', rules.uri, target);
  const code = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
  assert.match(code, /export const run/);
});

test('Run Evaluation writes results.json from the saved file and its preview evidence', async () => {
  const code = await vscode.commands.executeCommand<number>('rubric.runEvaluation', rules.uri);
  assert.equal(code, 0);
  const results = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'out', 'results.json'))).toString('utf8'));
  assert.equal(results.summary.mean, 88.54);
  assert.equal(results.units.length, 55);
});

test('evidence JSON files are validated against the rules\' schema', async () => {
  const file = vscode.Uri.joinPath(folder, 'evidence', 'beijing.json');
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc.getText().indexOf('"reachable": 0.9663');
  assert.ok(at >= 0);
  await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"reachable": 0.9663'.length)), '"reachable": "yes"'));
  const diags = await diagnosticsOf(file, (d) => d.some((x) => x.range.start.line === doc.positionAt(at).line), 'a schema diagnostic on beijing.json');
  log(`evidence schema: ${diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join(' | ')}`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

export async function run(): Promise<void> {
  let failed = 0;
  for (const c of cases) {
    const started = Date.now();
    try {
      await c.fn();
      log(`PASS ${c.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      log(`FAIL ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  log(`${cases.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${cases.length} extension tests failed`);
}
