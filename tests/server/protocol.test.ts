// The real `rubric-lsp --stdio` driven by a real JSON-RPC client over its standard streams. Every wait is
// for a message (published diagnostics, a preview notification, a response), never for time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidChangeWatchedFilesNotification, DidSaveTextDocumentNotification, FileChangeType, HoverRequest, CodeLensRequest,
  type Hover, type Position,
} from 'vscode-languageserver-protocol/node';
import { EvidenceSchemaRequest, PreviewRequest } from '../../server/src/protocol.js';
import { LspProcess, ROOT, SERVER_BIN } from './helpers/lsp-process.js';

const EXAMPLE = path.join(ROOT, 'examples/gov-service-2022');
const text = fs.readFileSync(path.join(EXAMPLE, 'rules.rubric'), 'utf8');

function positionOf(source: string, needle: string, within = 1): Position {
  const at = source.indexOf(needle);
  expect(at, `${needle} in the text`).toBeGreaterThanOrEqual(0);
  const before = source.slice(0, at + within).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

const markdown = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const edited = text
  .replace('indicator delivery "证照送达" weight 10', 'indicator delivery "证照送达" weight 20')
  .replace('indicator online "全程网办" weight 40', 'indicator online "全程网办" weight 30');

describe('rubric-lsp over stdio, on the 2022 example', () => {
  let lsp: LspProcess;
  let uri: string;

  beforeAll(async () => {
    lsp = new LspProcess();
    const init = await lsp.initialize(EXAMPLE);
    expect(init.serverInfo?.name).toBe('rubric-lsp');
    uri = await lsp.open(path.join(EXAMPLE, 'rules.rubric'), text);
  });
  afterAll(() => {
    if (lsp.child.exitCode === null) lsp.child.kill();
  });

  it('publishes no errors and scores the 55 cities', async () => {
    const diags = await lsp.waitForDiagnostics(uri);
    expect(diags.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const preview = await lsp.waitForPreview(uri);
    expect(preview).toMatchObject({ version: 1, stale: false, errors: 0, units: 55, mean: 88.54, evidenceProblems: 0 });
  });

  it('hover on 事项办理 shows its mean, 83.55', async () => {
    const h = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '"事项办理"', 2) });
    expect(markdown(h)).toContain('**事项办理** `handling` · weight 20 · effective weight 20%');
    expect(markdown(h)).toMatch(/\| 55 of 55 units \| 83\.55 \|/);
  });

  it('rubric/preview is exactly the results.json `rubric run` writes', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-run-'));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/rubric.js'), 'run', path.join(EXAMPLE, 'rules.rubric'), '--evidence', path.join(EXAMPLE, 'evidence'), '--baseline', path.join(EXAMPLE, 'baseline-2021.json'), '--out', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    fs.rmSync(out, { recursive: true, force: true });
    const r = await lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri } });
    expect(r!.results).toEqual(written);
  });

  it('an unsaved weight edit shows saved → edited and the units whose grade changes', async () => {
    const version = await lsp.change(uri, edited);
    const preview = await lsp.waitForPreview(uri, (p) => p.version === version);
    expect(preview).toMatchObject({ mean: 87.97, savedMean: 88.54 });
    const h = markdown(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(edited, '"事项办理"', 2) }));
    expect(h).toContain('mean 83.55 → 80.69 (−2.86) · overall 88.54 → 87.97 (−0.57)');
    expect(h).toContain('7 grade changes');
    expect(h).toMatch(/\| 厦门 \| 91\.54 → 89\.98 \(−1\.56\) \| 优秀 → 良好 \| 13 → 19 \|/);
    const lenses = await lsp.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    expect(lenses.map((l) => l.command?.title)).toContain('mean 83.55 → 80.69 (−2.86) · min 55.15 · max 96.57');
  });

  it('rubric/preview returns the buffer\'s full results, the saved ones and the impact', async () => {
    const r = await lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri } });
    expect(r!.results!.units).toHaveLength(55);
    expect(r!.results!.units[0]!.explain.length).toBeGreaterThan(0); // as results.json has them
    expect(r!.results!.summary.mean).toBe(87.97);
    expect(r!.saved!.summary.mean).toBe(88.54);
    expect(r!.impact!.units.filter((u) => u.saved!.grade !== u.edited!.grade).map((u) => u.name).sort()).toEqual(['厦门', '合肥', '济南', '珠海', '重庆', '银川', '青岛'].sort());
    const schema = await lsp.connection.sendRequest(EvidenceSchemaRequest, { textDocument: { uri } }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('site');
  });

  it('a broken buffer gets ranged errors; its last good scores stay, marked stale', async () => {
    const broken = edited.replace('score = 100 * site.reachable', 'score = 100 * site.reachabel').replace('indicator tech "技术支撑" weight 35', 'indicator tech "技术支撑" weight 30 {');
    const version = await lsp.change(uri, broken);
    const diags = await lsp.waitForDiagnostics(uri, (p) => p.version === version);
    const errors = diags.diagnostics.filter((d) => d.severity === 1);
    expect(errors.length).toBeGreaterThan(0);
    const unknown = diags.diagnostics.find((d) => d.code === 'names/unknown-field');
    if (unknown) expect(unknown.range).toEqual({ start: positionOf(broken, 'site.reachabel', 0), end: positionOf(broken, 'site.reachabel', 14) });
    for (const e of errors) expect(e.range.start.line).toBeLessThanOrEqual(e.range.end.line);
    const syntax = errors.find((d) => String(d.code).startsWith('syntax/'));
    expect(syntax, 'a syntax error for the extra `{`').toBeDefined();
    const preview = await lsp.waitForPreview(uri, (p) => p.version === version);
    expect(preview).toMatchObject({ stale: true, resultsVersion: 2, mean: 87.97 });
  });

  it('shuts down cleanly', async () => {
    expect(await lsp.shutdown()).toBe(0);
    expect(lsp.stderr).toBe('');
  });
});

describe('rubric-lsp follows the files on disk', () => {
  let dir: string;
  let lsp: LspProcess;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-lsp-'));
    for (const f of ['rules.rubric', 'baseline-2021.json', 'evidence']) fs.cpSync(path.join(EXAMPLE, f), path.join(dir, f), { recursive: true });
  });
  afterAll(() => {
    if (lsp?.child.exitCode === null) lsp.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reloads evidence on a watched-file event, and takes a saved file as the new reference', async () => {
    lsp = new LspProcess();
    await lsp.initialize(dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const rules = path.join(dir, 'rules.rubric');
    const uri = await lsp.open(rules, text);
    await lsp.waitForPreview(uri, (p) => p.mean === 88.54);

    // An evidence file changes on disk: one city loses its electronic certificate.
    const file = path.join(dir, 'evidence/beijing.json');
    const beijing = JSON.parse(fs.readFileSync(file, 'utf8'));
    beijing.licence.e_certificate = false;
    fs.writeFileSync(file, JSON.stringify(beijing));
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Changed }] });
    const after = await lsp.waitForPreview(uri, (p) => p.mean !== 88.54);
    expect(after.mean).toBeLessThan(88.54);

    // An invalid evidence file: a diagnostic on it, at its key.
    beijing.site.reachable = 'yes';
    fs.writeFileSync(file, JSON.stringify(beijing, null, 2));
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Changed }] });
    const onFile = await lsp.waitForDiagnostics(pathToFileURL(file).href, (p) => p.diagnostics.length > 0);
    expect(onFile.diagnostics[0]).toMatchObject({ code: 'preview/evidence', message: '`site.reachable`: expected a ratio from 0 to 1, found the text "yes"' });
    const onRules = await lsp.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'preview/evidence'));
    expect(onRules.diagnostics.find((d) => d.code === 'preview/evidence')!.message).toBe('evidence/beijing.json: `site.reachable`: expected a ratio from 0 to 1, found the text "yes"');

    // Edit, then save: the saved file becomes the reference, so nothing differs any more.
    const version = await lsp.change(uri, edited);
    const dirty = await lsp.waitForPreview(uri, (p) => p.version === version);
    expect(dirty.savedMean).not.toBeNull();
    fs.writeFileSync(rules, edited);
    await lsp.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    const saved = await lsp.waitForPreview(uri, (p) => p.version === version && p.savedMean === null);
    expect(saved.mean).toBe(dirty.mean);
    expect(await lsp.shutdown()).toBe(0);
  });
});

describe('rubric-lsp watches the evidence itself for clients that cannot (Neovim 0.7)', () => {
  it('reloads the preview when an evidence file changes on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-lsp-watch-'));
    for (const f of ['rules.rubric', 'baseline-2021.json', 'evidence']) fs.cpSync(path.join(EXAMPLE, f), path.join(dir, f), { recursive: true });
    const lsp = new LspProcess();
    try {
      await lsp.initialize(dir); // no didChangeWatchedFiles capability
      const uri = await lsp.open(path.join(dir, 'rules.rubric'), text);
      await lsp.waitForPreview(uri, (p) => p.mean === 88.54);
      const file = path.join(dir, 'evidence/shanghai.json');
      const shanghai = JSON.parse(fs.readFileSync(file, 'utf8'));
      shanghai.licence.e_certificate = false;
      shanghai.licence.duplicate_paper = true;
      fs.writeFileSync(file, JSON.stringify(shanghai));
      const after = await lsp.waitForPreview(uri, (p) => p.mean !== 88.54);
      expect(after.mean).toBeLessThan(88.54);
      expect(await lsp.shutdown()).toBe(0);
    } finally {
      if (lsp.child.exitCode === null) lsp.child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the rubric-lsp command', () => {
  it('prints its usage with --help and refuses to start without a transport', () => {
    const help = spawnSync(process.execPath, [SERVER_BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('rubric-lsp --stdio');
    const bare = spawnSync(process.execPath, [SERVER_BIN], { encoding: 'utf8' });
    expect(bare.status).toBe(2);
  });
});
