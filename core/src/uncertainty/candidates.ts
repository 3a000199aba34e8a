/**
 * The evidence changes a next-band search tries, per field: the other value of a bool, every other value
 * of an enum, and for numbers the values where the rules change their mind — band bounds and the
 * constants a field is compared with (each ± one step of the field's precision) — plus the ends of the
 * field's range and the best and worst value any unit has. Whether a change helps is left to the engine.
 */
import { Q } from '../numeric/exact.js';
import type { Field, Model } from '../model/model.js';
import { roundTo } from './ranking.js';
import type { EvidenceValue } from './types.js';

/** Fields some counted (non-observed) leaf reads, in declaration order; text never scores. */
export function countedFields(model: Model): Field[] {
  const read = new Set<string>();
  for (const ind of model.allIndicators) if (ind.leaf && !ind.observed) for (const p of ind.reads) read.add(p);
  return [...model.fields.values()].filter((f) => read.has(f.path) && f.type.kind !== 'text');
}

/** Per numeric field, the constants counted leaves compare it with: band bounds, `x op c`, min/max/clamp partners. */
export function fieldConstants(model: Model): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  const add = (path: string, q: unknown) => {
    if (!Array.isArray(q)) return;
    let s = out.get(path);
    if (!s) out.set(path, (s = new Set()));
    s.add(Q.toNumber(q as unknown as [bigint, bigint]));
  };
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    const field = (e: unknown) => (e && typeof e === 'object' && (e as { k?: string }).k === 'field' ? (e as { path: string }).path : undefined);
    const num = (e: unknown) => (e && typeof e === 'object' && (e as { k?: string }).k === 'num' ? (e as { value: unknown }).value : undefined);
    if (o['k'] === 'band') {
      const p = field(o['subject']);
      if (p) for (const arm of o['arms'] as { bound: unknown }[]) add(p, arm.bound);
    }
    const operands = o['k'] === 'cmp' ? [o['l'], o['r']] : o['k'] === 'call' ? (o['args'] as unknown[]) : [];
    for (const a of operands) {
      const p = field(a);
      if (p) for (const b of operands) if (num(b)) add(p, num(b));
    }
    for (const [key, x] of Object.entries(o)) if (key !== 'span') walk(x);
  };
  for (const ind of model.allIndicators) if (ind.leaf && !ind.observed) walk(ind.leaf);
  return new Map([...out].map(([p, s]) => [p, [...s].sort((a, b) => a - b)]));
}

export interface FieldRange { min: number; max: number }

/** The decimals numeric candidates are written with: the field's own precision, ratios at least 4, counts 0. */
export function gridDecimals(field: Field, current: EvidenceValue, constants: number[]): number {
  if (field.type.kind === 'count') return 0;
  const dec = (x: number) => (String(x).split('.')[1] ?? '').length;
  return Math.max(typeof current === 'number' ? dec(current) : 0, ...constants.map(dec), field.type.kind === 'ratio' ? 4 : 2);
}

/** The declared range of a numeric field, as numbers; open ends are infinite. */
export function declaredRange(field: Field): FieldRange {
  const t = field.type;
  if (t.kind === 'ratio') return { min: 0, max: 1 };
  if (t.kind === 'count') return { min: 0, max: Infinity };
  if (t.kind === 'number') return { min: t.min ? Q.toNumber(t.min) : -Infinity, max: t.max ? Q.toNumber(t.max) : Infinity };
  return { min: -Infinity, max: Infinity };
}

export function candidateValues(field: Field, current: EvidenceValue, constants: number[], observed: FieldRange | undefined): EvidenceValue[] {
  const t = field.type;
  if (t.kind === 'bool') return current === null ? [false, true] : [!current];
  if (t.kind === 'enum') return t.values.filter((v) => v !== current);
  if (t.kind === 'text') return [];
  const range = declaredRange(field);
  const d = gridDecimals(field, current, constants);
  const step = 10 ** -d;
  const raw = [range.min, range.max, ...(observed ? [observed.min, observed.max] : []), ...constants.flatMap((c) => [c - step, c, c + step])];
  const values = new Set<number>();
  for (const x of raw) {
    if (!Number.isFinite(x) || x < range.min || x > range.max) continue;
    const v = roundTo(x, d);
    if (v !== current && !Object.is(v, -0)) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * What a change costs, to choose between plans with as many changes: a bool, an enum or a value supplied
 * where there was none costs 1; a number costs |Δ| over its range (declared, else the units' spread).
 */
export function changeCost(field: Field, from: EvidenceValue, to: EvidenceValue, observed: FieldRange | undefined): number {
  if (typeof from !== 'number' || typeof to !== 'number') return 1;
  const r = declaredRange(field);
  let span = Number.isFinite(r.min) && Number.isFinite(r.max) ? r.max - r.min : observed ? observed.max - observed.min : 0;
  if (!(span > 0)) span = Math.max(Math.abs(from), 1);
  return roundTo(Math.abs(to - from) / span, 4);
}
