#!/usr/bin/env node
// Bundles the two command-line programs for start-up time (`npm run build` runs it after `tsc -b`):
//   rubric      cli/dist/main.js    → cli/dist/bundle/rubric.js and chunks
//   rubric-lsp  server/dist/main.js → server/dist/rubric-lsp.js and chunks (beside server.js, see META_URL_OK)
// plus one entry per worker-thread script (run-worker.js, …). Unbundled, Node resolves, reads and
// compiles hundreds of ES module files (Chevrotain, zod, exceljs, the report…) before the first line
// runs; a bundle is a few files. The input is tsc's output (dist/), so a bundle runs exactly the
// JavaScript the tests run. ESM with code splitting: what a command imports lazily (`await
// import('./commands/run.js')`) stays in chunks of its own, so `rubric check` never reads the report.
//
// The launchers (cli/bin/rubric.js, server/bin/rubric-lsp.js) run the bundle unless a `tsc -b` has run
// since it was built (a tsconfig.tsbuildinfo newer than the bundle); then they run dist/main.js.
//   node cli/scripts/bundle.mjs [--metafile]   (--metafile: also write <outdir>/meta.json for esbuild's analyser)
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const metafile = process.argv.includes('--metafile');
const rel = (p) => path.relative(root, p).split(path.sep).join('/');

const PACKAGES = ['grammar', 'core', 'report', 'cli', 'server'];

/**
 * Worker threads start from a script beside the module that starts them (`new Worker(new URL('./worker.js',
 * import.meta.url))`). In a bundle every module's URL is its chunk's, in one folder, so each worker script
 * of the packages (a module that reads `parentPort`) becomes an entry point named after its path
 * (cli/dist/run/worker.js → run-worker.js) and every './worker.js' beside a module that reads
 * import.meta.url is rewritten to that name.
 */
function workerScripts(packages) {
  const found = {};
  for (const pkg of packages) {
    const dist = path.join(root, pkg, 'dist');
    for (const f of fs.existsSync(dist) ? fs.readdirSync(dist, { recursive: true }) : []) {
      if (!f.endsWith('.js') || f.startsWith('bundle')) continue;
      const file = path.join(dist, f);
      // Only modules whose source still exists (tsc leaves the output of deleted files behind).
      if (!fs.existsSync(path.join(root, pkg, 'src', f.replace(/\.js$/, '.ts')))) continue;
      if (/\bparentPort\b/.test(fs.readFileSync(file, 'utf8'))) found[file] = f.replace(/\.js$/, '').split(path.sep).join('-');
    }
  }
  return found;
}

/** Other modules that read `import.meta.url`, and why the bundle's place keeps them right. */
const META_URL_OK = {
  // serverVersion() reads `../package.json` from its module's folder: the server's bundle sits in server/dist/ as server.js does.
  'server/dist/server.js': 'rubric-lsp',
};

const PRELUDE = path.join(root, 'cli/scripts/bundle-prelude.mjs');

/**
 * Starts every entry point (the program, each worker script) with the prelude, rewrites worker
 * references, and refuses any other `import.meta.url` it does not know about.
 */
const workers = (bundle, scripts, entries) => ({
  name: 'rubric-workers',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const file = rel(args.path);
      if (!/^(grammar|core|report|cli|server)\/dist\//.test(file)) return undefined;
      let text = fs.readFileSync(args.path, 'utf8');
      if (entries.includes(args.path)) text = `import ${JSON.stringify(PRELUDE)};\n${text}`;
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js', resolveDir: path.dirname(args.path) };
      let rewritten = false;
      text = text.replace(/(['"])\.\/([\w.-]+\.js)\1/g, (literal, q, name, at) => {
        const script = scripts[path.join(path.dirname(args.path), name)];
        // Not an import of it (`from './x.js'`, `import('./x.js')`): esbuild resolves those.
        if (script === undefined || /(\bfrom|\bimport\s*\()\s*$/.test(text.slice(Math.max(0, at - 12), at))) return literal;
        rewritten = true;
        return `${q}./${script}.js${q}`;
      });
      if (!rewritten && META_URL_OK[file] !== bundle) {
        throw new Error(`${file} reads import.meta.url, which is its chunk's URL once bundled; check it still finds what it looks for and list it in META_URL_OK (cli/scripts/bundle.mjs)`);
      }
      return { contents: text, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
});

const common = {
  bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
  splitting: true, sourcemap: 'linked', metafile: true, minifyWhitespace: true, minifySyntax: true,
  entryNames: '[name]', chunkNames: 'chunk-[hash]',
  // CommonJS dependencies (exceljs, commander…) call require() for Node's modules; ESM has none.
  banner: { js: "import { createRequire as __rubricCreateRequire } from 'node:module'; const require = __rubricCreateRequire(import.meta.url);" },
};

/**
 * Writes a build's files into `dir`: the chunks (named by content hash) first, then each entry point by
 * renaming, so a process that starts meanwhile runs the old bundle or the new one, never half of each.
 * Then removes what the previous build wrote there and this one did not (listed in `.bundle.json`).
 */
function write(dir, outputFiles, entries, metafile) {
  const manifest = path.join(dir, '.bundle.json');
  const previous = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).files : [];
  const isEntry = (f) => entries.includes(path.basename(f));
  // The server's bundle shares dist/ with tsc's output: never write over a file tsc emits.
  const [pkg, , ...sub] = rel(dir).split('/');
  for (const o of outputFiles) {
    const source = path.join(root, pkg, 'src', ...sub, path.relative(dir, o.path).replace(/\.js(\.map)?$/, '.ts'));
    if (fs.existsSync(source)) throw new Error(`the bundle's ${rel(o.path)} would overwrite tsc's output of ${rel(source)}; rename the entry in cli/scripts/bundle.mjs`);
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const f of [...outputFiles.filter((o) => !isEntry(o.path)), ...outputFiles.filter((o) => isEntry(o.path))]) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
  }
  const files = outputFiles.map((o) => path.relative(dir, o.path));
  for (const f of previous) if (!files.includes(f)) fs.rmSync(path.join(dir, f), { force: true });
  // Which file holds each entry and each lazily imported module (the start-up benchmark imports `check`'s).
  const modules = Object.fromEntries(Object.entries(metafile.outputs).filter(([, o]) => o.entryPoint)
    .map(([f, o]) => [rel(path.resolve(o.entryPoint)), path.relative(dir, path.resolve(f))]));
  fs.writeFileSync(manifest, `${JSON.stringify({ modules, files }, null, 2)}\n`);
}

async function bundle(name, outdir, main, packages) {
  const scripts = workerScripts(packages);
  const entries = { [name]: main, ...Object.fromEntries(Object.entries(scripts).map(([file, n]) => [n, file])) };
  const r = await build({ ...common, outdir, write: false, entryPoints: entries, plugins: [workers(name, scripts, Object.values(entries))] });
  write(outdir, r.outputFiles, Object.keys(entries).map((k) => `${k}.js`), r.metafile);
  if (metafile) fs.writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(r.metafile));
  const js = r.outputFiles.filter((f) => f.path.endsWith('.js'));
  const kb = js.reduce((n, f) => n + f.contents.length, 0) / 1024;
  return `${rel(outdir)}: ${Object.keys(entries).map((k) => `${k}.js`).join(', ')} + ${js.length - Object.keys(entries).length} chunks, ${kb.toFixed(0)} KB`;
}

const started = Date.now();
const lines = await Promise.all([
  bundle('rubric', path.join(root, 'cli/dist/bundle'), path.join(root, 'cli/dist/main.js'), PACKAGES.slice(0, 4)),
  bundle('rubric-lsp', path.join(root, 'server/dist'), path.join(root, 'server/dist/main.js'), PACKAGES),
]);
console.log(`${lines.join('; ')} (${Date.now() - started} ms)`);
