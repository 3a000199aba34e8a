// The extension's manifest and strings agree with its code: every command it contributes is registered,
// every %key% is translated in both languages, every UI string has a zh-cn translation, the snippets
// file is the one generated from the server's snippet list, and the files it names exist.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNIPPETS } from '../../server/src/features/snippets.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const client = (f: string) => path.join(ROOT, 'client', f);
const json = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
const fragment = json(path.join(ROOT, 'package.json'));
const source = (dir: string): string => fs.readdirSync(dir, { withFileTypes: true })
  .map((e) => (e.isDirectory() ? source(path.join(dir, e.name)) : e.name.endsWith('.ts') ? fs.readFileSync(path.join(dir, e.name), 'utf8') : ''))
  .join('\n');

describe('the extension manifest', () => {
  it('contributes only commands the extension registers (or the server provides)', () => {
    const code = source(client('src'));
    for (const c of fragment.contributes.commands) expect(code, c.command).toContain(`'${c.command}'`);
  });

  it('translates every %key% in English and Chinese', () => {
    const keys = [...JSON.stringify(fragment).matchAll(/%([\w.]+)%/g)].map((m) => m[1]!);
    const en = json(path.join(ROOT, 'package.nls.json'));
    const zh = json(path.join(ROOT, 'package.nls.zh-cn.json'));
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) {
      expect(en[k], `package.nls.json ${k}`).toBeTypeOf('string');
      expect(zh[k], `package.nls.zh-cn.json ${k}`).toBeTypeOf('string');
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has a zh-cn translation for every UI string of the code', () => {
    const strings = new Set([...source(client('src')).matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'")));
    const zh = json(client('l10n/bundle.l10n.zh-cn.json'));
    const en = json(client('l10n/bundle.l10n.json'));
    expect(strings.size).toBeGreaterThan(20);
    for (const s of strings) {
      expect(zh[s], `zh-cn: ${s}`).toBeTypeOf('string');
      expect(en[s], `en bundle (node client/scripts/build.mjs regenerates it): ${s}`).toBe(s);
      // Placeholders survive translation.
      expect([...zh[s].matchAll(/\{\d\}/g)].map((m) => m[0]).sort()).toEqual([...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort());
    }
  });

  it('ships the snippets generated from the server\'s list', () => {
    const shipped = json(client('snippets/rubric.json'));
    expect(Object.keys(shipped)).toEqual(SNIPPETS.map((s) => s.label));
    for (const s of SNIPPETS) expect(shipped[s.label].body).toEqual(s.body);
  });

  it('names files that exist', () => {
    const files = [
      fragment.main.replace(/^\.\//, '').replace('dist/extension.cjs', 'src/extension.ts'),
      ...fragment.contributes.languages.map((l: { configuration: string }) => l.configuration),
      ...fragment.contributes.snippets.map((s: { path: string }) => s.path),
      ...fragment.contributes.grammars.map((g: { path: string }) => g.path),
      fragment.l10n,
    ];
    for (const f of files) expect(fs.existsSync(path.join(ROOT, f)), f).toBe(true);
  });

  it('declares its behaviour in untrusted and virtual workspaces', () => {
    expect(fragment.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(fragment.capabilities.virtualWorkspaces.supported).toBe(false);
    // Which commands are gated, and why, is tests/client/trust.test.ts.
  });
});
