/**
 * The units × indicators table that results.csv and the "units" sheet of results.xlsx share, so the two
 * can never disagree: rank, id, name, score, grade, one column per group, one per indicator path,
 * then the unit's findings and excluded paths.
 */
import type { Results, UnitResult } from '@rubric/core';
import { indicatorRows } from './indicator-tree.js';

export type Cell = string | number | boolean | null;

export interface UnitTable {
  header: string[];
  rows: Cell[][];
}

/** Separator of the ids in the findings and excluded cells: ids never contain it, and Excel keeps it. */
export const LIST_SEPARATOR = ';';

/** Declared groups first, then any group a unit carries that the results' groups lack, first seen first. */
export function groupColumns(results: Results): string[] {
  const names = Object.keys(results.groups);
  for (const unit of results.units) for (const g of Object.keys(unit.groups)) if (!names.includes(g)) names.push(g);
  return names;
}

/** Indicator paths in tree order, then any path a unit has that the summary lacks. */
export function indicatorColumns(results: Results): string[] {
  const paths = indicatorRows(results).map((row) => row.path);
  for (const unit of results.units) for (const p of Object.keys(unit.indicators)) if (!paths.includes(p)) paths.push(p);
  return paths;
}

export function unitTable(results: Results): UnitTable {
  return { header: unitHeader(results), rows: [...unitRows(results, results.units)] };
}

export function unitHeader(results: Results): string[] {
  return ['rank', 'id', 'name', 'score', 'grade', ...groupColumns(results), ...indicatorColumns(results), 'findings', 'excluded'];
}

/**
 * The rows of `units` (by default the results' own), one at a time: a large run streams them from its
 * summary without holding every unit's record. Columns come from `results` (declared groups and
 * indicators, and any extra a unit of `results.units` has).
 */
export function* unitRows(results: Results, units: Iterable<UnitResult>): Generator<Cell[]> {
  const groups = groupColumns(results);
  const paths = indicatorColumns(results);
  for (const unit of units) {
    yield [
      unit.rank,
      unit.id,
      unit.name,
      unit.score,
      unit.grade,
      ...groups.map((g) => unit.groups[g] ?? null),
      ...paths.map((p) => unit.indicators[p] ?? null),
      unit.findings.join(LIST_SEPARATOR),
      unit.excluded.join(LIST_SEPARATOR),
    ];
  }
}
