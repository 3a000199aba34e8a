/**
 * Cold measurements, one per fresh process (the runner starts this file many times):
 *   node cold.js import <module>        time to import a module (the first import of this process)
 *   node cold.js parser                 import of the grammar's parser module, then `new RubricParser()` twice
 *   node cold.js first-parse <file>     `parse` of a file three times (the first builds the module's parser)
 *   node cold.js first-analyze <file>   `analyze` three times (imports @rubric/core first)
 * Prints one line of JSON with milliseconds.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const [mode, arg] = process.argv.slice(2);
const out: Record<string, number | string> = {};
const time = async <T>(key: string, f: () => T | Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const v = await f();
  out[key] = performance.now() - t0;
  return v;
};

switch (mode) {
  case 'import':
    await time('import', () => import(arg!));
    break;
  case 'parser': {
    const m = await time('import', () => import('@rubric/grammar/parser/parser'));
    await time('construct', () => new m.RubricParser());
    await time('constructAgain', () => new m.RubricParser());
    break;
  }
  case 'first-parse': {
    const text = fs.readFileSync(arg!, 'utf8');
    const m = await time('import', () => import('@rubric/grammar'));
    await time('first', () => m.parse(text));
    await time('second', () => m.parse(text));
    await time('third', () => m.parse(text));
    break;
  }
  case 'first-analyze': {
    const text = fs.readFileSync(arg!, 'utf8');
    const m = await time('import', () => import('@rubric/core'));
    await time('first', () => m.analyze(text));
    await time('second', () => m.analyze(text));
    await time('third', () => m.analyze(text));
    break;
  }
  default:
    process.stderr.write('usage: cold.js import <module> | parser | first-parse <file> | first-analyze <file>\n');
    process.exit(2);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
