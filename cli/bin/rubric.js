#!/usr/bin/env node
// Committed launcher: npm links bins at install time, before `prepare` has built dist/.
// It runs the bundle (dist/bundle/rubric.js, made by cli/scripts/bundle.mjs in `npm run build`): one
// file per command instead of hundreds of modules, for start-up time. If a `tsc -b` has rebuilt a
// package since the bundle was made (a newer tsconfig.tsbuildinfo), it runs tsc's output instead
// (dist/main.js): the same program from the current sources, only slower to start.
import fs from 'node:fs';
import module from 'node:module';

// Node ≥ 22.1 keeps the code it compiled on disk for the next start (in os.tmpdir()/node-compile-cache).
module.enableCompileCache?.();

const bundle = new URL('../dist/bundle/rubric.js', import.meta.url);
const mtime = (url) => { try { return fs.statSync(url).mtimeMs; } catch { return undefined; } };
const built = mtime(bundle);
const fresh = built !== undefined && ['grammar', 'core', 'report', 'cli'].every((p) => !(mtime(new URL(`../../${p}/tsconfig.tsbuildinfo`, import.meta.url)) > built));
const { main } = await import(fresh ? bundle.href : '../dist/main.js');

// `rubric … | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
