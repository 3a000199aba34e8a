/**
 * 4. The editor: keystroke → preview latency and hover latency, with the 2022 rules over the 55 cities and
 * over N synthetic units, measured three ways:
 *   - core: `analyze` → `instantiateEngine` → `runValidated` in-process, units validated once (as the
 *     server memoises validation while the evidence block is unchanged);
 *   - server pipeline: the language server's own `Pipeline` + `PreviewService` (server/dist) in-process,
 *     from `update(uri, version, text)` to the `previewed` callback of that version;
 *   - LSP: the real `rubric-lsp --stdio` in a child process, from `didChange` to the
 *     `rubric/previewChanged` notification of that version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Assemble, analyze, instantiateEngine, type ExactMemo, type Model, type Results, type UnitInput } from '@rubric/core';
import { load2022, syntheticValidated } from '../common.js';
import { BASELINE_2021, EVIDENCE_2022, ROOT, TMP, ensureDir, section, smoke, type SectionResult } from '../env.js';
import { brokenWeightEdit, evidenceDir, FORMULA_VARIANTS, formulaEdit, STRUCTURAL_VARIANTS, structuralEdit, weightEdit } from '../generate.js';
import { consume, dur, latency, repeat, type Latency } from '../harness.js';
import { Lsp, position } from '../lsp-client.js';

type Kind = 'constant' | 'structural' | 'formula' | 'error';
const KINDS: Kind[] = ['constant', 'structural', 'formula', 'error'];
const EDITS: Record<Kind, (text: string, i: number) => string> = { constant: weightEdit, structural: structuralEdit, formula: formulaEdit, error: brokenWeightEdit };
/**
 * Every keystroke of the section draws the next variant from one counter, so structural edits go round
 * their cycle in order across scenarios and measurements: the variant typed next is always the one used
 * longest ago, never in the core's cache of 16 compiled functions.
 */
let keystrokes = 0;
const EDIT: Record<Kind, (text: string, i: number) => string> = {
  constant: (text) => EDITS.constant(text, keystrokes++),
  structural: (text) => EDITS.structural(text, keystrokes++),
  formula: (text) => EDITS.formula(text, keystrokes++),
  error: (text) => EDITS.error(text, keystrokes++),
};
const KIND_LABEL: Record<Kind, string> = {
  constant: 'constant edit (two sibling weights)',
  structural: 'structural edit (a finding\'s condition)',
  formula: 'structural edit (a leaf\'s formula)',
  error: 'keystroke leaving an error (weights ≠ 100)',
};

interface Workspace { units: number; label: string; dir: string; file: string; text: string; flat: UnitInput[] }

/** The rules file in a folder of its own, its preview block pointing at the evidence by absolute path. */
function workspace(label: string, text: string, glob: string, flat: UnitInput[]): Workspace {
  const dir = ensureDir(path.join(TMP, `editor-${flat.length}`));
  const file = path.join(dir, 'rules.rubric');
  const t = text
    .replace(/evidence "evidence\/\*\.json"/, `evidence ${JSON.stringify(glob)}`)
    .replace(/baseline "baseline-2021\.json"/, `baseline ${JSON.stringify(BASELINE_2021)}`);
  if (t === text) throw new Error('the preview block of rules.rubric is not where expected');
  fs.writeFileSync(file, t);
  return { units: flat.length, label, dir, file, text: t, flat };
}

interface Series { total: Latency; analyze?: Latency; instantiate?: Latency; run?: Latency; reused: number; compiled: number; n: number }

function coreSeries(ws: Workspace, baseline: Partial<Results>, kind: Kind, runs: number, warmup: number): Series {
  // One memo of exact values across keystrokes, as the server keeps (server/src/preview/engines.ts).
  const memo: ExactMemo = new Map();
  const totals: number[] = [];
  const phases = { analyze: [] as number[], instantiate: [] as number[], run: [] as number[] };
  let reused = 0;
  let compiled = 0;
  for (let i = -warmup; i < runs; i++) {
    const text = EDIT[kind](ws.text, i + warmup);
    const t0 = performance.now();
    const a = analyze(text);
    const t1 = performance.now();
    let t2 = t1;
    let t3 = t1;
    if (!a.hasErrors) {
      const engine = instantiateEngine(a.model);
      t2 = performance.now();
      consume(engine.runValidated(ws.flat, { baseline, explain: false, memo }));
      t3 = performance.now();
      if (i >= 0 && engine.reused) reused++;
      else if (i >= 0) compiled++;
    } else if (kind !== 'error') throw new Error(`the ${kind} edit left an error: ${a.diagnostics.find((d) => d.severity === 'error')?.message}`);
    if (i < 0) continue;
    totals.push(t3 - t0);
    phases.analyze.push(t1 - t0);
    phases.instantiate.push(t2 - t1);
    phases.run.push(t3 - t2);
  }
  return { total: latency(totals), analyze: latency(phases.analyze), instantiate: latency(phases.instantiate), run: latency(phases.run), reused, compiled, n: runs };
}

/**
 * `runValidated` against its own per-unit loop, and which means sit on a rounding tie: `Assemble.mean`
 * (same criterion as here) then takes exact sums, recomputing that indicator exactly in every unit.
 */
function scoringBreakdown(model: Model, units: UnitInput[], baseline: Partial<Results>, runs: number): { run: Latency; loop: Latency; tiedMeans: string[] } {
  const engine = instantiateEngine(model);
  const run = repeat(() => consume(engine.runValidated(units, { baseline, explain: false })), runs, 2);
  const loop = repeat(() => { for (const u of units) consume(engine.scoreFlat(u.id, u.evidence, false)); }, runs, 2);
  const scores = units.map((u) => engine.scoreFlat(u.id, u.evidence, false));
  const d = model.evaluation.decimals;
  const tied = (raws: number[]) => {
    let sum = 0;
    let maxAbs = 1;
    for (const r of raws) { sum += r; maxAbs = Math.max(maxAbs, Math.abs(r)); }
    const slack = (raws.length + 2) * maxAbs * 4.5e-16 * 10 ** d + 1e-9;
    return raws.length > 0 && Assemble.nearTie(sum / raws.length, d, slack);
  };
  const tiedMeans: string[] = [];
  if (tied(scores.map((x) => x.raw))) tiedMeans.push('total');
  model.allIndicators.forEach((ind, k) => {
    if (tied(scores.map((x) => x.rawValues[k]).filter((v): v is number => v !== null))) tiedMeans.push(ind.path);
  });
  return { run, loop, tiedMeans };
}

interface ServerModules {
  Pipeline: new (previews: unknown, listener: { checked(doc: unknown, last: unknown): void; previewed(doc: { version: number; preview: { stale: boolean; millis?: number } }): void }) => {
    update(uri: string, version: number, text: string): void;
    previewed(uri: string): Promise<unknown>;
    close(uri: string): void;
  };
  PreviewService: new () => unknown;
  rulesDiagnostics?: (doc: unknown, preview: unknown) => unknown;
  hover?: (doc: unknown, offset: number) => unknown;
}

async function serverModules(): Promise<ServerModules | undefined> {
  const at = (p: string) => pathToFileURL(path.join(ROOT, 'server/dist', p)).href;
  try {
    const pipeline = (await import(at('documents/pipeline.js'))) as { Pipeline?: ServerModules['Pipeline'] };
    const preview = (await import(at('preview/preview.js'))) as { PreviewService?: ServerModules['PreviewService'] };
    if (!pipeline.Pipeline || !preview.PreviewService) return undefined;
    const diagnostics = (await import(at('features/diagnostics.js')).catch(() => ({}))) as { rulesDiagnostics?: ServerModules['rulesDiagnostics'] };
    const hover = (await import(at('features/hover.js')).catch(() => ({}))) as { hover?: ServerModules['hover'] };
    return { Pipeline: pipeline.Pipeline, PreviewService: preview.PreviewService, ...(diagnostics.rulesDiagnostics ? { rulesDiagnostics: diagnostics.rulesDiagnostics } : {}), ...(hover.hover ? { hover: hover.hover } : {}) };
  } catch {
    return undefined;
  }
}

interface HoverTarget { name: string; offset: number }

function hoverTargets(text: string): HoverTarget[] {
  const find = (needle: string, inside: number) => {
    const i = text.indexOf(needle);
    if (i < 0) throw new Error(`hover target ${needle} not found`);
    return i + inside;
  };
  return [
    { name: 'indicator `tech.accessibility`', offset: find('indicator accessibility', 'indicator '.length + 3) },
    { name: 'field `site.reachable` (its values across the units)', offset: find('100 * site.reachable', '100 * '.length + 3) },
    { name: 'finding `page_stalls`', offset: find('finding page_stalls', 'finding '.length + 3) },
    { name: 'grade `优秀`', offset: find('优秀 >= 90', 1) },
  ];
}

interface ServerRun { open: number; series: Partial<Record<Kind, Series & { scoringMs?: Latency }>>; hover: { name: string; l: Latency; found: boolean }[] }

async function serverPipeline(mods: ServerModules, ws: Workspace, runs: number, warmup: number, hoverRuns: number): Promise<ServerRun> {
  let waiting: { version: number; resolve: (v: { t: number; doc: { version: number; preview: { stale: boolean; millis?: number } } }) => void } | undefined;
  const pipeline = new mods.Pipeline(new mods.PreviewService(), {
    checked(doc, last) { mods.rulesDiagnostics?.(doc, last); },
    previewed(doc) {
      mods.rulesDiagnostics?.(doc, doc.preview);
      if (waiting && doc.version === waiting.version) {
        const w = waiting;
        waiting = undefined;
        w.resolve({ t: performance.now(), doc });
      }
    },
  });
  const uri = pathToFileURL(ws.file).href;
  let version = 0;
  const type = async (text: string) => {
    version++;
    const done = new Promise<{ t: number; doc: { version: number; preview: { stale: boolean; millis?: number } } }>((resolve) => { waiting = { version, resolve }; });
    const t0 = performance.now();
    pipeline.update(uri, version, text);
    const { t, doc } = await done;
    return { ms: t - t0, stale: doc.preview.stale, millis: doc.preview.millis };
  };
  const open = (await type(ws.text)).ms;
  const series: ServerRun['series'] = {};
  for (const kind of KINDS) {
    const totals: number[] = [];
    const scoring: number[] = [];
    for (let i = -warmup; i < runs; i++) {
      const r = await type(EDIT[kind](ws.text, i + warmup));
      if (kind !== 'error' && r.stale) throw new Error(`server pipeline: the ${kind} edit gave a stale preview`);
      if (i < 0) continue;
      totals.push(r.ms);
      if (r.millis !== undefined && !r.stale) scoring.push(r.millis);
    }
    series[kind] = { total: latency(totals), ...(scoring.length ? { scoringMs: latency(scoring) } : {}), reused: 0, compiled: 0, n: runs };
  }
  const hover: ServerRun['hover'] = [];
  await type(ws.text);
  if (mods.hover) {
    const doc = await pipeline.previewed(uri);
    for (const target of hoverTargets(ws.text)) {
      const times: number[] = [];
      let found = false;
      for (let i = 0; i < hoverRuns + 3; i++) {
        const t0 = performance.now();
        const h = mods.hover(doc, target.offset);
        const dt = performance.now() - t0;
        found ||= h !== null;
        consume(h);
        if (i >= 3) times.push(dt);
      }
      hover.push({ name: target.name, l: latency(times), found });
    }
  }
  pipeline.close(uri);
  return { open, series, hover };
}

async function overLsp(ws: Workspace, runs: number, warmup: number, hoverRuns: number): Promise<ServerRun> {
  const lsp = new Lsp();
  try {
    await lsp.initialize(ws.dir);
    const { uri, ms: open } = await lsp.open(ws.file, ws.text);
    const series: ServerRun['series'] = {};
    for (const kind of KINDS) {
      const totals: number[] = [];
      for (let i = -warmup; i < runs; i++) {
        const r = await lsp.edit(uri, EDIT[kind](ws.text, i + warmup), kind !== 'error');
        if (i >= 0) totals.push(r.ms);
      }
      series[kind] = { total: latency(totals), reused: 0, compiled: 0, n: runs };
    }
    await lsp.edit(uri, ws.text, true);
    const hover: ServerRun['hover'] = [];
    for (const target of hoverTargets(ws.text)) {
      const { line, character } = position(ws.text, target.offset);
      const times: number[] = [];
      let found = false;
      for (let i = 0; i < hoverRuns + 3; i++) {
        const h = await lsp.hover(uri, line, character);
        found ||= h.found;
        if (i >= 3) times.push(h.ms);
      }
      hover.push({ name: target.name, l: latency(times), found });
    }
    return { open, series, hover };
  } catch (e) {
    throw new Error(`${(e as Error).message}\nserver stderr: ${lsp.stderr.slice(-2000)}`);
  } finally {
    await lsp.close();
  }
}

const pp = (l: Latency | undefined) => (l ? `${dur(l.p50)} / ${dur(l.p95)}` : '—');

export async function run(): Promise<SectionResult> {
  const s = section('editor', '4. Editor: keystroke → preview, hover');
  const quick = smoke();
  const ex = load2022();
  const bigN = quick ? 100 : 3000;
  const scenarios: Workspace[] = [
    workspace(`${ex.units.length} cities`, ex.text, path.join(EVIDENCE_2022, '*.json'), ex.units),
  ];
  const bigDir = evidenceDir(ex.model, bigN);
  scenarios.push(workspace(`${bigN.toLocaleString('en-US')} synthetic units`, ex.text, path.join(bigDir, '*.json'), syntheticValidated(ex, bigN)));
  for (let i = 0; i < STRUCTURAL_VARIANTS; i++) {
    if (analyze(structuralEdit(ex.text, i)).hasErrors) throw new Error(`structural edit ${i} leaves an error`);
  }

  const mods = await serverModules();
  const coreRows: string[][] = [];
  const serverRows: string[][] = [];
  const hoverRows: string[][] = [];
  const breakdownRows: string[][] = [];
  const breakdowns = new Map<number, ReturnType<typeof scoringBreakdown>>();
  const goalsData: { units: number; kind: Kind; primary: Latency; source: string; lsp?: Latency; core: Series; scoring?: Latency }[] = [];
  let worstHover: { l: Latency; where: string } | undefined;
  let worstHoverInProcess: Latency | undefined;
  for (const ws of scenarios) {
    const big = ws.units > 100;
    const runs = quick ? 2 : big ? 200 : 150;
    const warmup = quick ? 1 : big ? 20 : 30;
    const core: Partial<Record<Kind, Series>> = {};
    for (const kind of KINDS) {
      const r = coreSeries(ws, ex.baseline, kind, runs, warmup);
      core[kind] = r;
      coreRows.push([
        ws.label, KIND_LABEL[kind], pp(r.total), pp(r.analyze),
        kind === 'error' ? '—' : `${pp(r.instantiate)} (${r.reused} reused, ${r.compiled} compiled)`,
        kind === 'error' ? '— (preview kept, stale)' : pp(r.run),
      ]);
    }
    const b = scoringBreakdown(ex.model, ws.flat, ex.baseline, quick ? 2 : big ? 15 : 60);
    breakdowns.set(ws.units, b);
    breakdownRows.push([
      ws.label, pp(b.run), pp(b.loop), dur(Math.max(0, b.run.p50 - b.loop.p50)),
      b.tiedMeans.length ? `${b.tiedMeans.length}: ${b.tiedMeans.map((m) => `\`${m}\``).join(', ')}` : 'none',
    ]);
    const serverRuns = quick ? 2 : big ? 200 : 100;
    const server = mods ? await serverPipeline(mods, ws, serverRuns, warmup, quick ? 2 : 200) : undefined;
    const lsp = await overLsp(ws, serverRuns, warmup, quick ? 2 : 100);
    for (const kind of KINDS) {
      serverRows.push([
        ws.label, KIND_LABEL[kind], server ? pp(server.series[kind]!.total) : 'pending', server?.series[kind]?.scoringMs ? pp(server.series[kind]!.scoringMs) : '—',
        pp(lsp.series[kind]!.total),
      ]);
      if (kind !== 'error') {
        const scoring = server?.series[kind]?.scoringMs;
        goalsData.push({
          units: ws.units, kind, primary: server ? server.series[kind]!.total : core[kind]!.total,
          source: server ? 'server pipeline in-process' : 'core in-process', lsp: lsp.series[kind]!.total, core: core[kind]!,
          ...(scoring ? { scoring } : {}),
        });
      }
    }
    serverRows.push([ws.label, 'open → first preview (loads the evidence)', server ? dur(server.open) : 'pending', '—', dur(lsp.open)]);
    lsp.hover.forEach((h, i) => {
      const inProcess = server?.hover[i];
      hoverRows.push([ws.label, `${h.name}${h.found ? '' : ' (no hover returned)'}`, inProcess ? pp(inProcess.l) : 'pending', pp(h.l)]);
      if (!worstHover || h.l.p95 > worstHover.l.p95) worstHover = { l: h.l, where: `${h.name}, ${ws.label}` };
      if (inProcess && (!worstHoverInProcess || inProcess.l.p95 > worstHoverInProcess.p95)) worstHoverInProcess = inProcess.l;
    });
    Object.assign(s.metrics, Object.fromEntries(KINDS.flatMap((k) => [
      [`core ${k} ${ws.units} p50`, core[k]!.total.p50], [`core ${k} ${ws.units} p95`, core[k]!.total.p95],
      [`server ${k} ${ws.units} p50`, server?.series[k]?.total.p50 ?? null], [`server ${k} ${ws.units} p95`, server?.series[k]?.total.p95 ?? null],
      [`lsp ${k} ${ws.units} p50`, lsp.series[k]!.total.p50], [`lsp ${k} ${ws.units} p95`, lsp.series[k]!.total.p95],
    ])));
  }

  s.method.push(
    `Rules: examples/gov-service-2022/rules.rubric in a folder of its own under ${TMP} (its preview block pointed at the evidence by absolute path); evidence: the 55 cities, and ${bigN.toLocaleString('en-US')} units perturbed deterministically from them (bench/src/generate.ts), one JSON file each.`,
    `Edits: constant = tech.accessibility and tech.mobile weights move together by 1…20 (numbers only: the core reuses the compiled function); structural = the condition of \`finding page_stalls\` cycles through ${STRUCTURAL_VARIANTS} field/operator variants (more than the 16 compiled functions the core caches, so every keystroke generates and compiles); formula = the formula of \`tech.accessibility\` cycles through ${FORMULA_VARIANTS} sums of two ratio fields (the indicators' own code changes); error = one weight typed alone (siblings no longer sum to 100: diagnostics only, the preview is kept and marked stale).`,
    'This section\'s process runs with `--max-semi-space-size=64`, the young generation the language server is started with (server/bin/rubric-lsp.js; the VS Code client passes the same flag): a keystroke\'s results then die young instead of being copied and promoted.',
    'Core: `analyze` → `instantiateEngine` (`.reused` counted) → `runValidated(units, { baseline, explain: false, memo })` with one memo of exact values across keystrokes (as the server keeps), units validated once beforehand. Server pipeline: server/dist `Pipeline` + `PreviewService` in-process (diagnostics computed in the listener), from `update()` to the `previewed` callback of that version: it also awaits a turn of the event loop, compares with the saved file\'s results (impact) and builds the preview. LSP: `rubric-lsp --stdio` as a child process, from `didChange` (full text) to the `rubric/previewChanged` notification of that version.',
    'p50 / p95 over consecutive keystrokes after warm-up keystrokes (each waits for the previous preview: no coalescing).',
  );
  s.tables.push({ caption: 'Core pipeline in-process: p50 / p95 per keystroke', head: ['units', 'edit', 'total', 'analyze', 'instantiateEngine', 'runValidated'], rows: coreRows });
  s.tables.push({
    caption: 'The language server: keystroke → preview, p50 / p95',
    head: ['units', 'edit', 'server pipeline in-process', 'of which scoring (`preview.millis`)', 'LSP over stdio'],
    rows: serverRows,
  });
  s.tables.push({
    caption: 'Scoring alone: `runValidated(units, { explain: false })` vs its loop of `scoreFlat` (the rest: `Assemble`: ranks, grades, means, groups, findings, baseline), p50 / p95',
    head: ['units', 'runValidated', 'scoreFlat × units', 'the rest (p50)', 'means on a rounding tie (each recomputes its indicator exactly in every unit)'],
    rows: breakdownRows,
  });
  s.tables.push({ caption: 'Hover, p50 / p95 (preview ready)', head: ['units', 'target', 'server `hover()` in-process', 'LSP request round trip'], rows: hoverRows });
  if (!mods) s.notes.push('server/dist does not offer `Pipeline`/`PreviewService` (yet): the goals use the core pipeline in-process.');

  for (const g of goalsData) {
    const big = g.units > 100;
    const [p50Goal, p95Goal] = big ? [30, 50] : [16, 25];
    s.goals.push({
      name: `keystroke → preview at ${g.units.toLocaleString('en-US')} units, ${KIND_LABEL[g.kind]}: p50 ≤ ${p50Goal} ms, p95 ≤ ${p95Goal} ms`,
      target: `${p50Goal} / ${p95Goal} ms`,
      measured: `${pp(g.primary)} (${g.source}; over LSP ${pp(g.lsp)}; core alone ${pp(g.core.total)})`,
      met: g.primary.p50 <= p50Goal && g.primary.p95 <= p95Goal,
      cause: `Medians of the core's phases: \`analyze\` ${dur(g.core.analyze!.p50)} + \`instantiateEngine\` ${dur(g.core.instantiate!.p50)}${g.kind !== 'constant' ? ' (generates and compiles: `new Function`)' : ' (reused)'} + \`runValidated\` ${dur(g.core.run!.p50)}${g.scoring ? `; the server's own scoring time (validation memo + engine + results) is ${dur(g.scoring.p50)}, and its pipeline adds a turn of the event loop, diagnostics and the comparison of every unit with the saved file's results` : ''}. `
        + (!big
          ? 'At 55 units `analyze` (parse + check of the 370-line file, section 3a) is the largest part.'
          : g.kind === 'structural'
            ? `A finding's condition changes the generated body (total, findings, the exact scorer), compiled anew; the indicators' float code (one piece per top-level indicator, the bulk of the work) and \`recordOf\` are compiled apart, cached by their own text, and stay warm, as does the rules-independent runtime (\`Scoring\`, \`Assemble\`): \`runValidated\` ${dur(g.core.run!.p50)} here against ${dur(goalsData.find((x) => x.units === g.units && x.kind === 'constant')!.core.run!.p50)} for a constant edit.`
            : g.kind === 'formula'
              ? `A leaf's formula changes the float code of its top-level indicator (\`tech\` and its five leaves), compiled anew with the body, and its first run over ${g.units.toLocaleString('en-US')} units executes in V8's interpreter and baseline tiers before optimised code takes over: \`runValidated\` ${dur(g.core.run!.p50)} here against ${dur(goalsData.find((x) => x.units === g.units && x.kind === 'constant')!.core.run!.p50)} for a constant edit (the same work on warm code). V8 flags that tier up sooner (\`--always-sparkplug\`, a smaller \`--interrupt-budget\`, \`--maglev\`) did not change it beyond noise.`
            : `At ${g.units.toLocaleString('en-US')} units scoring dominates. With the memo, exact values near rounding ties whose subtree the edit did not change come from the previous keystroke; without one \`runValidated\` takes ${dur(breakdowns.get(g.units)!.run.p50)}, of which the per-unit loop is ${dur(breakdowns.get(g.units)!.loop.p50)} (about half the units have a value on a rounding tie, recomputed exactly, section 1) and \`Assemble\` (ranks, grades, means, groups, findings and ${g.units.toLocaleString('en-US')} unit records) the rest${breakdowns.get(g.units)!.tiedMeans.length ? `, where ${breakdowns.get(g.units)!.tiedMeans.length} indicator means sit on a rounding tie and are summed exactly over every unit` : ''}.`),
    });
  }
  if (worstHover) {
    s.goals.push({
      name: 'hover ≤ 10 ms', target: '≤ 10 ms (p95)',
      measured: `${pp(worstHover.l)} over LSP, worst target (${worstHover.where})${worstHoverInProcess ? `; in-process worst ${pp(worstHoverInProcess)}` : ''}`,
      met: worstHover.l.p95 <= 10,
      cause: 'The hover handler itself is fast in-process; the round trip adds JSON-RPC over stdio and waiting for the event loop of the server.',
    });
  }
  return s;
}
