// Workspace trust: what the manifest declares for untrusted folders is what the extension does. The
// decisions live in client/src/trust.ts (no `vscode` import, so they run here); the manifest, the command
// registration and the settings sent to the server are checked against them; and the real server, given
// the settings an untrusted workspace sends, reads no evidence and shows no scores.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HoverRequest, InitializeRequest, InitializedNotification } from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'node:url';
import { RESTRICTED_COMMANDS, isRestricted, previewAllowed, restricted, settingsForServer } from '../../client/src/trust.js';
import { PreviewRequest } from '../../server/src/protocol.js';
import { LspProcess } from '../server/helpers/lsp-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const manifest = json('package.json');
const commands = manifest.contributes.commands as { command: string; enablement?: string }[];
const code = (f: string) => fs.readFileSync(path.join(ROOT, 'client/src', f), 'utf8');

describe('the manifest declares limited support, and it is what the code restricts', () => {
  it('untrustedWorkspaces: limited, with a description in both languages and the output folder restricted', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    expect(trust.supported).toBe('limited');
    expect(trust.description).toBe('%trust.limited%');
    expect(json('package.nls.json')['trust.limited']).toMatch(/reads no evidence or baseline files/);
    expect(json('package.nls.zh-cn.json')['trust.limited']).toMatch(/不读取任何证据或基线文件/);
    // A workspace must not choose where Run Evaluation writes until it is trusted.
    expect(trust.restrictedConfigurations).toEqual(['rubric.run.outputFolder']);
    expect(manifest.contributes.configuration.properties['rubric.run.outputFolder']).toBeDefined();
  });

  it('greys out exactly the restricted commands it contributes (enablement: isWorkspaceTrusted)', () => {
    for (const c of commands) expect(c.enablement === 'isWorkspaceTrusted', c.command).toBe(isRestricted(c.command));
    expect(commands.filter((c) => isRestricted(c.command)).length).toBeGreaterThanOrEqual(4);
    expect(isRestricted('rubric.restartServer')).toBe(false);
    expect(isRestricted('rubric.runTests')).toBe(false);
  });

  it('registers every command through the trust check (menus are not the only way to call a command)', () => {
    const src = code('commands.ts');
    expect(src.match(/vscode\.commands\.registerCommand\(/g)).toHaveLength(1);
    expect(src).toMatch(/registerCommand\(id, restricted\(id, fn, \(\) => vscode\.workspace\.isTrusted, untrusted\)\)/);
    for (const id of RESTRICTED_COMMANDS) expect(src, id).toContain(`register('${id}'`);
    for (const f of fs.readdirSync(path.join(ROOT, 'client/src')).filter((n) => n.endsWith('.ts') && n !== 'commands.ts')) {
      expect(code(f), f).not.toMatch(/registerCommand\(/);
    }
  });

  it('sends preview.enabled = false to the server untrusted, at start and on every configuration request', () => {
    const src = code('extension.ts');
    expect(src).toContain('enabled: previewAllowed(trusted(), readSettings().preview.enabled)');
    expect(src).toContain('settingsForServer(params.items[i]?.section, r, trusted(), readSettings().preview.enabled)');
    // Granting trust makes the server ask again.
    expect(src).toMatch(/onDidGrantWorkspaceTrust\(\(\) => void client\?\.sendNotification\('workspace\/didChangeConfiguration'/);
  });
});

describe('the decisions', () => {
  it('restricted commands run only when trusted; the others always', () => {
    const handler = vi.fn((a: number, b: string) => `${a}${b}`);
    const refuse = vi.fn(() => 'refused');
    let trusted = false;
    const run = restricted('rubric.runEvaluation', handler, () => trusted, refuse);
    expect(run(1, 'x')).toBe('refused');
    expect(handler).not.toHaveBeenCalled();
    expect(refuse).toHaveBeenCalledWith('rubric.runEvaluation');
    trusted = true; // trust is asked for each call: granting it needs no reload
    expect(run(2, 'y')).toBe('2y');
    expect(handler).toHaveBeenCalledWith(2, 'y');
    expect(restricted('rubric.restartServer', handler, () => false, refuse)).toBe(handler);
  });

  it('the preview is on only when trusted and wanted', () => {
    expect([previewAllowed(true, true), previewAllowed(true, false), previewAllowed(false, true), previewAllowed(false, false)]).toEqual([true, false, false, false]);
    expect(settingsForServer('rubric', { preview: { enabled: true, debounceMs: 50 }, run: { outputFolder: 'x' } }, false, true))
      .toEqual({ preview: { enabled: false, debounceMs: 50 }, run: { outputFolder: 'x' } });
    expect(settingsForServer('rubric', { preview: { enabled: true } }, true, true)).toEqual({ preview: { enabled: true } });
    expect(settingsForServer('rubric', {}, false, true)).toEqual({ preview: { enabled: false } });
    expect(settingsForServer('editor', { tabSize: 2 }, false, true)).toEqual({ tabSize: 2 });
    expect(settingsForServer('rubric', null, false, true)).toBeNull();
  });
});

describe('the real server with the settings of an untrusted workspace', () => {
  it('checks the file, but reads no evidence and shows no scores', async () => {
    const example = path.join(ROOT, 'examples/gov-service-2022');
    const text = fs.readFileSync(path.join(example, 'rules.rubric'), 'utf8');
    const lsp = new LspProcess();
    const untrusted = { preview: { enabled: false, debounceMs: 0 } };
    lsp.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => untrusted));
    try {
      const rootUri = pathToFileURL(example).href;
      await lsp.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }],
        capabilities: { workspace: { configuration: true } }, initializationOptions: { settings: untrusted },
      });
      await lsp.connection.sendNotification(InitializedNotification.type, {});
      const uri = await lsp.open(path.join(example, 'rules.rubric'), text);
      const diags = await lsp.waitForDiagnostics(uri);
      expect(diags.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      const preview = await lsp.connection.sendRequest(PreviewRequest, { textDocument: { uri } });
      expect(preview).toMatchObject({ units: 0, mean: null, results: null, evidenceProblems: 0 });
      expect(preview!.reason).toMatch(/turned off/);
      const at = text.indexOf('"事项办理"');
      const before = text.slice(0, at + 2).split('\n');
      const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: before.length - 1, character: before[before.length - 1]!.length } });
      const shown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      expect(shown).toContain('事项办理');
      expect(shown).not.toMatch(/units|83\.55/);
      expect(await lsp.shutdown()).toBe(0);
    } finally {
      if (lsp.child.exitCode === null) lsp.child.kill();
    }
  });
});
