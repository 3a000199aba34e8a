/**
 * Numbers (RELIABILITY.md): half-up rounding is exact at every x.xx5 — for unit scores, indicator values,
 * means and weighted totals, in the engine and in the evaluator, checked against an independent BigInt
 * oracle rather than against Q; equal published scores share a rank (1, 1, 3); NaN, ±Infinity, -0 and
 * numbers written as text are rejected with a message naming the field; divisions that can be by zero
 * are refused by the checker or guarded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, evaluate, instantiateEngine, validateEvidence, type Model, type Results, type UnitInput } from '@rubric/core';

// ---- an independent exact oracle: decimals as BigInt fractions ----
type Frac = { n: bigint; d: bigint };

function dec(s: string): Frac {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const n = BigInt(`${i}${f}`);
  return { n: neg ? -n : n, d: 10n ** BigInt(f.length) };
}

function add(a: Frac, b: Frac): Frac { return { n: a.n * b.d + b.n * a.d, d: a.d * b.d }; }
function mulInt(a: Frac, k: bigint): Frac { return { n: a.n * k, d: a.d }; }
function divInt(a: Frac, k: bigint): Frac { return { n: a.n, d: a.d * k }; }

/** Half away from zero, to `places` decimals, as the number JSON would hold. */
function halfUp(x: Frac, places: number): number {
  const neg = x.n < 0n !== x.d < 0n;
  const n = x.n < 0n ? -x.n : x.n;
  const d = x.d < 0n ? -x.d : x.d;
  const scaled = n * 10n ** BigInt(places);
  let q = scaled / d;
  if (2n * (scaled % d) >= d) q++;
  const digits = q.toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return Number(`${neg && q !== 0n ? '-' : ''}${text}`);
}

/** A decimal string m / 10^k. */
function decimalString(m: bigint, k: number): string {
  const neg = m < 0n;
  const digits = (neg ? -m : m).toString().padStart(k + 1, '0');
  return `${neg ? '-' : ''}${k ? `${digits.slice(0, -k)}.${digits.slice(-k)}` : digits}`;
}

function rules(decimals: number, body: string, fields = 'x: number -100..100  y: number -100..100'): Model {
  const a = analyze(`evaluation n "N" { year 2024 scale -100..100 round ${decimals} half-up }
evidence { ${fields}  g: enum(a, b) }
grades { top >= 0 bottom otherwise }
group g
${body}`);
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return a.model;
}

/** Both scorers, which must also agree with each other to the byte. */
function both(model: Model, units: UnitInput[]): Results[] {
  const e = evaluate(model, units);
  const g = instantiateEngine(model).runValidated(units);
  expect(JSON.stringify(g)).toBe(JSON.stringify(e));
  return [e, g];
}

const decimals = fc.integer({ min: 0, max: 4 });
/** A value of -90..90 with `k` decimals, ending in 5 (a tie at k-1 decimals) three times in four. */
const value = (k: number) => fc.tuple(fc.integer({ min: -90 * 10 ** (k - 1), max: 90 * 10 ** (k - 1) - 1 }), fc.nat({ max: 3 }), fc.integer({ min: 0, max: 9 }))
  .map(([j, tie, digit]) => decimalString(BigInt(j) * 10n + BigInt(tie ? (j < 0 ? -5 : 5) : (j < 0 ? -digit : digit)), k));

const RUNS = Number(process.env['NUMBER_RUNS'] ?? 150);
/** `npm run fuzz` fixes the seed, so a failure of the long run can be replayed. */
const SEED = process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {};

describe('half-up at every x.xx5, engine and evaluator, against a BigInt oracle', () => {
  const templates: [string, (x: Frac) => Frac][] = [
    ['x', (x) => x],
    ['x / 4', (x) => divInt(x, 4n)],
    ['x * 0.125', (x) => divInt(x, 8n)],
    ['(x + x + x) / 3', (x) => x],
    ['x * 1.1', (x) => divInt(mulInt(x, 11n), 10n)],
    ['x / 3 * 3', (x) => x],
    ['x * 0.01 * 100', (x) => x],
  ];
  for (const [expr, exact] of templates) {
    it(`a leaf \`score = ${expr}\`: unit score, indicator value, mean`, () => {
      fc.assert(fc.property(decimals.chain((d) => fc.tuple(fc.constant(d), fc.array(value(d + 1), { minLength: 1, maxLength: 5 }))), ([d, xs]) => {
        const model = rules(d, `indicator i "I" weight 100 { score = clamp(${expr}, -100, 100) }`);
        const units = xs.map((x, k) => ({ id: `u${k}`, evidence: { x: Number(x), y: 0, g: 'a' } }));
        const values = xs.map((x) => exact(dec(x)));
        const mean = divInt(values.reduce(add, { n: 0n, d: 1n }), BigInt(values.length));
        for (const r of both(model, units)) {
          for (const [k, x] of xs.entries()) {
            const u = r.units.find((v) => v.id === `u${k}`)!;
            expect(u.score, `x = ${x}`).toBe(halfUp(values[k]!, d));
            expect(u.indicators['i'], `x = ${x}`).toBe(halfUp(values[k]!, d));
          }
          expect(r.summary.mean).toBe(halfUp(mean, d));
          expect(r.summary.indicators['i']!.mean).toBe(halfUp(mean, d));
          expect(r.groups['g']!['a']!.mean).toBe(halfUp(mean, d));
        }
      }), { numRuns: RUNS, ...SEED });
    });
  }

  it('means that land exactly on a tie (the last unit completes the sum)', () => {
    fc.assert(fc.property(decimals, fc.integer({ min: 2, max: 6 }), fc.integer({ min: -800, max: 800 }), fc.array(fc.integer({ min: -8000, max: 8000 }), { minLength: 5, maxLength: 5 }), (d, n, t, others) => {
      // Target mean T = t/10 + 0.05 at d = 1 scaled to d decimals: (10t + 5) / 10^(d+1); values have d+2 decimals.
      const T = dec(decimalString(BigInt(t) * 10n ** BigInt(d + 1) + (t < 0 ? -5n : 5n), d + 1));
      const vs = others.slice(0, n - 1).map((o) => dec(decimalString(BigInt(o) * 10n ** BigInt(d), d + 2)));
      const sum = vs.reduce(add, { n: 0n, d: 1n });
      const last = add(mulInt(T, BigInt(n)), { n: -sum.n, d: sum.d });
      const lastNumber = Number(last.n) / Number(last.d);
      fc.pre(Math.abs(lastNumber) <= 100);
      const lastString = decimalString((last.n * 10n ** BigInt(d + 3)) / last.d, d + 3);
      fc.pre(dec(lastString).n * last.d === last.n * dec(lastString).d); // exactly representable
      const xs = [...vs.map((v) => decimalString((v.n * 10n ** BigInt(d + 3)) / v.d, d + 3)), lastString];
      const model = rules(d, 'indicator i "I" weight 100 { score = x }');
      const units = xs.map((x, k) => ({ id: `u${k}`, evidence: { x: Number(x), y: 0, g: 'a' } }));
      for (const r of both(model, units)) expect(r.summary.mean, `values ${xs.join(', ')}`).toBe(halfUp(T, d));
    }), { numRuns: RUNS, ...SEED });
  });

  it('weighted totals: weight w of x plus 100 − w of y', () => {
    fc.assert(fc.property(decimals, fc.integer({ min: 1, max: 99 }), value(3), value(3), (d, w, x, y) => {
      const model = rules(d, `indicator a "A" weight ${w} { score = x }\nindicator b "B" weight ${100 - w} { score = y }`);
      const total = divInt(add(mulInt(dec(x), BigInt(w)), mulInt(dec(y), BigInt(100 - w))), 100n);
      for (const r of both(model, [{ id: 'u', evidence: { x: Number(x), y: Number(y), g: 'a' } }])) {
        expect(r.units[0]!.score, `${w}% of ${x} + ${100 - w}% of ${y}`).toBe(halfUp(total, d));
      }
    }), { numRuns: RUNS, ...SEED });
  });

  it('weighted totals built to land on a tie', () => {
    fc.assert(fc.property(decimals, fc.constantFrom(20, 25, 40, 50, 75, 80), fc.integer({ min: -80, max: 80 }), fc.integer({ min: -800, max: 800 }), (d, w, t, xi) => {
      // total T = (w x + (100 − w) y) / 100  ⇒  y = (100 T − w x) / (100 − w); weights chosen so y terminates.
      const T = dec(decimalString(BigInt(t) * 10n ** BigInt(d + 1) + (t < 0 ? -5n : 5n), d + 1));
      const x = dec(decimalString(BigInt(xi), 1));
      const num = add(mulInt(T, 100n), { n: -x.n * BigInt(w), d: x.d });
      const y = divInt(num, BigInt(100 - w));
      const yString = decimalString((y.n * 10n ** BigInt(d + 4)) / y.d, d + 4);
      fc.pre(dec(yString).n * y.d === y.n * dec(yString).d && Math.abs(Number(yString)) <= 100);
      const model = rules(d, `indicator a "A" weight ${w} { score = x }\nindicator b "B" weight ${100 - w} { score = y }`);
      for (const r of both(model, [{ id: 'u', evidence: { x: Number(decimalString(BigInt(xi), 1)), y: Number(yString), g: 'a' } }])) {
        expect(r.units[0]!.score, `T = ${T.n}/${T.d}, y = ${yString}`).toBe(halfUp(T, d));
      }
    }), { numRuns: RUNS, ...SEED });
  });

  it('the documented examples: 2.25 → 2.3, −2.25 → −2.3, 1.005 → 1.01, 88.545 → 88.55', () => {
    for (const [x, d, published] of [['2.25', 1, 2.3], ['-2.25', 1, -2.3], ['1.005', 2, 1.01], ['88.545', 2, 88.55], ['-0.005', 2, -0.01], ['0.0049', 2, 0], ['-0.0049', 2, 0]] as const) {
      const model = rules(d, 'indicator i "I" weight 100 { score = x }');
      for (const r of both(model, [{ id: 'u', evidence: { x: Number(x), y: 0, g: 'a' } }])) {
        expect(r.units[0]!.score).toBe(published);
        expect(Object.is(r.units[0]!.score, -0)).toBe(false);
      }
    }
  });
});

describe('ranks from published scores (CONTRACT.md: 1, 1, 3)', () => {
  it('equal published scores share a rank; units listed by rank, then id', () => {
    // Values that collide after rounding to 2 decimals: 50, 50.001, 49.996 and 50.004 are all 50.00.
    const pool = ['50', '50.001', '49.996', '50.004', '50.005', '60', '60.0049', '59.995', '10', '-10', '-10.004'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 9 }), fc.array(fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'c') }), { minLength: 9, maxLength: 9 }), (xs, names) => {
      const ids = [...new Set(names)];
      fc.pre(ids.length >= xs.length);
      const model = rules(2, 'indicator i "I" weight 100 { score = x }');
      const units = xs.map((x, k) => ({ id: ids[k]!, evidence: { x: Number(x), y: 0, g: 'a' } }));
      const published = new Map(xs.map((x, k) => [ids[k]!, halfUp(dec(x), 2)]));
      const rank = (id: string) => 1 + [...published.values()].filter((p) => p > published.get(id)!).length;
      const expected = [...published.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
      for (const r of both(model, units)) {
        expect(r.units.map((u) => u.id)).toEqual(expected);
        for (const u of r.units) expect(u.rank, u.id).toBe(rank(u.id));
      }
    }), { numRuns: RUNS, ...SEED });
  });

  it('1, 1, 3 exactly', () => {
    const model = rules(2, 'indicator i "I" weight 100 { score = x }');
    const units = [{ id: 'c', evidence: { x: 90, y: 0, g: 'a' } }, { id: 'b', evidence: { x: 95.004, y: 0, g: 'a' } }, { id: 'a', evidence: { x: 94.996, y: 0, g: 'a' } }];
    for (const r of both(model, units)) expect(r.units.map((u) => [u.id, u.score, u.rank])).toEqual([['a', 95, 1], ['b', 95, 1], ['c', 90, 3]]);
  });
});

describe('numbers that are not numbers, in evidence (validateEvidence)', () => {
  const model = analyze(`evaluation v "V" { year 2024 scale 0..100 round 2 half-up }
evidence { n: number >= 0 <= 10  r: ratio  c: count  o: number missing zero  g: enum(a, b) }
grades { top >= 50 rest otherwise }
group g
finding used "u" when n + c + o > 0
indicator i "I" weight 100 { score = 100 * r }`).model;
  const base = { n: 1, r: 0.5, c: 1, o: 1, g: 'a' };
  const bad: [unknown, string][] = [
    [NaN, 'found NaN'], [Infinity, 'found Infinity'], [-Infinity, 'found -Infinity'], [-0, 'negative zero'],
    ['0.5', 'found the text "0.5"'], ['1e3', 'found the text "1e3"'], ['NaN', 'found the text "NaN"'], ['', 'found the text ""'],
    [true, 'found true'], [[1], 'found a list'], [{ v: 1 }, 'found an object'], [Number('1e400'), 'found Infinity'],
  ];
  for (const field of ['n', 'r', 'c', 'o'] as const) {
    it(`\`${field}\`: every non-number rejected, naming the field, what was expected and what was found`, () => {
      for (const [v, found] of bad) {
        const r = validateEvidence(model, [{ id: 'u1', source: 'u1.json', data: { ...base, [field]: v } }]);
        expect(r.units, String(v)).toEqual([]);
        expect(r.problems, String(v)).toHaveLength(1);
        const p = r.problems[0]!;
        expect([p.source, p.unit, p.field]).toEqual(['u1.json', 'u1', field]);
        expect(p.message).toContain(`\`${field}\`: expected a`);
        expect(p.message).toContain(found);
      }
    });
  }

  it('every problem of every unit at once', () => {
    const r = validateEvidence(model, [
      { id: 'u1', source: 'u1.json', data: { ...base, n: NaN, r: '0.5' } },
      { id: 'u2', source: 'u2.yaml', data: { ...base, c: -0, o: Infinity, extra: 1 } },
      { id: 'u3', source: 'u3.json', data: { ...base } },
    ]);
    expect(r.problems.map((p) => `${p.source} ${p.unit} ${p.field}`).sort()).toEqual(['u1.json u1 n', 'u1.json u1 r', 'u2.yaml u2 c', 'u2.yaml u2 extra', 'u2.yaml u2 o']);
  });
});

describe('division by zero: refused by the checker, or guarded', () => {
  const head = `evaluation d "D" { year 2024 scale 0..100 round 2 half-up }
evidence { n: number >= 0 <= 10  m: number >= 1 <= 10  r: ratio  k: number -5..5  c: count  z: number >= 0 <= 10 missing zero }
grades { top >= 50 rest otherwise }
finding uses "all fields" when n + m + r + k + c + z > -100
`;
  const refused = ['100 / n', 'clamp(100 / (r - 0.5), 0, 100)', 'clamp(100 / k, 0, 100)', 'clamp(100 / (n - n), 0, 100)', 'clamp(100 / z, 0, 100)',
    'clamp(100 / (m - 1), 0, 100)', 'clamp(100 / 0, 0, 100)', 'clamp(100 / (1 - 1), 0, 100)', 'clamp(100 / min(n, m), 0, 100)', 'clamp(100 / clamp(n, 0, 10), 0, 100)',
    'if n > 0 or r > 0 then clamp(100 / n, 0, 100) else 0', 'clamp(100 / c, 0, 100)',
    'if n == 0 and r == 0 then 0 else clamp(100 / n, 0, 100)', 'if n > 0 then 0 else clamp(100 / n, 0, 100)', 'if k == 1 then 0 else clamp(100 / k, 0, 100)',
    'band n { <= 5 => clamp(100 / n, 0, 100), otherwise => 0 }', 'if k != 0 then 0 else clamp(100 / k, 0, 100)'];
  const guarded = ['100 / m', 'clamp(100 / (c + 1), 0, 100)', 'if n > 0 then clamp(100 / n, 0, 100) else 0', 'if n != 0 then clamp(100 / n, 0, 100) else 0',
    'if n >= 1 then 100 / n else 0', 'if n > 0 and r > 0 then clamp(100 / n, 0, 100) else 0', 'if k > 0 then clamp(100 / k, 0, 100) else 0',
    'if k < 0 then clamp(-100 / k, 0, 100) else 0', 'if z > 0 then clamp(100 / z, 0, 100) else 0', 'clamp(100 / max(n, m), 0, 100)',
    'clamp(100 / clamp(n, 1, 10), 0, 100)', 'clamp(1 / (1 / m), 0, 100)', 'if 0 < n then clamp(100 / n, 0, 100) else 0',
    // The `else` branch learns from the condition failing, a band from the bands before it.
    'if n == 0 then 0 else clamp(100 / n, 0, 100)', 'if n <= 0 then 0 else clamp(100 / n, 0, 100)', 'if not (c > 0) then 0 else clamp(100 / c, 0, 100)',
    'if n == 0 or c == 0 then 0 else clamp(100 / n / c, 0, 100)', 'if z == 0 then 0 else clamp(100 / z, 0, 100)', 'if k == 0 then 0 else clamp(100 / k, 0, 100)',
    'if k != 0 then clamp(100 / k, 0, 100) else 0', 'band c { <= 0 => 0, otherwise => clamp(100 / c, 0, 100) }', 'band n { < 1 => 0, <= 10 => clamp(100 / n, 0, 100), otherwise => 0 }'];

  for (const e of refused) {
    it(`refused: ${e}`, () => {
      const a = analyze(`${head}indicator i "I" weight 100 { score = ${e} }`);
      expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('types/division-by-zero');
    });
  }

  it('guarded divisions check, and score zeros without NaN or Infinity (engine ≡ evaluator)', () => {
    for (const e of guarded) {
      const a = analyze(`${head}indicator i "I" weight 100 { score = ${e} }\nindicator j "J" observed { start 100 deduct 10 per ${e.includes('/') ? `clamp(${e}, 0, 10)` : '1'} }`);
      expect(a.diagnostics.filter((d) => d.severity === 'error'), e).toEqual([]);
      const units = [0, 0.5, 1].flatMap((v, i) => [
        { id: `zero${i}`, evidence: { n: 0, m: 1, r: v, k: 0, c: 0, z: null } },
        { id: `some${i}`, evidence: { n: v * 10, m: 1 + v * 9, r: v, k: v * 10 - 5, c: i, z: v ? v : null } },
      ]);
      for (const r of both(a.model, units)) {
        const json = JSON.stringify(r);
        expect(json, e).not.toMatch(/NaN|Infinity|null,"rank"/);
        for (const u of r.units) expect(Number.isFinite(u.score), `${e}: ${u.id}`).toBe(true);
      }
    }
  });

  it('divisions in conditions, `per` and finding conditions are checked too', () => {
    for (const rule of ['check 1 / n > 0.5', 'start 100 deduct 1 per 10 / n', 'start 100 deduct 1 when r / k > 0', 'score = 100 * r\n finding f "f" when 1 / (r - 0.5) > 2']) {
      const a = analyze(`${head}indicator i "I" weight 100 { ${rule} }`);
      expect(a.diagnostics.map((d) => d.code), rule).toContain('types/division-by-zero');
    }
  });
});
