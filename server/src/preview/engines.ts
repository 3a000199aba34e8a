/**
 * Engines per rules text. The preview scores with the generated engine the yearly run uses, compiled in
 * memory by the core (which also reuses the compiled function when only constants change); the last few
 * instances are kept here by rules hash, so an undo, or an unchanged buffer and its saved file, share one.
 */
import { instantiateEngine, type Engine, type ExactMemo, type Model } from '@rubric/core';

export class EngineCache {
  private readonly engines = new Map<string, Engine>();
  /**
   * Exact values near rounding ties, shared by every run of every engine here (the buffer's, the saved
   * file's, each keystroke's): keyed by evidence object and the code that computed them, so an edit
   * recomputes exactly only what it can change. The engine bounds its size.
   */
  readonly memo: ExactMemo = new Map();

  constructor(private readonly capacity = 8) {}

  get(model: Model): Engine {
    const key = model.rulesHash;
    let engine = this.engines.get(key);
    if (engine) {
      this.engines.delete(key);
    } else {
      engine = instantiateEngine(model);
      if (this.engines.size >= this.capacity) this.engines.delete(this.engines.keys().next().value!);
    }
    this.engines.set(key, engine);
    return engine;
  }
}
