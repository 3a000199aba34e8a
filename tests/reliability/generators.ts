/**
 * Richer random rule files than tests/differential/generators.ts: every missing-evidence policy (so
 * leaves and whole subtrees drop out), observed indicators and an observed scenario, findings inside
 * indicator bodies (which an excluded leaf must not raise), text and enum fields, several scales and
 * roundings, weights with decimals; and unit sets with duplicated evidence, so that ranks tie.
 */
import fc from 'fast-check';
import { validateEvidence, type Model, type UnitInput } from '@rubric/core';
import { evidenceFor } from '../differential/generators.js';

export const richRules: fc.Arbitrary<string> = fc.record({
  tops: fc.integer({ min: 1, max: 4 }),
  seeds: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 60, maxLength: 60 }),
  decimals: fc.integer({ min: 0, max: 4 }),
  scale: fc.constantFrom(100, 10, 5),
}).map(({ tops, seeds, decimals, scale: S }) => {
  let s = 0;
  const next = (n: number) => seeds[s++ % seeds.length]! % n;
  /** Weights summing to exactly 100, sometimes with one decimal. */
  const weights = (n: number): string[] => {
    const tenths = next(3) === 0;
    const unit = tenths ? 1000 : 100;
    const raw = Array.from({ length: n }, () => 1 + next(9));
    const sum = raw.reduce((a, b) => a + b, 0);
    const w = raw.map((r) => Math.floor((r * unit) / sum));
    w[0]! += unit - w.reduce((a, b) => a + b, 0);
    return w.map((x) => (tenths ? (x / 10).toFixed(1) : String(x)));
  };
  const leaves = [
    `score = ${S} * r1`,
    `score = ${S} * rz`,
    `score = ${S} * rx`,
    `check b1 else finding f_ID "check failed"`,
    `check bx else finding f_ID "bx false"`,
    `score = match e1 { x => ${S}, y => ${S * 0.625}, z => 0 }`,
    `score = band n1 { <= 1.5 => ${S}, <= 3 => ${S * 0.875}, < 7 => ${S * 0.333} otherwise => 0 }`,
    `start ${S}\n    deduct ${S / 8} per c1 max ${S / 2} finding f_ID "deducted"\n    add ${S / 40} when b1`,
    `score = if nx > 2 then clamp(${S} - nx * ${S / 30}, 0, ${S}) else ${S} * r2`,
    `score = min(${S}, max(0, ${S * 0.4} + ${S * 0.6} * r2))\n    finding g_ID "r2 low here" when r2 < 0.3`,
    `score = ${S} * (r1 + rx) / 2\n    finding h_ID "good practice" good when rx > 0.9`,
    `score = if t1 == "alpha" then ${S} else ${S} * r1`,
  ];
  let id = 0;
  const indicator = (depth: number, w: string | null, pad: string, scenario: string): string => {
    const name = `i${id++}`;
    const head = `${pad}indicator ${name} "${name}" ${w === null ? 'observed' : `weight ${w}`}${scenario}`;
    if (depth === 0 || next(3) === 0) return `${head} {\n${pad}  ${leaves[next(leaves.length)]!.replace(/ID/g, name)}\n${pad}}`;
    const n = 1 + next(3);
    const ws = weights(n);
    const kids = ws.map((k) => indicator(depth - 1, k, `${pad}  `, ''));
    if (next(4) === 0) kids.push(indicator(depth - 1, null, `${pad}  `, ''));
    return `${head} {\n${kids.join('\n')}\n${pad}}`;
  };
  const top = weights(tops).map((w) => indicator(2, w, '', ''));
  if (next(2) === 0) top.push(indicator(1, null, '', ' scenario watch'));
  return `evaluation gen "generated" { year 2024 scale 0..${S} round ${decimals} half-up }
evidence {
  region: enum(a, b, c)
  city: text
  r1: ratio
  r2: ratio
  rz: ratio missing zero
  rx: ratio missing exclude
  b1: bool
  bx: bool missing exclude
  e1: enum(x, y, z)
  n1: number >= 0 <= 20
  nx: number 0..30 missing exclude
  c1: count missing zero
  t1: text missing zero
}
grades { top >= ${S * 0.8} mid >= ${S / 2} low otherwise }
group region
group town "by city" by city
scenario watch "watched, never counted" observed
finding high_r1 "r1 high" when r1 >= 0.5 and region != c
${top.join('\n')}
`;
});

/**
 * Units for a model, some sharing the evidence of another (equal scores, tied ranks). Texts are never
 * empty here: an empty required text is a known bug with a test of its own (evidence.test.ts).
 */
export function unitsFor(model: Model, max = 10): fc.Arbitrary<{ id: string; evidence: Record<string, unknown> }[]> {
  const required = [...model.fields.values()].filter((f) => f.type.kind === 'text' && f.missing === 'error').map((f) => f.path);
  return fc.tuple(fc.array(evidenceFor(model), { minLength: 1, maxLength: max }), fc.array(fc.nat(), { maxLength: 4 })).map(([evs, copies]) => {
    const list = evs.map((e) => {
      const out = { ...e };
      for (const p of required) if (out[p] === '') out[p] = 'x';
      return out;
    });
    for (const c of copies) if (list.length > 1) list[c % list.length] = { ...list[(c + 1) % list.length]! };
    // Ids not in evidence order, so ordering by rank then id is exercised.
    return list.map((evidence, i) => ({ id: `u${String((i * 7) % 11).padStart(2, '0')}${i}`, evidence }));
  });
}

/** Flat generated evidence → nested, as in an evidence file → validated and flattened, as the CLI does. */
export function validated(model: Model, units: { id: string; evidence: Record<string, unknown> }[]): UnitInput[] {
  const raw = units.map((u) => {
    const data: Record<string, unknown> = {};
    for (const [path, v] of Object.entries(u.evidence)) {
      const parts = path.split('.');
      let node = data;
      for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
      node[parts[parts.length - 1]!] = v;
    }
    return { id: u.id, source: `${u.id}.json`, data };
  });
  const v = validateEvidence(model, raw);
  if (v.problems.length) throw new Error(`generated evidence is invalid: ${JSON.stringify(v.problems.slice(0, 3))}`);
  return v.units;
}
