/** 1. The compiled engine per unit against JSON.parse of the same unit's evidence file. */
import fs from 'node:fs';
import { instantiateEngine, validateEvidence } from '@rubric/core';
import { byEnginePath, load2022, syntheticValidated } from '../common.js';
import { section, smoke, type SectionResult } from '../env.js';
import { compare, consume, dur, ratio } from '../harness.js';
import { profileHere } from '../profile.js';

export async function run(): Promise<SectionResult> {
  const s = section('engine', '1. Compiled engine per unit vs JSON.parse of its evidence');
  const quick = smoke();
  const ex = load2022();
  const engine = instantiateEngine(ex.model);
  const texts = ex.cities.map((c) => c.text);
  const files = ex.cities.map((c) => c.file);
  const units = ex.units;
  const n = units.length;
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / n;
  const paths = byEnginePath(units);
  const synthetic = byEnginePath(syntheticValidated(ex, quick ? 200 : 3000));
  const syntheticTied = synthetic.tied.length / (synthetic.tied.length + synthetic.fast.length);

  const PARSE = 'JSON.parse(file text)';
  const PLAIN = 'engine.scoreFlat, no explanations';
  const EXPLAINED = 'engine.scoreFlat, with explanations';
  const FAST = `engine, no explanations: the ${paths.fast.length} units on the float path only`;
  const TIED = `engine, no explanations: the ${paths.tied.length} units with a rounding tie (exact recompute of the tied values)`;
  const VALIDATE = 'validateEvidence (zod + flatten)';
  const READ = 'readFileSync + JSON.parse';
  const r = compare({
    [PARSE]: () => { for (const t of texts) consume(JSON.parse(t)); },
    [PLAIN]: () => { for (const u of units) consume(engine.scoreFlat(u.id, u.evidence, false)); },
    [EXPLAINED]: () => { for (const u of units) consume(engine.scoreFlat(u.id, u.evidence, true)); },
    [FAST]: () => { for (const u of paths.fast) consume(engine.scoreFlat(u.id, u.evidence, false)); },
    [TIED]: () => { for (const u of paths.tied) consume(engine.scoreFlat(u.id, u.evidence, false)); },
    [VALIDATE]: () => consume(validateEvidence(ex.model, ex.raw)),
    [READ]: () => { for (const f of files) consume(JSON.parse(fs.readFileSync(f, 'utf8'))); },
  }, {
    opsPerCall: n, ops: { [FAST]: paths.fast.length, [TIED]: paths.tied.length },
    samples: quick ? 3 : 60, warmupMs: quick ? 20 : 300, batchMs: quick ? 2 : 10,
  });

  const parse = r[PARSE]!.median;
  const plain = r[PLAIN]!.median;
  const explained = r[EXPLAINED]!.median;
  const fast = r[FAST]!.median;
  const tied = r[TIED]!.median;

  s.method.push(
    `The ${n} evidence files of examples/gov-service-2022 (mean ${bytes.toFixed(0)} bytes each, pretty-printed JSON, ${Object.keys(units[0]!.evidence).length} fields).`,
    'Per unit = one batch over the units ÷ their number; median of round-robin batches (each ≥ 10 ms) after warm-up.',
    'The engine is `instantiateEngine(model)` from @rubric/core (compiled in memory); its input is the flat evidence from `validateEvidence`.',
    `Engine paths: a published figure within 1e-6 (in units of the last decimal) of a rounding tie is recomputed by the exact scorer (rationals on safe-integer doubles, BigInt beyond: \`Qs\`): that indicator and its subtree alone, or the whole unit when the total, an explanation step or a comparison is tied. ${paths.tied.length} of the ${n} cities do (${(100 * paths.tied.length / n).toFixed(0)} %), and ${(100 * syntheticTied).toFixed(0)} % of ${synthetic.tied.length + synthetic.fast.length} synthetic units: their ratios have 4 decimals, the weights 25 %, 15 %, 5 % … turn them into values with a third decimal 5, i.e. genuine ties at 2 decimals.`,
  );
  s.tables.push({
    head: ['per unit', 'median', 'p5', 'p95', '÷ JSON.parse'],
    rows: Object.entries(r).map(([k, v]) => [k, dur(v.median), dur(v.p5), dur(v.p95), ratio(v.median / parse)]),
  });
  s.notes.push(
    `The reference figure (~10 µs) is for a 2.2 KB file; these files are ${bytes.toFixed(0)} bytes, so JSON.parse is cheaper here and the ratios are stricter than the goals assumed.`,
    `A unit on the float path costs ${dur(fast)}; one with a tie ${dur(tied)} (${ratio(tied / fast, 0)}): the exact recompute dominates the mean.`,
  );
  // Where a tied unit's time goes: the inspector's profiler over the tied units alone.
  const prof = await profileHere(() => { for (const u of paths.tied) consume(engine.scoreFlat(u.id, u.evidence, false)); }, quick ? 100 : 1500, 6);
  const hottest = prof.hot.map((h) => `\`${h.fn.replace(/ \S+:\d+$/, '')}\` ${(h.share * 100).toFixed(0)} %`).join(', ');
  s.tables.push({
    caption: 'Where a tied unit\'s time goes: self time while scoring only the units with a rounding tie (inspector profiler, 0.1 ms sampling)',
    head: ['function', 'share'],
    rows: prof.hot.map((h) => [`\`${h.fn}\``, `${(h.share * 100).toFixed(1)} %`]),
  });
  const tieCause = `${paths.tied.length} of ${n} units (${(100 * paths.tied.length / n).toFixed(0)} %) hit a genuine rounding tie and have the tied values (with their subtrees) recomputed by the exact scorer (\`Qs\` rationals), which costs ${dur(tied)} vs ${dur(fast)} on the float path (${ratio(fast / parse)} JSON.parse). Profile of the tied units: ${hottest}.`;
  s.goals.push(
    {
      name: 'engine ≤ 0.25× JSON.parse per unit, no explanations', target: '≤ 0.25×',
      measured: `${ratio(plain / parse)} (${dur(plain)} vs ${dur(parse)}); float path only ${ratio(fast / parse)}`, met: plain / parse <= 0.25,
      cause: tieCause,
    },
    {
      name: 'engine ≤ 0.5× JSON.parse per unit, with explanations', target: '≤ 0.5×',
      measured: `${ratio(explained / parse)} (${dur(explained)} vs ${dur(parse)})`, met: explained / parse <= 0.5,
      cause: `As above, and worse: with explanations a tied leaf is also a tied explanation step, which recomputes the whole unit exactly; the float path also allocates a step object and an evidence object per rule (~35 per unit) and rounds each step's points.`,
    },
  );
  Object.assign(s.metrics, {
    units: n, meanFileBytes: bytes, jsonParseMs: parse, engineMs: plain, engineExplainMs: explained, engineFastPathMs: fast, engineTiedMs: tied,
    tiedUnits: paths.tied.length, syntheticTiedShare: syntheticTied, validateMs: r[VALIDATE]!.median, readParseMs: r[READ]!.median,
  });
  return s;
}
