#!/usr/bin/env node
// Committed launcher: npm links bins at install time, before `prepare` has built dist/.
import { main } from '../dist/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
