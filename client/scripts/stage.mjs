#!/usr/bin/env node
// Stages the extension as it ships into a folder (default .cache/extension): the manifest (the root
// package.json's extension fields),
// the bundles, media, l10n, snippets, language configuration and TextMate grammar. The real-editor
// tests load this folder as the extension under development; `npm run package` packs it into a .vsix.
//   node client/scripts/stage.mjs [outDir]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(client, '..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.cache/extension'));

export function manifest() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const merged = pkg;
  // Only what an extension manifest needs: no workspaces, scripts or development dependencies.
  const keep = ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'repository', 'homepage', 'bugs', 'icon',
    'categories', 'keywords', 'main', 'activationEvents', 'l10n', 'capabilities', 'contributes'];
  const m = Object.fromEntries(keep.filter((k) => merged[k] !== undefined).map((k) => [k, merged[k]]));
  m.engines = { vscode: merged.engines.vscode };
  return m;
}

function copy(from, to) {
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  return true;
}

for (const f of ['client/dist/extension.cjs', 'client/dist/server.cjs', 'client/dist/uncertainty-worker.cjs']) {
  if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run node client/scripts/build.mjs first`);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const m = manifest();
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(m, null, 2) + '\n');
for (const f of ['package.nls.json', 'package.nls.zh-cn.json']) {
  // At the manifest's side, as VS Code expects.
  copy(path.join(root, f), path.join(out, f));
}
for (const f of ['client/dist/extension.cjs', 'client/dist/server.cjs', 'client/dist/uncertainty-worker.cjs', 'client/dist/test', 'client/media', 'client/l10n', 'client/snippets', 'client/language-configuration.json']) {
  copy(path.join(root, f), path.join(out, f));
}
copy(path.join(client, 'README.md'), path.join(out, 'README.md'));
copy(path.join(root, 'LICENSE'), path.join(out, 'LICENSE'));
const grammarPath = m.contributes.grammars[0].path;
if (!copy(path.join(root, grammarPath), path.join(out, grammarPath))) {
  console.warn(`stage: ${grammarPath} does not exist yet; staging a minimal grammar (keywords, strings, numbers, comments)`);
  fs.mkdirSync(path.dirname(path.join(out, grammarPath)), { recursive: true });
  fs.writeFileSync(path.join(out, grammarPath), JSON.stringify(await minimalGrammar(), null, 2));
}
console.log(`staged ${m.publisher}.${m.name} ${m.version} in ${path.relative(process.cwd(), out) || '.'}`);

/** Stand-in until grammar/ generates the real one: highlighting from the grammar's keyword list. */
async function minimalGrammar() {
  const { RESERVED } = await import(new URL('../../grammar/dist/index.js', import.meta.url).href);
  return {
    scopeName: 'source.rubric', name: 'Rubric',
    patterns: [
      { name: 'comment.line.double-slash.rubric', match: '//.*$' },
      { name: 'comment.block.rubric', begin: '/\\*', end: '\\*/' },
      { name: 'string.quoted.double.rubric', begin: '"', end: '"', patterns: [{ name: 'constant.character.escape.rubric', match: '\\\\.' }] },
      { name: 'constant.numeric.rubric', match: '\\b\\d+(?:\\.\\d+)?\\b' },
      { name: 'keyword.control.rubric', match: `(?<![\\p{L}\\p{N}_])(?:${RESERVED.join('|')})(?![\\p{L}\\p{N}_])` },
      { name: 'keyword.operator.rubric', match: '=>|==|!=|<=|>=|[<>=+\\-*/]' },
    ],
  };
}
