/**
 * A document moves through ordered phases, and each later phase holds the earlier ones:
 *
 *   Source (text of one version) → Checked (syntax tree + model + diagnostics) → Previewed (scores)
 *     → Analysed (the uncertainty analysis of the preview: lazy, off the main thread, uncertainty/)
 *
 * Handlers name the phase they need: folding and semantic tokens need a Checked document, code lens a
 * Previewed one, a hover on a grade or an indicator an Analysed one. Everything here is a plain value of
 * one version; nothing is mutated.
 */
import type { Analysis } from '@rubric/core';
import type { LineIndex } from '@rubric/grammar';
import type { Preview } from '../preview/preview.js';
import type { UncertaintyState } from '../uncertainty/service.js';

export interface Source {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  /** Path on disk, for `file:` documents (the preview resolves its evidence relative to it). */
  fsPath?: string;
}

/** Parsed and checked (the core does both in one pass: `analyze`). */
export interface Checked extends Source {
  analysis: Analysis;
}

export interface Previewed extends Checked {
  preview: Preview;
}

/** Previewed, with the uncertainty analysis of its preview (asked for only by what shows it). */
export interface Analysed extends Previewed {
  uncertainty: UncertaintyState;
}
