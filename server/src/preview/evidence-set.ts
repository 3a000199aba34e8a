/**
 * The preview's evidence and baseline, loaded once per pattern (through the CLI's loader, so the editor
 * reads JSON, YAML, CSV and XLSX exactly as `rubric run` does) and shared by every open rules file that
 * names them. A watched-file event under an evidence folder, or on the baseline, drops the cached set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceProblem, Model, RawUnit, Results } from '@rubric/core';
import { loadEvidence } from '@rubric/cli/evidence/load';

export interface EvidenceSet {
  /** Absolute pattern. */
  pattern: string;
  /** Unique per load: a preview computed from an older set is stale, and caches key on it. */
  generation: number;
  units: RawUnit[];
  /** Problems reading the files (validation against the rules comes later, per model). */
  problems: EvidenceProblem[];
}

export interface Baseline {
  path: string;
  generation: number;
  results?: Partial<Results>;
  problem?: EvidenceProblem;
}

/** The folder part of a pattern before its first wildcard: changes below it may change the set. */
export function staticRoot(absolutePattern: string): string {
  const parts = absolutePattern.split(path.sep);
  const firstGlob = parts.findIndex((p) => /[*?[{]/.test(p));
  return firstGlob < 0 ? absolutePattern : parts.slice(0, firstGlob).join(path.sep) || path.sep;
}

/**
 * Tables (CSV, XLSX) are read by the declared type of each column, so their units depend on the
 * evidence block; files of one unit each (JSON, YAML) do not.
 */
function typesKey(pattern: string, model: Model): string {
  if (/\.(json|ya?ml)$/i.test(pattern)) return '';
  return [...model.fields.values()].map((f) => `${f.path}:${f.type.kind}`).join(',');
}

let generations = 0;

export class EvidenceStore {
  private readonly sets = new Map<string, { root: string; set: Promise<EvidenceSet> }>();
  private readonly baselines = new Map<string, Promise<Baseline>>();

  evidence(rulesDir: string, pattern: string, model: Model): Promise<EvidenceSet> {
    const absolute = path.resolve(rulesDir, pattern);
    const key = `${absolute}\0${typesKey(absolute, model)}`;
    let entry = this.sets.get(key);
    if (!entry) {
      const set = loadEvidence([absolute], model).then(({ units, problems }) => ({ pattern: absolute, generation: ++generations, units, problems }));
      entry = { root: staticRoot(absolute), set };
      this.sets.set(key, entry);
    }
    return entry.set;
  }

  baseline(rulesDir: string, file: string): Promise<Baseline> {
    const absolute = path.resolve(rulesDir, file);
    let b = this.baselines.get(absolute);
    if (!b) {
      b = readBaseline(absolute);
      this.baselines.set(absolute, b);
    }
    return b;
  }

  /** Drops what the changed files may affect; says whether anything was dropped. */
  invalidate(changed: string[]): boolean {
    let dropped = false;
    for (const [key, { root }] of [...this.sets]) {
      if (changed.some((f) => f === root || f.startsWith(root + path.sep))) {
        this.sets.delete(key);
        dropped = true;
      }
    }
    for (const key of [...this.baselines.keys()]) {
      if (changed.includes(key)) {
        this.baselines.delete(key);
        dropped = true;
      }
    }
    return dropped;
  }
}

async function readBaseline(file: string): Promise<Baseline> {
  const generation = ++generations;
  const problem = (message: string): Baseline => ({ path: file, generation, problem: { source: file, unit: '', field: '', message } });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return problem(`the baseline ${path.basename(file)} does not exist`);
  }
  try {
    const results = JSON.parse(text) as unknown;
    if (!results || typeof results !== 'object' || Array.isArray(results)) return problem(`the baseline ${path.basename(file)} is not a results.json object`);
    return { path: file, generation, results: results as Partial<Results> };
  } catch (e) {
    return problem(`the baseline ${path.basename(file)} is not valid JSON: ${(e as Error).message}`);
  }
}
