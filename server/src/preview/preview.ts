/**
 * The previewed phase: the buffer's results over the evidence its `preview` block names, the saved
 * file's results over the same evidence, and the impact between them. While the buffer has errors the
 * last good preview is kept and marked stale, so hovers and the panel do not blank out mid-word; the
 * same when the evidence stops fitting the rules (a field declared before the files have it).
 */
import path from 'node:path';
import type { EvidenceProblem, Results, UnitInput } from '@rubric/core';
import type { Checked } from '../documents/phases.js';
import { EngineCache } from './engines.js';
import { EvidenceStore, type Baseline, type EvidenceSet } from './evidence-set.js';
import { compare, type Impact } from './impact.js';
import { SavedFiles } from './saved.js';
import { score } from './score.js';

export interface Preview {
  /** The document version the results are of; older than the document's when `stale`. */
  version: number;
  stale: boolean;
  results?: Results;
  /** Why there are no results. */
  reason?: string;
  evidence?: EvidenceSet;
  /** The valid units, flat (`site.reachable` keys), as scored. */
  units: UnitInput[];
  baseline?: Baseline;
  /** Evidence problems (reading and validating), shown as diagnostics. */
  problems: EvidenceProblem[];
  /** The saved file's results, when the buffer differs from it and both can be scored. */
  saved?: Results;
  impact?: Impact;
  /** Milliseconds spent scoring the buffer (engine + validation), for the benchmark and the status bar. */
  millis?: number;
}

export class PreviewService {
  /** Results with explanations, computed on request only (keystrokes score without them). */
  private readonly explained = new WeakMap<Preview, Results>();

  constructor(
    readonly evidence = new EvidenceStore(),
    readonly engines = new EngineCache(),
    readonly saved = new SavedFiles(),
  ) {}

  /**
   * The preview's results exactly as `rubric run` writes them, explanations included: the live preview
   * scores without them, so they are computed here, once per preview, when a client asks.
   */
  explain(doc: Checked, preview: Preview): Results | undefined {
    if (!preview.results || preview.stale || doc.version !== preview.version) return preview.results;
    let full = this.explained.get(preview);
    if (!full) {
      full = this.engines.get(doc.analysis.model).runValidated(preview.units, { baseline: preview.baseline?.results ?? null, explain: true, memo: this.engines.memo });
      this.explained.set(preview, full);
    }
    return full;
  }

  async compute(doc: Checked, last?: Preview): Promise<Preview> {
    const { model, hasErrors } = doc.analysis;
    const block = model.preview;
    if (!block.evidence) return none(doc.version, 'The file has no `preview { evidence "…" }` block.');
    if (!doc.fsPath) return none(doc.version, 'The file is not on disk, so its preview evidence cannot be found.');
    if (hasErrors) {
      if (last?.results) return { ...last, stale: true };
      return { ...none(doc.version, 'The file has errors; fix them to see scores.'), problems: last?.problems ?? [] };
    }
    const dir = path.dirname(doc.fsPath);
    const [set, baseline, savedFile] = await Promise.all([
      this.evidence.evidence(dir, block.evidence, model),
      block.baseline ? this.evidence.baseline(dir, block.baseline) : Promise.resolve(undefined),
      this.saved.read(doc.fsPath),
    ]);
    const started = performance.now();
    const scored = score(model, set, baseline, this.engines);
    const millis = performance.now() - started;
    const problems = baseline?.problem ? [...scored.problems, baseline.problem] : scored.problems;
    // Evidence that no longer fits the rules (a field just declared, not yet in the files) keeps the
    // last scores on screen, marked stale, beside the problems that explain why.
    if (!scored.results && last?.results) return { ...last, stale: true, problems, reason: scored.reason ?? 'Nothing to score.' };
    const preview: Preview = {
      version: doc.version, stale: false, evidence: set, units: scored.units, problems, millis,
      ...(baseline ? { baseline } : {}),
      ...(scored.results ? { results: scored.results } : { reason: scored.reason ?? 'Nothing to score.' }),
    };
    if (scored.results && savedFile.text !== undefined && savedFile.text !== doc.text) {
      const savedAnalysis = this.saved.analysis(savedFile);
      if (savedAnalysis && !savedAnalysis.hasErrors) {
        const key = `${savedAnalysis.model.rulesHash}|${set.generation}|${baseline?.generation ?? 0}`;
        const savedScored = this.saved.scored(savedFile, key, () => score(savedAnalysis.model, set, baseline, this.engines));
        if (savedScored.results) {
          preview.saved = savedScored.results;
          preview.impact = compare(savedScored.results, scored.results);
        }
      }
    }
    return preview;
  }
}

export function none(version: number, reason: string): Preview {
  return { version, stale: false, reason, problems: [], units: [] };
}
