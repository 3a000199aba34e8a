#!/usr/bin/env node
// Committed launcher: npm links bins at install time, before `prepare` has built dist/.
// It runs the bundle (dist/rubric-lsp.js, made by cli/scripts/bundle.mjs in `npm run build`) for
// start-up time. If a `tsc -b` has rebuilt a package since the bundle was made (a newer
// tsconfig.tsbuildinfo), it runs tsc's output instead (dist/main.js): the same server, slower to start.
import fs from 'node:fs';
import module from 'node:module';

// Node ≥ 22.1 keeps the code it compiled on disk for the next start (in os.tmpdir()/node-compile-cache).
module.enableCompileCache?.();

const bundle = new URL('../dist/rubric-lsp.js', import.meta.url);
const mtime = (url) => { try { return fs.statSync(url).mtimeMs; } catch { return undefined; } };
const built = mtime(bundle);
const fresh = built !== undefined && ['grammar', 'core', 'report', 'cli', 'server'].every((p) => !(mtime(new URL(`../../${p}/tsconfig.tsbuildinfo`, import.meta.url)) > built));
const { main } = await import(fresh ? bundle.href : '../dist/main.js');
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
