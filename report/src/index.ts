/**
 * @rubric/report: what a run hands to readers. Every function takes the Results of results.json and
 * returns the file's content; writing files is the caller's business (the CLI writes them atomically).
 */
export { renderReport, type ReportOptions } from './render-report.js';
export type { Lang } from './html/strings.js';
export { resultsToCsv, writeResultsCsv } from './csv.js';
export { resultsToXlsx, writeResultsXlsx, writeResultsXlsxRows } from './xlsx.js';
export { unitHeader, unitRows, type Cell } from './unit-table.js';
export { lostPoints, unitWeights, type LostLeaf, type LostPoints, type LostStep } from './lost-points.js';
