/**
 * 2. The compiled engine against a hand-written TypeScript scorer of the 2022 rules, the reference
 * evaluator (exact rationals) and the same checks written for json-rules-engine.
 */
import { Q, evaluateUnit, instantiateEngine, type UnitInput } from '@rubric/core';
import { scoreHandwritten, INDICATORS } from '../../fixtures/handwritten-2022.js';
import { createEngine, scoreJre, RULES } from '../../fixtures/json-rules-2022.js';
import { byEnginePath, load2022, syntheticValidated } from '../common.js';
import { section, smoke, type SectionResult } from '../env.js';
import { compare, compareAsync, consume, dur, ratio } from '../harness.js';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function run(): Promise<SectionResult> {
  const s = section('scorers', '2. Compiled engine vs hand-written TypeScript, the evaluator and json-rules-engine');
  const quick = smoke();
  const ex = load2022();
  const engine = instantiateEngine(ex.model);
  const units = ex.units;
  const n = units.length;
  const paths = ex.model.allIndicators.map((i) => i.path);
  if (!same(paths, [...INDICATORS])) throw new Error(`the hand-written scorer's indicator order differs from the model's: ${paths.join(',')}`);

  // ---- agreement, before any timing ----
  const checkUnits: UnitInput[] = [...units, ...syntheticValidated(ex, quick ? 100 : 3000)];
  let maxRaw = 0;
  let maxValue = 0;
  let publishedDiffer = 0;
  for (const u of checkUnits) {
    const e = engine.scoreFlat(u.id, u.evidence, false);
    const h = scoreHandwritten(u.id, u.evidence);
    maxRaw = Math.max(maxRaw, Math.abs(e.raw - h.raw));
    e.rawValues.forEach((v, i) => {
      const w = h.rawValues[i];
      if ((v === null) !== (w === null)) throw new Error(`${u.id}: ${paths[i]} excluded by one scorer only`);
      if (v !== null && w !== null) maxValue = Math.max(maxValue, Math.abs(v - w));
    });
    if (!same(e.findings, h.findings)) throw new Error(`${u.id}: findings differ: engine ${e.findings.join(',')} vs hand-written ${h.findings.join(',')}`);
    if (!same(e.excluded, h.excluded)) throw new Error(`${u.id}: exclusions differ`);
    if (e.score !== h.score) publishedDiffer++;
  }
  if (maxRaw > 1e-9 || maxValue > 1e-9) throw new Error(`the hand-written scorer disagrees with the engine: total off by ${maxRaw}, an indicator by ${maxValue}`);

  const jre = createEngine();
  let jreMax = 0;
  let jreFindings = 0;
  let jreTempMax = 0;
  const jreCheck = quick ? checkUnits.slice(0, 60) : checkUnits.slice(0, 1000);
  for (const u of jreCheck) {
    const e = engine.scoreFlat(u.id, u.evidence, false);
    const j = await scoreJre(jre, u.evidence);
    jreMax = Math.max(jreMax, Math.abs(e.raw - j.total));
    const tempIndex = paths.indexOf('temp');
    jreTempMax = Math.max(jreTempMax, Math.abs((e.rawValues[tempIndex] ?? 0) - (j.temp ?? 0)));
    if (same([...e.findings].sort(), [...j.findings].sort())) jreFindings++;
  }

  let evalMax = 0;
  for (const u of units) {
    const x = evaluateUnit(ex.model, u.evidence);
    const e = engine.scoreFlat(u.id, u.evidence, false);
    evalMax = Math.max(evalMax, Math.abs(Q.toNumber(x.total!) - e.raw));
  }

  // ---- timing ----
  const o = { opsPerCall: n, samples: quick ? 3 : 40, warmupMs: quick ? 20 : 300, batchMs: quick ? 2 : 10 };
  const { fast } = byEnginePath(units);
  const FAST_ENGINE = `engine, no explanations, the ${fast.length} float-path units`;
  const FAST_HAND = `hand-written, the same ${fast.length} units`;
  const r = compare({
    'engine, no explanations': () => { for (const u of units) consume(engine.scoreFlat(u.id, u.evidence, false)); },
    'engine, with explanations': () => { for (const u of units) consume(engine.scoreFlat(u.id, u.evidence, true)); },
    'hand-written TypeScript': () => { for (const u of units) consume(scoreHandwritten(u.id, u.evidence)); },
    'evaluator (evaluateUnit, exact rationals)': () => { for (const u of units) consume(evaluateUnit(ex.model, u.evidence)); },
    [FAST_ENGINE]: () => { for (const u of fast) consume(engine.scoreFlat(u.id, u.evidence, false)); },
    [FAST_HAND]: () => { for (const u of fast) consume(scoreHandwritten(u.id, u.evidence)); },
  }, { ...o, ops: { [FAST_ENGINE]: fast.length, [FAST_HAND]: fast.length } });
  const jreUnits = quick ? units.slice(0, 5) : units;
  const a = await compareAsync({
    'json-rules-engine + harness': async () => { for (const u of jreUnits) consume(await scoreJre(jre, u.evidence)); },
  }, { opsPerCall: jreUnits.length, samples: quick ? 2 : 15, warmupMs: quick ? 20 : 500, batchMs: quick ? 2 : 50 });
  const all = { ...r, ...a };
  const eng = r['engine, no explanations']!.median;
  const engX = r['engine, with explanations']!.median;
  const hand = r['hand-written TypeScript']!.median;
  const evaluator = r['evaluator (evaluateUnit, exact rationals)']!.median;
  const jreMs = a['json-rules-engine + harness']!.median;
  const fastEngine = r[FAST_ENGINE]!.median;
  const fastHand = r[FAST_HAND]!.median;

  s.method.push(
    `Agreement first: over the ${n} cities and ${checkUnits.length - n} synthetic units the hand-written scorer's unrounded total and every indicator value are within ${maxRaw.toExponential(1)} / ${maxValue.toExponential(1)} of the engine's \`raw\`/\`rawValues\` (required ≤ 1e-9), with identical findings and exclusions; published totals differ for ${publishedDiffer} unit(s) (the hand-written scorer has no tie detection).`,
    `json-rules-engine: ${RULES.length} rules (bench/fixtures/json-rules-2022.ts), a harness applies the fired events to the leaves and averages the tree; over ${jreCheck.length} units its totals are within ${jreMax.toExponential(1)} of the engine's (observed scenario within ${jreTempMax.toExponential(1)}), findings equal for ${jreFindings}/${jreCheck.length}.`,
    `The evaluator's exact totals are within ${evalMax.toExponential(1)} of the engine's floats over the ${n} cities.`,
    'Per unit over the 55 cities; round-robin batches, median. json-rules-engine is asynchronous: each unit is awaited in turn.',
  );
  if (publishedDiffer > 0) {
    s.notes.push(`Plain float rounding is not enough: the hand-written scorer publishes a different total from the engine's exact one for ${publishedDiffer} of ${checkUnits.length} units (a value on a rounding tie that floats put a hair below it). That is what the engine's tie detection and exact recompute are for, and what they cost (section 1).`);
  }
  s.tables.push({
    head: ['per unit', 'median', 'p95', '÷ engine, no explanations'],
    rows: Object.entries(all).map(([k, v]) => [k, dur(v.median), dur(v.p95), ratio(v.median / eng)]),
  });
  s.goals.push(
    {
      name: 'engine ≤ 1.1× the hand-written scorer', target: '≤ 1.1×',
      measured: `${ratio(eng / hand)} (${dur(eng)} vs ${dur(hand)}); float-path units only ${ratio(fastEngine / fastHand)}`, met: eng / hand <= 1.1,
      cause: `Mostly the exact recompute of units with a rounding tie (section 1). On the float path alone the engine is ${ratio(fastEngine / fastHand)} the hand-written scorer: it also checks every published figure for a tie (\`P\`), tests each child for exclusion and sums its weight (\`s / w\`) where the hand-written code multiplies by constant fractions, scans every indicator for \`excluded\`, and builds \`groups\` from the model generically.`,
    },
    {
      name: 'engine ≥ 10× the evaluator', target: '≥ 10×', measured: `${ratio(evaluator / eng)} (explanations on: ${ratio(evaluator / engX)}; float-path units only ${ratio(evaluator / fastEngine)})`, met: evaluator / eng >= 10,
      cause: `The units with a rounding tie run the engine's exact scorer, rational arithmetic like the evaluator's (on doubles where the evaluator uses BigInt), so they cost a fraction of the evaluator but many times the float path; on the float path the engine is ${ratio(evaluator / fastEngine)} faster than the evaluator.`,
    },
    {
      name: 'engine ≥ 3,000× json-rules-engine', target: '≥ 3,000×', measured: `${ratio(jreMs / eng)} (${dur(jreMs)} per unit)`, met: jreMs / eng >= 3000,
      cause: `json-rules-engine takes ${dur(jreMs)} per unit here (${RULES.length} rules, facts passed in, no fact loaders: about ${dur(jreMs / RULES.length)} per rule for its promises and almanac), not the ~15 ms the goal assumed; against the engine's float path (${dur(fastEngine)}) the ratio is ${ratio(jreMs / fastEngine)}. The goal's factor rests on the 15 ms figure.`,
    },
  );
  Object.assign(s.metrics, {
    engineMs: eng, engineExplainMs: engX, handMs: hand, evaluatorMs: evaluator, jreMs, maxRawDiff: maxRaw, maxValueDiff: maxValue,
    jreMaxDiff: jreMax, jreFindingsEqual: jreFindings, jreChecked: jreCheck.length, checkedUnits: checkUnits.length,
  });
  return s;
}
