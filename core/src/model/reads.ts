import type { Indicator } from './model.js';

/** The fields an expression-bearing rule reads, in the order the leaf declared them. */
export function readsOfRule(rule: { per?: unknown; when?: unknown }, ind: Indicator): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    if (o['k'] === 'field') found.add(o['path'] as string);
    for (const [key, x] of Object.entries(o)) if (key !== 'span') walk(x);
  };
  walk(rule.per);
  walk(rule.when);
  return ind.reads.filter((p) => found.has(p));
}
