/**
 * fast-check generators: evidence for a model's declared fields (with values chosen to land on rounding
 * ties), and whole rule files of random shape — what the differential tests feed both scorers.
 */
import fc from 'fast-check';
import type { Field, Model } from '@rubric/core';

/** Decimals that make x.xx5 ties likely after weighting: few digits, many halves. */
const tieProne = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) }).map((k) => k / 1000);

function fieldValue(f: Field): fc.Arbitrary<unknown> {
  const t = f.type;
  let v: fc.Arbitrary<unknown>;
  switch (t.kind) {
    case 'bool': v = fc.boolean(); break;
    case 'ratio': v = fc.oneof(tieProne(0, 1), fc.constantFrom(0, 0.5, 1, 0.125, 0.375)); break;
    case 'count': v = fc.nat({ max: 30 }); break;
    case 'enum': v = fc.constantFrom(...t.values); break;
    case 'text': v = fc.string({ maxLength: 8 }); break;
    default: {
      const lo = t.min ? Number(t.min[0]) / Number(t.min[1]) : -50;
      const hi = t.max ? Number(t.max[0]) / Number(t.max[1]) : 500;
      v = tieProne(lo, Math.min(hi, lo + 500));
    }
  }
  return f.missing === 'error' ? v : fc.option(v, { nil: null, freq: 4 });
}

export function evidenceFor(model: Model): fc.Arbitrary<Record<string, unknown>> {
  const fields = [...model.fields.values()];
  return fc.tuple(...fields.map(fieldValue)).map((values) => {
    const out: Record<string, unknown> = {};
    fields.forEach((f, i) => { out[f.path] = values[i]; });
    return out;
  });
}

/** A random but valid rules file: 1–3 levels, weights summing to 100, every leaf form. */
export const rulesText: fc.Arbitrary<string> = fc.record({
  tops: fc.integer({ min: 1, max: 4 }),
  seeds: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 40, maxLength: 40 }),
  decimals: fc.integer({ min: 0, max: 3 }),
}).map(({ tops, seeds, decimals }) => {
  let s = 0;
  const next = (n: number) => seeds[s++ % seeds.length]! % n;
  const weights = (n: number): number[] => {
    const raw = Array.from({ length: n }, () => 1 + next(9));
    const sum = raw.reduce((a, b) => a + b, 0);
    const w = raw.map((r) => Math.floor((r * 100) / sum));
    w[0]! += 100 - w.reduce((a, b) => a + b, 0);
    return w;
  };
  const leaves = [
    'score = 100 * r1',
    'score = 100 * (r1 + r2) / 2',
    'check b1 else finding f_ID "check failed"',
    'score = match e1 { x => 100, y => 62.5, z => 0 }',
    'score = band n1 { <= 1.5 => 100, <= 3 => 87.5, < 7 => 33.3 otherwise => 0 }',
    'start 100\n    deduct 12.5 per c1 max 50 finding g_ID "deducted"\n    add 2.5 when b1',
    'score = if m1 > 2 then clamp(100 - m1 * 3.3, 0, 100) else 100 * r2',
    'score = min(100, max(0, 40 + 60 * r2))',
  ];
  let id = 0;
  const indicator = (depth: number, w: number, pad: string): string => {
    const name = `i${id++}`;
    if (depth === 0 || next(3) === 0) return `${pad}indicator ${name} "${name}" weight ${w} { ${leaves[next(leaves.length)]!.replace(/ID/g, name)} }`;
    const kids = weights(1 + next(3));
    return `${pad}indicator ${name} "${name}" weight ${w} {\n${kids.map((k) => indicator(depth - 1, k, `${pad}  `)).join('\n')}\n${pad}}`;
  };
  const topWeights = weights(tops);
  return `evaluation gen "generated" { year 2024 scale 0..100 round ${decimals} half-up }
evidence {
  region: enum(a, b, c)
  r1: ratio
  r2: ratio
  b1: bool
  e1: enum(x, y, z)
  n1: number >= 0 <= 20
  c1: count missing zero
  m1: number 0..30 missing exclude
}
grades { top >= 80 mid >= 50 low otherwise }
group region
finding high_r1 "r1 high" when r1 >= 0.5 and region != c
${topWeights.map((w) => indicator(2, w, '')).join('\n')}
`;
});
