// Runs first in every bundled program and worker thread (esbuild `inject`, cli/scripts/bundle.mjs).
//
// Node warns about the deprecated `Buffer()` constructor (DEP0005) only when its caller is outside
// node_modules. Bundled, exceljs's zip and stream libraries are no longer inside node_modules, so every
// run that writes or reads a workbook would print the warning; our own code never calls `Buffer()`.
// Node's own warning printer is kept for every other warning.
const done = Symbol.for('rubric.bundle.prelude');
if (!globalThis[done]) {
  globalThis[done] = true;
  for (const print of process.listeners('warning')) {
    process.off('warning', print);
    process.on('warning', (warning) => { if (warning?.code !== 'DEP0005') print(warning); });
  }
}
