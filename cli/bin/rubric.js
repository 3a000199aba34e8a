#!/usr/bin/env node
// Committed launcher: npm links bins at install time, before `prepare` has built dist/.
import { main } from '../dist/main.js';

// `rubric … | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
