import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes every file to a temporary name in the target folder first, then renames each into place, so an
 * interrupted run leaves the previous results whole and a failed run writes nothing.
 */
export function writeAllAtomically(dir: string, files: Record<string, string | Uint8Array>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const temps: [string, string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const target = path.join(dir, name);
      const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
      fs.writeFileSync(temp, content);
      temps.push([temp, target]);
    }
  } catch (e) {
    for (const [temp] of temps) fs.rmSync(temp, { force: true });
    throw e;
  }
  for (const [temp, target] of temps) fs.renameSync(temp, target);
  return temps.map(([, target]) => target);
}
