/**
 * How figures are printed. Results already hold published (rounded) numbers; the report only pads them
 * to the evaluation's decimals, so 88.5 reads 88.50 beside 88.54 in a column, exactly as published.
 */

const MINUS = '\u2212';

/** A published figure with the evaluation's decimals; null (missing or excluded) prints as an em dash. */
export function fixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined) return '—';
  return value.toFixed(decimals);
}

/** A change, always signed: +7.92, −0.46, 0.00. */
export function signed(value: number, decimals: number): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return (value > 0 ? '+' : MINUS) + text;
}

/** CSS class for a change, so rises and falls are coloured consistently. */
export function changeClass(value: number | undefined): string {
  if (value === undefined || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

/**
 * A share (fraction rounded to 4 decimals, as results hold it) as a percentage with 2 decimals.
 * Going through integers avoids 0.4545 * 100 = 45.449999… printing as 45.44.
 */
export function percent(share: number): string {
  const basisPoints = Math.round(share * 10000);
  return `${(basisPoints / 100).toFixed(2)}%`;
}

/** count / total as a percentage, rounded half-up to 2 decimals (41.82% for 23 of 55). */
export function percentOf(count: number, total: number): string {
  if (total === 0) return '—';
  return percent(Math.round((count * 10000) / total) / 10000);
}

/** A weight in percent: at most 2 decimals, no padding (25%, 17.5%). */
export function weight(value: number | undefined): string {
  if (value === undefined) return '';
  return `${Number(value.toFixed(2))}%`;
}
