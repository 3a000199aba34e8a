/**
 * Open documents, each cached per version through its phases (Source → Checked → Previewed).
 *
 * An edit makes a new entry and schedules its processing: on the next turn of the event loop, or after
 * `debounceMs` if set; edits that queued up behind our own work (a burst; the LSP layer tells) get a few
 * milliseconds to drain first, so one check covers them all. Processing checks the entry is still the newest between phases,
 * so a new keystroke stops stale work; requests always ask for the newest version and compute a phase
 * on demand if processing has not reached it yet.
 */
import { analyze } from '@rubric/core';
import type { Checked, Previewed, Source } from './phases.js';
import { makeSource } from './source.js';
import { none, type Preview, type PreviewService } from '../preview/preview.js';

export interface PipelineListener {
  /** The newest version is checked: publish its diagnostics. */
  checked(doc: Checked, lastPreview: Preview | undefined): void;
  /** The newest version is previewed: publish evidence problems, tell the client. */
  previewed(doc: Previewed): void;
}

class Entry {
  checked?: Checked;
  previewed?: Promise<Previewed>;
  constructor(readonly source: Source) {}
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** How long queued edits may take to drain before a check runs (only when edits arrive back to back). */
const BACKLOG_MS = 3;

export class Pipeline {
  private readonly entries = new Map<string, Entry>();
  private readonly lastPreview = new Map<string, Preview>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly queued = new Set<string>();
  /** When the last synchronous piece of work (a check, a preview) ended. */
  private workEnded = -Infinity;
  /** Counts, for tests and benchmarks: edits, how many looked queued, checks and previews published. */
  readonly stats = { updates: 0, backlogged: 0, checks: 0, previews: 0 };
  debounceMs = 0;
  previewEnabled = true;

  constructor(private readonly previews: PreviewService, private readonly listener: PipelineListener) {}

  /**
   * A new version of a document (open or change). `queued`: the edit may have waited behind other
   * messages (see `busyRecently`), so give the queue a moment to drain before checking.
   */
  update(uri: string, version: number, text: string, queued = false): void {
    this.entries.set(uri, new Entry(makeSource(uri, version, text)));
    this.stats.updates++;
    if (queued) this.stats.backlogged++;
    this.schedule(uri, queued);
  }

  /**
   * Whether our own work ended less than a millisecond ago. A message handled that soon after was waiting
   * behind it: edits are queueing up (a burst, a paste, a formatter's many changes).
   */
  busyRecently(): boolean {
    return performance.now() - this.workEnded < 1;
  }

  close(uri: string): void {
    this.entries.delete(uri);
    this.lastPreview.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  source(uri: string): Source | undefined {
    return this.entries.get(uri)?.source;
  }

  /** The checked phase of the newest version, computed now if needed (it is synchronous). */
  checked(uri: string): Checked | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    entry.checked ??= { ...entry.source, analysis: analyze(entry.source.text) };
    return entry.checked;
  }

  /** The previewed phase of the newest version; waits for a newer one if the document changes meanwhile. */
  async previewed(uri: string): Promise<Previewed | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const entry = this.entries.get(uri);
      if (!entry) return undefined;
      const doc = await this.previewOf(entry);
      if (this.entries.get(uri) === entry || attempt === 4) return doc;
    }
    return undefined;
  }

  /** Evidence, a baseline or a saved file changed: every preview is recomputed. */
  invalidatePreviews(uris = this.uris()): void {
    for (const uri of uris) {
      const entry = this.entries.get(uri);
      if (!entry) continue;
      entry.previewed = undefined;
      this.schedule(uri);
    }
  }

  private previewOf(entry: Entry): Promise<Previewed> {
    if (!entry.previewed) {
      const uri = entry.source.uri;
      const checked = this.checked(uri) ?? { ...entry.source, analysis: analyze(entry.source.text) };
      entry.previewed = (this.previewEnabled
        ? this.previews.compute(checked, this.lastPreview.get(uri))
        : Promise.resolve(none(checked.version, 'The preview is turned off (rubric.preview.enabled).'))
      ).catch((e: unknown) => none(checked.version, `The preview failed: ${e instanceof Error ? e.message : String(e)}`)).then((preview) => {
        if (preview.results && !preview.stale && this.entries.get(uri) === entry) this.lastPreview.set(uri, preview);
        return { ...checked, preview };
      });
    }
    return entry.previewed;
  }

  /** One pending run per document: a timer (debounce, backlog) or the next turn of the event loop. */
  private schedule(uri: string, backlog = false): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const run = () => {
      this.timers.delete(uri);
      this.queued.delete(uri);
      void this.process(uri);
    };
    if (this.debounceMs > 0 || backlog) {
      this.queued.delete(uri); // a pending next-turn run becomes a no-op
      this.timers.set(uri, setTimeout(run, this.debounceMs || BACKLOG_MS));
    } else if (!this.queued.has(uri)) {
      this.queued.add(uri);
      setImmediate(() => {
        if (this.queued.has(uri)) run();
      });
    }
  }

  private async process(uri: string): Promise<void> {
    const entry = this.entries.get(uri);
    if (!entry) return;
    const current = () => this.entries.get(uri) === entry;
    if (this.queued.has(uri) || this.timers.has(uri)) return; // a newer run is already scheduled
    const checked = this.checked(uri)!;
    this.listener.checked(checked, this.lastPreview.get(uri));
    this.stats.checks++;
    this.workEnded = performance.now();
    await nextTurn();
    if (!current()) return;
    const previewed = await this.previewOf(entry);
    this.workEnded = performance.now();
    if (!current()) return;
    this.listener.previewed(previewed);
    this.stats.previews++;
  }
}
