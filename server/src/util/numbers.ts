/**
 * Numbers as a methodologist reads them: published figures with the evaluation's decimals, changes with
 * a sign (`−0.46`, `+1.20`), shares as percentages. Differences of published figures are computed
 * exactly, so `88.41 → 87.95` reads `(−0.46)`, never `(−0.4599999)`.
 */
import { Q, type Rational } from '@rubric/core';

/** A published number with a fixed count of decimals: `83.5` → `83.50`. */
export function fixed(x: number, decimals: number): string {
  return Q.round(Q.fromNumber(x), decimals).replace(/^(-?\d+)(?:\.(\d*))?$/, (_, int: string, frac = '') =>
    decimals > 0 ? `${int}.${frac.padEnd(decimals, '0')}` : int);
}

/** A rational (a weight) for display: at most `decimals` places, trailing zeros dropped: `7`, `8.75`. */
export function short(q: Rational, decimals = 2): string {
  return Q.round(q, decimals);
}

/** `edited − saved` of two published figures, exact. */
export function difference(edited: number, saved: number): Rational {
  return Q.sub(Q.fromNumber(edited), Q.fromNumber(saved));
}

/** A change with its sign, typographic minus: `−0.46`, `+1.20`, `±0.00`. */
export function signed(delta: Rational | number, decimals: number): string {
  const q = typeof delta === 'number' ? Q.fromNumber(delta) : delta;
  const s = fixed(Number(Q.round(q, decimals)), decimals);
  if (/^-?0(\.0*)?$/.test(s)) return `±${s.replace('-', '')}`;
  return s.startsWith('-') ? `−${s.slice(1)}` : `+${s}`;
}

/** `88.41 → 87.95 (−0.46)` */
export function change(saved: number, edited: number, decimals: number): string {
  return `${fixed(saved, decimals)} → ${fixed(edited, decimals)} (${signed(difference(edited, saved), decimals)})`;
}

/** 0.4545 → `45.45%` */
export function percent(share: number): string {
  return `${fixed(share * 100, 2)}%`;
}
