import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../commands/shared.js';

/** A file's content, or a function that writes it to the (temporary) path it is given. */
export type Output = string | Uint8Array | ((file: string) => void | Promise<void>);

/**
 * Writes every file to a temporary name in the target folder first, then renames each into place, so an
 * interrupted run leaves the previous results whole and a failed run writes nothing.
 */
export async function writeAllAtomically(dir: string, files: Record<string, Output>): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(files)) {
    const target = path.join(dir, name);
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UsageError(`cannot write ${target}: a folder of that name is in the way; choose another output path`);
  }
  const temps: [string, string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const target = path.join(dir, name);
      const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
      temps.push([temp, target]);
      if (typeof content === 'function') await content(temp);
      else fs.writeFileSync(temp, content);
    }
  } catch (e) {
    for (const [temp] of temps) fs.rmSync(temp, { force: true });
    throw e;
  }
  try {
    for (const [temp, target] of temps) fs.renameSync(temp, target);
  } finally {
    for (const [temp] of temps) fs.rmSync(temp, { force: true });
  }
  return temps.map(([, target]) => target);
}
