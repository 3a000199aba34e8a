/**
 * `rubric/uncertainty`: the analysis of the buffer's preview (uncertainty/service.ts) as the protocol
 * carries it.
 */
import type { Previewed } from '../documents/phases.js';
import type { UncertaintyResponse } from '../protocol.js';
import type { UncertaintyState } from '../uncertainty/service.js';

export function uncertaintyResponse(doc: Previewed, state: UncertaintyState): UncertaintyResponse {
  return {
    uri: doc.uri,
    version: state.stale ? doc.preview.version : doc.version,
    depth: state.depth,
    result: state.result ?? null,
    stale: !!state.stale,
    ...(state.reason ? { reason: state.reason } : {}),
    ...(state.millis !== undefined ? { millis: state.millis } : {}),
  };
}
