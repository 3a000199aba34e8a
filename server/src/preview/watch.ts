/**
 * File watching for clients that cannot watch for us (no dynamic `workspace/didChangeWatchedFiles`
 * registration, e.g. Neovim 0.7): the server watches the folders its previews read (evidence roots and
 * baselines' folders) itself and reports changed paths as the client would, coalesced over a short window.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onChange: (files: string[]) => void, private readonly windowMs = 30) {}

  /** Watches `folder` (recursively) unless it, or a folder above it, is watched already. */
  add(folder: string): void {
    for (const w of this.watchers.keys()) if (folder === w || folder.startsWith(w + path.sep)) return;
    try {
      const watcher = watch(folder, { recursive: true }, (_event, name) => {
        if (!name) return;
        this.pending.add(path.join(folder, name.toString()));
        this.timer ??= setTimeout(() => this.flush(), this.windowMs);
      });
      watcher.on('error', () => this.remove(folder));
      this.watchers.set(folder, watcher);
    } catch {
      // A folder that does not exist (yet): its problems are reported; nothing to watch.
    }
  }

  private remove(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
  }

  private flush(): void {
    this.timer = undefined;
    const files = [...this.pending];
    this.pending = new Set();
    if (files.length) this.onChange(files);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const folder of [...this.watchers.keys()]) this.remove(folder);
  }
}
