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
  makeOutputDir(dir);
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

/**
 * The output folder and any missing parents, one level at a time: each failure becomes a message that names
 * the folder (a file in the way, no permission), and a path the kernel answers oddly (`/proc/…`, where a
 * recursive mkdir never returns on Node 20) fails at once instead of hanging.
 */
function makeOutputDir(dir: string): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`cannot use the output folder ${dir}: ${(e as Error).message}`);
    }
    if (stat) {
      if (!stat.isDirectory()) throw new UsageError(`cannot write into ${dir}: ${p} is a file, not a folder; choose another output folder`);
      break;
    }
    missing.push(p);
    if (path.dirname(p) === p) break;
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'its parent cannot hold folders' : (e as Error).message;
      throw new UsageError(`cannot create the output folder ${m}: ${why}; choose a folder you can write to`);
    }
  }
}

