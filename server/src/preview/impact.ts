/**
 * The impact of an unsaved edit: the saved file's results against the buffer's, over the same evidence.
 * Differences are of published figures, as a reader of the two reports would compute them.
 */
import type { Results } from '@rubric/core';

export interface UnitChange {
  id: string;
  name: string;
  saved: { score: number; grade: string; rank: number } | null;
  edited: { score: number; grade: string; rank: number } | null;
}

export interface Impact {
  mean: { saved: number; edited: number };
  /** Indicators whose published mean changed (or that exist on one side only), by path. */
  indicators: Record<string, { saved: number | null; edited: number | null }>;
  /** Units whose grade or rank changed, by edited rank. */
  units: UnitChange[];
  /** How many units' published score changed. */
  scoresChanged: number;
  grades: Record<string, { saved: number; edited: number }>;
}

export function compare(saved: Results, edited: Results): Impact {
  const indicators: Impact['indicators'] = {};
  const paths = new Set([...Object.keys(saved.summary.indicators), ...Object.keys(edited.summary.indicators)]);
  for (const p of paths) {
    const s = saved.summary.indicators[p]?.mean ?? null;
    const e = edited.summary.indicators[p]?.mean ?? null;
    if (s !== e) indicators[p] = { saved: s, edited: e };
  }
  const before = new Map(saved.units.map((u) => [u.id, u]));
  const units: UnitChange[] = [];
  let scoresChanged = 0;
  const pick = (u: Results['units'][number] | undefined) => (u ? { score: u.score, grade: u.grade, rank: u.rank } : null);
  for (const u of edited.units) {
    const s = before.get(u.id);
    before.delete(u.id);
    if (!s || s.score !== u.score) scoresChanged++;
    if (!s || s.grade !== u.grade || s.rank !== u.rank) units.push({ id: u.id, name: u.name, saved: pick(s), edited: pick(u) });
  }
  for (const s of before.values()) {
    scoresChanged++;
    units.push({ id: s.id, name: s.name, saved: pick(s), edited: null });
  }
  const grades: Impact['grades'] = {};
  for (const g of new Set([...Object.keys(saved.summary.grades), ...Object.keys(edited.summary.grades)])) {
    grades[g] = { saved: saved.summary.grades[g] ?? 0, edited: edited.summary.grades[g] ?? 0 };
  }
  return { mean: { saved: saved.summary.mean, edited: edited.summary.mean }, indicators, units, scoresChanged, grades };
}

/** Whether anything a reader would see moved. */
export function isEmpty(impact: Impact): boolean {
  return impact.mean.saved === impact.mean.edited && Object.keys(impact.indicators).length === 0 && impact.units.length === 0 && impact.scoresChanged === 0;
}
