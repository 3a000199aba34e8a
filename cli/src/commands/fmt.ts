import fs from 'node:fs';
import { format } from '@rubric/grammar';
import { readText } from './shared.js';
import type { Out } from '../output/terminal.js';

/** `rubric fmt`: rewrites in canonical form; `--check` only reports. Exit 1 on a difference or syntax errors. */
export function fmt(o: Out, file: string, checkOnly: boolean): number {
  const text = readText(file, 'rules file');
  const r = format(text);
  if (!r.ok) {
    o.err(`${file}: ${r.errors} syntax error${r.errors === 1 ? '' : 's'}; not formatted (\`rubric check ${file}\` lists them).`);
    return 1;
  }
  if (r.text === text) {
    o.out(`${file}: already formatted`);
    return 0;
  }
  if (checkOnly) {
    o.err(`${file}: not formatted (run \`rubric fmt ${file}\`)`);
    return 1;
  }
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, r.text);
  fs.renameSync(temp, file);
  o.out(`${file}: formatted`);
  return 0;
}
