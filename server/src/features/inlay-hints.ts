/**
 * Inlay hints: each nested indicator's effective weight (its share of the total, the product of the
 * weights along its path) after its own weight: `weight 25 ‹8.75% of total›`.
 */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver';
import type { Checked } from '../documents/phases.js';
import { indicatorSites } from '../util/lookup.js';
import { short } from '../util/numbers.js';

export function inlayHints(doc: Checked, from: number, to: number): InlayHint[] {
  const { model, parse } = doc.analysis;
  const byPath = new Map(model.allIndicators.map((i) => [i.path, i]));
  const out: InlayHint[] = [];
  for (const site of indicatorSites(parse.tree.items)) {
    const weight = site.node.weight;
    const ind = byPath.get(site.path);
    if (!weight || !ind || !ind.parent || ind.effectiveWeight === null) continue;
    if (weight.span.end < from || weight.span.end > to) continue;
    out.push({
      position: doc.lines.position(weight.span.end), label: `${short(ind.effectiveWeight, 2)}% of total`,
      kind: InlayHintKind.Parameter, paddingLeft: true, paddingRight: true,
      tooltip: `Effective weight of ${ind.path}: the product of the weights along its path.`,
    });
  }
  return out;
}
