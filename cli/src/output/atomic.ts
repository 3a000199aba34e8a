import fs from 'node:fs';
import path from 'node:path';

/** A file's content, or a function that writes it to the (temporary) path it is given. */
export type Output = string | Uint8Array | ((file: string) => void | Promise<void>);

/**
 * Writes every file to a temporary name in the target folder first, then renames each into place, so an
 * interrupted run leaves the previous results whole and a failed run writes nothing.
 */
export async function writeAllAtomically(dir: string, files: Record<string, Output>): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
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
  for (const [temp, target] of temps) fs.renameSync(temp, target);
  return temps.map(([, target]) => target);
}
