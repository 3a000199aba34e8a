#!/usr/bin/env node
// Builds the extension: the client (dist/extension.cjs), the language server with the whole toolchain
// (dist/server.cjs) and its uncertainty-analysis worker thread (dist/uncertainty-worker.cjs, which the
// server finds beside itself), the extension test suite (dist/test/suite.cjs), each one CommonJS bundle, plus
// the snippets file (from the server's snippet list) and the English l10n bundle (from the source).
//   node client/scripts/build.mjs [--watch] [--production]   (--production: no source maps, minified client)
import { build, context } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(client, '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * The workspace packages are bundled from their TypeScript sources (`@rubric/core/x` → core/src/x.ts),
 * so a bundle never picks up a stale dist/ and needs no tsc run first (type errors are `npm run
 * typecheck`'s job).
 */
const fromSources = {
  name: 'rubric-sources',
  setup(b) {
    b.onResolve({ filter: /^@rubric\/(grammar|core|cli|report|server)(\/.*)?$/ }, (args) => {
      const [, pkg, sub] = /^@rubric\/([^/]+)(\/.*)?$/.exec(args.path);
      const file = path.join(root, pkg, 'src', sub ? `${sub.slice(1)}.ts` : 'index.ts');
      return fs.existsSync(file) ? { path: file } : undefined;
    });
  },
};

const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  sourcemap: production ? false : 'linked',
  external: ['vscode'],
  // ESM sources read import.meta.url; in a CommonJS bundle it is this file's URL.
  banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
  mainFields: ['module', 'main'],
  plugins: [fromSources],
};

const builds = [
  // Only the client is minified: the server embeds its runtime's source text in the engines it compiles,
  // which must read as `rubric compile` writes them.
  { ...common, entryPoints: [path.join(client, 'src/extension.ts')], outfile: path.join(client, 'dist/extension.cjs'), minify: production },
  {
    ...common,
    stdin: { contents: "import { main } from './server/src/main.ts';\nvoid main(process.argv.slice(2));\n", resolveDir: root, sourcefile: 'rubric-lsp.ts', loader: 'ts' },
    outfile: path.join(client, 'dist/server.cjs'),
  },
  { ...common, entryPoints: [path.join(root, 'server/src/uncertainty/worker.ts')], outfile: path.join(client, 'dist/uncertainty-worker.cjs') },
  { ...common, entryPoints: [path.join(client, 'src/test/suite/index.ts')], outfile: path.join(client, 'dist/test/suite.cjs') },
];

async function writeSnippets() {
  const bundled = await build({ ...common, entryPoints: [path.join(root, 'server/src/features/snippets.ts')], format: 'esm', write: false, banner: {}, define: {}, sourcemap: false, minify: false });
  const { SNIPPETS } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
  const out = {};
  for (const s of SNIPPETS) out[s.label] = { prefix: s.label.split(' ')[0], body: s.body, description: s.detail };
  fs.mkdirSync(path.join(client, 'snippets'), { recursive: true });
  fs.writeFileSync(path.join(client, 'snippets/rubric.json'), JSON.stringify(out, null, 2) + '\n');
}

/** Every `l10n.t('…')` string of the client; the English bundle maps each to itself. */
function writeL10n() {
  const strings = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'test') walk(p); continue; }
      if (!p.endsWith('.ts')) continue;
      const text = fs.readFileSync(p, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(m[1].replace(/\\'/g, "'"));
    }
  };
  walk(path.join(client, 'src'));
  const en = Object.fromEntries([...strings].sort().map((s) => [s, s]));
  fs.mkdirSync(path.join(client, 'l10n'), { recursive: true });
  fs.writeFileSync(path.join(client, 'l10n/bundle.l10n.json'), JSON.stringify(en, null, 2) + '\n');
  const zhFile = path.join(client, 'l10n/bundle.l10n.zh-cn.json');
  const zh = fs.existsSync(zhFile) ? JSON.parse(fs.readFileSync(zhFile, 'utf8')) : {};
  const missing = [...strings].filter((s) => !(s in zh));
  if (missing.length) console.warn(`l10n: ${missing.length} strings lack a zh-cn translation:\n  ${missing.join('\n  ')}`);
}

await writeSnippets();
writeL10n();
if (watch) {
  for (const b of builds) await (await context(b)).watch();
  console.log('watching…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => build(b)));
  const size = (f) => `${(fs.statSync(path.join(client, 'dist', f)).size / 1024).toFixed(0)} KB`;
  console.log(`client/dist: extension.cjs ${size('extension.cjs')}, server.cjs ${size('server.cjs')}, uncertainty-worker.cjs ${size('uncertainty-worker.cjs')}, test/suite.cjs ${size('test/suite.cjs')} (${Date.now() - started} ms)`);
}
