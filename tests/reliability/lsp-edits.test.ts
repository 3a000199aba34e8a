/**
 * The real language server (rubric-lsp --stdio) under a hurried typist's edits of the 2022 example: typed
 * characters, backspaces, pasted and cut spans, multi-cursor changes, undo runs, as incremental didChange
 * notifications, with the requests an editor sends in between (hover, completion, symbols, semantic
 * tokens, formatting, code lenses, folding, highlights, inlay hints, code actions, rubric/preview).
 *
 * Asserted: the server stays up and writes nothing to stderr; no request fails; every range it answers
 * with (diagnostics of the version they name, symbols, tokens, edits, …) is inside that version's text and
 * no message shows an internal value; the final state equals what a fresh server computes from the same
 * text; undoing everything gives back the very first preview; memory stays bounded after warm-up.
 *
 * `npm test` runs LSP_EDITS (500) edits with a fixed seed; the long run is
 * `LSP_EDITS=10000 LSP_EDITS_SEED=<n> npx vitest run tests/reliability/lsp-edits.test.ts` (also part of
 * `npm run fuzz`), which writes its figures to LSP_EDITS_REPORT when set. A failure prints the seed, the
 * edit number, the last edits, and whether the failing request reproduces on a fresh server with just
 * that version's text (the minimal case: one open, one request), saved to a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, DidChangeTextDocumentNotification, DocumentFormattingRequest,
  DocumentHighlightRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, InlayHintRequest,
  SemanticTokensRequest, DefinitionRequest, ReferencesRequest, PrepareRenameRequest, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { PreviewRequest } from '../../server/src/protocol.js';
import { LspProcess, ROOT } from '../server/helpers/lsp-process.js';
import { Typist, positionAt, type Change, type Position } from './typist.js';

const EDITS = Number(process.env['LSP_EDITS'] ?? 500);
const SEED = Number(process.env['LSP_EDITS_SEED'] ?? process.env['FUZZ_SEED'] ?? 20_261_126);
const REPORT = process.env['LSP_EDITS_REPORT'];
/** Memory may grow by at most this much after warm-up (the first fifth of the edits, at least 200). */
const RSS_GROWTH_MB = Number(process.env['LSP_EDITS_RSS_MB'] ?? 200);

const EXAMPLE = path.join(ROOT, 'examples/gov-service-2022');
const RULES = path.join(EXAMPLE, 'rules.rubric');
const ORIGINAL = fs.readFileSync(RULES, 'utf8');

type Doc = { text: string; lines: string[] };
const docOf = (text: string): Doc => ({ text, lines: text.split('\n') });

/** Every `{start, end}` range and `{line, character}` position inside `value` lies inside `doc`. */
function outside(value: unknown, doc: Doc, where: string): string[] {
  const bad: string[] = [];
  const inDoc = (p: Position) => p.line >= 0 && p.line < doc.lines.length && p.character >= 0 && p.character <= doc.lines[p.line]!.length;
  const walk = (v: unknown, at: string) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, `${at}[${i}]`)); return; }
    const o = v as Record<string, unknown>;
    if (typeof o['line'] === 'number' && typeof o['character'] === 'number') {
      if (!inDoc(o as unknown as Position)) bad.push(`${where}${at}: ${JSON.stringify(o)} is outside the text (${doc.lines.length} lines)`);
      return;
    }
    const s = o['start'] as Position | undefined;
    const e = o['end'] as Position | undefined;
    if (s && e && typeof s.line === 'number' && typeof e.line === 'number' && (e.line < s.line || (e.line === s.line && e.character < s.character))) {
      bad.push(`${where}${at}: the range ends before it starts: ${JSON.stringify(o)}`);
    }
    for (const [k, x] of Object.entries(o)) walk(x, `${at}.${k}`);
  };
  walk(value, '');
  return bad;
}

/** Semantic tokens decoded: each inside its line. */
function badTokens(data: number[], doc: Doc): string[] {
  const bad: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i]!;
    char = data[i] ? data[i + 1]! : char + data[i + 1]!;
    const text = doc.lines[line];
    if (text === undefined || char + data[i + 2]! > text.length) bad.push(`semantic token ${i / 5} at ${line}:${char}+${data[i + 2]} is outside the text`);
  }
  return bad;
}

const leaks = /\bundefined\b|\bNaN\b|\[object Object\]/;

interface Sent { method: string; params: unknown; edit: number; version: number; doc: Doc; sync: boolean; promise: Promise<unknown> }

/** The editor side: the document as sent, its versions, the requests in flight and every problem seen. */
class Session {
  readonly lsp = new LspProcess();
  uri = '';
  version = 1;
  readonly texts = new Map<number, Doc>();
  readonly problems: string[] = [];
  readonly pending: Sent[] = [];
  readonly log: { edit: number; kind: string; version: number; changes: Change[] }[] = [];
  firstFailure: { sent: Sent; message: string } | undefined;
  requests = 0;

  async start(): Promise<void> {
    await this.lsp.initialize(EXAMPLE);
    this.uri = await this.lsp.open(RULES, ORIGINAL);
    this.texts.set(1, docOf(ORIGINAL));
    this.lsp.onDiagnostics.push((p) => this.diagnosed(p));
  }

  private diagnosed(p: PublishDiagnosticsParams): void {
    if (p.uri !== this.uri || p.version === undefined) return;
    const doc = this.texts.get(p.version);
    if (!doc) return;
    this.problems.push(...outside(p.diagnostics, doc, `diagnostics of version ${p.version}`));
    for (const d of p.diagnostics) if (leaks.test(d.message)) this.problems.push(`diagnostics of version ${p.version}: the message leaks an internal value: ${d.message}`);
  }

  async change(changes: Change[], edit: number, kind: string): Promise<void> {
    this.version++;
    const text = this.texts.get(this.version - 1)!.text;
    const next = changes.reduce((t, c) => (c.range ? t.slice(0, offset(t, c.range.start)) + c.text + t.slice(offset(t, c.range.end)) : c.text), text);
    this.texts.set(this.version, docOf(next));
    this.texts.delete(this.version - 300); // diagnostics arrive for recent versions only
    this.log.push({ edit, kind, version: this.version, changes });
    await this.lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri, version: this.version }, contentChanges: changes });
  }

  /** Sends a request without waiting, as an editor does; `sync` requests answer for the version they were sent at. */
  request(method: string, params: unknown, edit: number, sync: boolean): void {
    const doc = this.texts.get(this.version)!;
    this.requests++;
    const promise = this.lsp.connection.sendRequest(method, params);
    this.pending.push({ method, params, edit, version: this.version, doc, sync, promise });
  }

  async settle(): Promise<void> {
    const all = this.pending.splice(0);
    await Promise.all(all.map(async (sent) => {
      try {
        const result = await sent.promise;
        const bad = sent.sync ? outside(result, sent.doc, `${sent.method} at version ${sent.version}`) : [];
        if (sent.method === SemanticTokensRequest.method && result) bad.push(...badTokens((result as { data: number[] }).data, sent.doc));
        if (bad.length) this.fail(sent, bad.join('\n'));
      } catch (e) {
        this.fail(sent, `the request failed: ${(e as Error).message} (code ${(e as { code?: number }).code})`);
      }
    }));
  }

  private fail(sent: Sent, message: string): void {
    this.problems.push(`edit ${sent.edit}, ${sent.method}: ${message}`);
    this.firstFailure ??= { sent, message };
  }

  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.lsp.serverPid()}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
}

function offset(text: string, p: Position): number {
  const lines = text.split('\n');
  let at = 0;
  for (let l = 0; l < p.line && l < lines.length; l++) at += lines[l]!.length + 1;
  if (p.line >= lines.length) return text.length;
  return at + Math.min(p.character, lines[p.line]!.length);
}

/** The requests an editor sends while one types: method, params and whether it answers synchronously. */
function randomRequest(s: Session, t: Typist): [string, unknown, boolean] {
  const textDocument = { uri: s.uri };
  const position = t.position();
  const range = { start: position, end: t.position() };
  const ordered = range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character < range.start.character)
    ? { start: range.end, end: range.start } : range;
  const r = t.random();
  if (r < 0.2) return [HoverRequest.method, { textDocument, position }, false];
  if (r < 0.38) return [CompletionRequest.method, { textDocument, position }, true];
  if (r < 0.46) return [DocumentSymbolRequest.method, { textDocument }, true];
  if (r < 0.56) return [SemanticTokensRequest.method, { textDocument }, true];
  if (r < 0.6) return [DocumentFormattingRequest.method, { textDocument, options: { tabSize: 2, insertSpaces: true } }, true];
  if (r < 0.66) return [CodeLensRequest.method, { textDocument }, false];
  if (r < 0.71) return [FoldingRangeRequest.method, { textDocument }, true];
  if (r < 0.76) return [DocumentHighlightRequest.method, { textDocument, position }, true];
  if (r < 0.8) return [InlayHintRequest.method, { textDocument, range: ordered }, true];
  if (r < 0.85) return [CodeActionRequest.method, { textDocument, range: ordered, context: { diagnostics: s.lsp.diagnostics.get(s.uri)?.diagnostics.slice(0, 5) ?? [] } }, true];
  if (r < 0.88) return [DefinitionRequest.method, { textDocument, position }, true];
  if (r < 0.91) return [ReferencesRequest.method, { textDocument, position, context: { includeDeclaration: true } }, true];
  if (r < 0.93) return [PrepareRenameRequest.method, { textDocument, position }, true];
  return [PreviewRequest.method, { textDocument }, false];
}

/** What depends only on the text, asked of a server for its current version. */
async function textState(lsp: LspProcess, uri: string, positions: Position[]) {
  const textDocument = { uri };
  const send = (method: string, params: unknown) => lsp.connection.sendRequest(method, params);
  return {
    symbols: await send(DocumentSymbolRequest.method, { textDocument }),
    tokens: await send(SemanticTokensRequest.method, { textDocument }),
    folding: await send(FoldingRangeRequest.method, { textDocument }),
    formatting: await send(DocumentFormattingRequest.method, { textDocument, options: { tabSize: 2, insertSpaces: true } }),
    completion: await Promise.all(positions.map((position) => send(CompletionRequest.method, { textDocument, position }))),
  };
}

const core = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => !String(d.code).startsWith('preview/'));

/** A fresh server on `text`: its diagnostics, preview, hovers and text-only answers. */
async function fresh(text: string, hovers: Position[]) {
  const lsp = new LspProcess();
  try {
    await lsp.initialize(EXAMPLE);
    const uri = await lsp.open(RULES, text);
    const diagnostics = await lsp.waitForDiagnostics(uri, (p) => p.version === 1);
    await lsp.waitForPreview(uri, (p) => p.version === 1);
    const preview = await lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri } });
    const hover = await Promise.all(hovers.map((position) => lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })));
    const state = await textState(lsp, uri, hovers);
    await lsp.shutdown();
    return { diagnostics, preview, hover, state };
  } finally {
    if (lsp.child.exitCode === null) lsp.child.kill();
  }
}

/** Replays a failing request on a fresh server given only the text it was sent for. */
async function reproduceAlone(sent: Sent): Promise<boolean> {
  const lsp = new LspProcess();
  try {
    await lsp.initialize(EXAMPLE);
    const uri = await lsp.open(RULES, sent.doc.text);
    await lsp.waitForPreview(uri, (p) => p.version === 1);
    const params = { ...(sent.params as object), textDocument: { uri } };
    try {
      const result = await lsp.connection.sendRequest(sent.method, params);
      return sent.sync && outside(result, sent.doc, '').length > 0;
    } catch {
      return true;
    }
  } finally {
    if (lsp.child.exitCode === null) lsp.child.kill();
  }
}

const figures: Record<string, unknown> = {};
afterAll(() => {
  if (REPORT) fs.writeFileSync(REPORT, `${JSON.stringify(figures, null, 2)}\n`);
});

describe(`rubric-lsp under ${EDITS} random edits (seed ${SEED})`, () => {
  it('stays up, answers every request inside the text, and ends where a fresh server does', async () => {
    const started = Date.now();
    const s = new Session();
    const t = new Typist(ORIGINAL, SEED);
    const rss: { edit: number; mb: number }[] = [];
    const warmUp = Math.min(EDITS, Math.max(200, Math.floor(EDITS / 5)));
    try {
      await s.start();
      await s.lsp.waitForPreview(s.uri, (p) => p.version === 1 && p.mean === 88.54);
      const initial = await s.lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri: s.uri } });
      const initialDiagnostics = core(await s.lsp.waitForDiagnostics(s.uri, (p) => p.version === 1));
      rss.push({ edit: 0, mb: s.rssMb() });

      let edits = 0;
      let actions = 0;
      const kinds: Record<string, number> = {};
      while (edits < EDITS) {
        const action = t.next();
        actions++;
        kinds[action.kind] = (kinds[action.kind] ?? 0) + action.notifications.length;
        for (const changes of action.notifications) {
          await s.change(changes, ++edits, action.kind);
          // Requests between keystrokes, not awaited: the editor keeps sending.
          while (t.random() < 0.3) {
            const [method, params, sync] = randomRequest(s, t);
            s.request(method, params, edits, sync);
          }
          if (edits % 50 === 0) rss.push({ edit: edits, mb: s.rssMb() });
        }
        // A pause now and then: the answers come in, and sometimes the server catches up with the text.
        if (t.random() < 0.25 || s.pending.length > 30) await s.settle();
        if (t.random() < 0.08) await s.lsp.waitForDiagnostics(s.uri, (p) => p.version === s.version);
        if (s.firstFailure || s.lsp.child.exitCode !== null) break;
      }
      await s.settle();
      expect(s.lsp.child.exitCode, 'the server exited').toBeNull();
      if (s.problems.length) throw new Error(s.problems.slice(0, 5).join('\n'));

      // The final text: the same answers as a fresh server given that text alone.
      const final = s.version;
      const finalText = t.text;
      expect(s.texts.get(final)!.text).toBe(finalText);
      const diags = await s.lsp.waitForDiagnostics(s.uri, (p) => p.version === final);
      const summary = await s.lsp.waitForPreview(s.uri, (p) => p.version === final);
      const probes = Array.from({ length: 6 }, () => positionAt(finalText, Math.floor(t.random() * (finalText.length + 1))));
      const other = await fresh(finalText, probes);
      expect(core(diags), 'diagnostics of the final text, against a fresh server').toEqual(core(other.diagnostics));
      expect(await textState(s.lsp, s.uri, probes), 'symbols, tokens, folding, formatting, completion').toEqual(other.state);
      const preview = await s.lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri: s.uri } });
      expect(summary.errors).toBe(other.preview!.errors);
      if (!summary.stale && preview?.results) {
        expect(preview.results, 'preview of the final text').toEqual(other.preview!.results);
        expect(preview.impact).toEqual(other.preview!.impact);
        const hover = await Promise.all(probes.map((position) => s.lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: s.uri }, position })));
        expect(hover).toEqual(other.hover);
      }

      // Undo everything: the first preview again, to the byte.
      const undo = t.undoAll();
      for (const changes of undo) await s.change(changes, edits, 'undo-all');
      expect(t.text).toBe(ORIGINAL);
      const back = s.version;
      await s.lsp.waitForPreview(s.uri, (p) => p.version === back);
      expect(core(await s.lsp.waitForDiagnostics(s.uri, (p) => p.version === back))).toEqual(initialDiagnostics);
      const again = await s.lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri: s.uri } });
      expect(JSON.stringify(again!.results)).toBe(JSON.stringify(initial!.results));
      rss.push({ edit: edits, mb: s.rssMb() });

      expect(s.problems, s.problems.slice(0, 10).join('\n')).toEqual([]);
      expect(await s.lsp.shutdown()).toBe(0);
      expect(s.lsp.stderr).toBe('');

      // Memory: after warm-up, the peak stays within a generous bound of where it was.
      const warm = rss.filter((r) => r.edit <= warmUp).at(-1)!.mb;
      const after = rss.filter((r) => r.edit >= warmUp);
      const peak = Math.max(...after.map((r) => r.mb));
      const half = rss.filter((r) => r.edit <= edits / 2).at(-1)!.mb;
      Object.assign(figures, {
        date: new Date().toISOString(), node: process.version, seed: SEED, edits, actions, notifications: s.version - 1, requests: s.requests,
        kinds, finalTextChars: finalText.length, finalErrors: summary.errors, finalStale: summary.stale, undone: undo.length,
        rssMb: { start: round(rss[0]!.mb), warm: round(warm), half: round(half), peak: round(peak), end: round(rss.at(-1)!.mb), warmUpEdits: warmUp },
        durationS: round((Date.now() - started) / 1000), failures: 0,
      });
      console.log(`lsp-edits: ${JSON.stringify(figures)}`);
      expect(peak - warm, `RSS ${round(warm)} MB after warm-up, peak ${round(peak)} MB`).toBeLessThan(RSS_GROWTH_MB);
    } catch (e) {
      Object.assign(figures, { seed: SEED, edits: EDITS, failures: 1, error: String(e).slice(0, 500) });
      await explain(s, e);
      throw e;
    } finally {
      if (s.lsp.child.exitCode === null) s.lsp.child.kill();
    }
  }, 3_600_000);
});

describe('rubric-lsp on every regression and checker fixture', () => {
  // The files that broke something once, each opened in the server and asked everything, at many places.
  it('answers every request inside the text', async () => {
    const dirs = [path.join(ROOT, 'tests/reliability/fixtures'), path.join(ROOT, 'tests/check/fixtures')];
    const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.rubric')).map((f) => path.join(d, f)));
    const lsp = new LspProcess();
    const problems: string[] = [];
    try {
      await lsp.initialize(EXAMPLE);
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const doc = docOf(text);
        const uri = await lsp.open(file, text);
        const textDocument = { uri };
        const ask = async (method: string, params: object, check = true) => {
          try {
            const result = await lsp.connection.sendRequest(method, { textDocument, ...params });
            if (check) problems.push(...outside(result, doc, `${path.basename(file)} ${method}`));
          } catch (e) {
            problems.push(`${path.basename(file)} ${method} ${JSON.stringify(params)}: ${(e as Error).message}`);
          }
        };
        await ask(DocumentSymbolRequest.method, {});
        await ask(FoldingRangeRequest.method, {});
        await ask(DocumentFormattingRequest.method, { options: { tabSize: 2, insertSpaces: true } });
        await ask(CodeLensRequest.method, {}, false);
        await ask(PreviewRequest.method, {}, false);
        const step = Math.max(1, Math.floor(text.length / 60));
        for (let at = 0; at <= text.length; at += step) {
          const position = positionAt(text, at);
          await ask(HoverRequest.method, { position }, false);
          await ask(CompletionRequest.method, { position });
          await ask(DocumentHighlightRequest.method, { position });
          await ask(PrepareRenameRequest.method, { position });
        }
      }
      expect(problems).toEqual([]);
      expect(await lsp.shutdown()).toBe(0);
      expect(lsp.stderr).toBe('');
    } finally {
      if (lsp.child.exitCode === null) lsp.child.kill();
    }
  }, 600_000);
});

const round = (x: number) => Math.round(x * 10) / 10;

/** On failure: the seed, where, the last edits, and a minimal case when the text alone reproduces it. */
async function explain(s: Session, e: unknown): Promise<void> {
  const file = path.join(os.tmpdir(), `rubric-lsp-edits-${SEED}.json`);
  const failure = s.firstFailure;
  let minimal = 'not tried';
  if (failure) {
    const alone = await reproduceAlone(failure.sent).catch(() => false);
    minimal = alone ? `reproduces on a fresh server opening only version ${failure.sent.version}'s text (in the file) and sending this one request` : 'needs the edit sequence: the text alone does not reproduce it';
  }
  fs.writeFileSync(file, JSON.stringify({ seed: SEED, edits: EDITS, failure: failure && { method: failure.sent.method, params: failure.sent.params, edit: failure.sent.edit, version: failure.sent.version, message: failure.message, text: failure.sent.doc.text }, log: s.log }, null, 1));
  console.error([
    `lsp-edits FAILED — seed ${SEED}, ${EDITS} edits: ${String(e).slice(0, 300)}`,
    `replay: LSP_EDITS=${EDITS} LSP_EDITS_SEED=${SEED} npx vitest run tests/reliability/lsp-edits.test.ts`,
    failure ? `first failure at edit ${failure.sent.edit} (version ${failure.sent.version}): ${failure.sent.method}: ${failure.message}` : '',
    `minimal case: ${minimal}`,
    `last edits: ${JSON.stringify(s.log.slice(-8))}`,
    `the whole session (edits, the failing text and request): ${file}`,
    s.lsp.stderr ? `server stderr: ${s.lsp.stderr.slice(0, 2000)}` : '',
  ].filter(Boolean).join('\n'));
}
