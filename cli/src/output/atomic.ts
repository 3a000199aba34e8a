import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../commands/shared.js';

/**
 * A file's content; or a function that writes it to the (temporary) path it is given; or one that does so
 * in the background (on another thread), started before the others so that the two run side by side.
 */
export type Output = string | Uint8Array | ((file: string) => void | Promise<void>) | { background: (file: string) => Promise<void> };

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
  const temps: [string, string][] = Object.keys(files).map((name) => [path.join(dir, `.${name}.${process.pid}.tmp`), path.join(dir, name)]);
  const tempOf = (name: string) => path.join(dir, `.${name}.${process.pid}.tmp`);
  const pending: Promise<void>[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === 'object' && 'background' in content) pending.push(content.background(tempOf(name)));
    }
    for (const [name, content] of Object.entries(files)) {
      const temp = tempOf(name);
      if (typeof content === 'function') await content(temp);
      else if (typeof content === 'string' || content instanceof Uint8Array) fs.writeFileSync(temp, content);
    }
    await Promise.all(pending);
  } catch (e) {
    // Nothing may be left behind: let the background writers finish (or fail) before removing their files.
    await Promise.allSettled(pending);
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
