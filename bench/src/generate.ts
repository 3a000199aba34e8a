/**
 * Synthetic inputs, all deterministic: units perturbed from the 55 cities of the 2022 example, evidence
 * folders of N such files (written once under TMP and reused), long rules files made by replicating the
 * 2022 indicator tree, and the edits the editor benchmark types.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fieldSpecs, type Model, type RawUnit } from '@rubric/core';
import { EVIDENCE_2022, RULES_2022, TMP, ensureDir, readText } from './env.js';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CityFile {
  id: string;
  file: string;
  text: string;
  data: Record<string, unknown>;
}

/** The 55 evidence files of the 2022 example, sorted by file name. */
export function cities(): CityFile[] {
  return fs.readdirSync(EVIDENCE_2022).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const file = path.join(EVIDENCE_2022, f);
    const text = readText(file);
    return { id: f.replace(/\.json$/, ''), file, text, data: JSON.parse(text) as Record<string, unknown> };
  });
}

export function rawUnits(list: CityFile[]): RawUnit[] {
  return list.map((c) => ({ id: c.id, source: c.file, data: c.data }));
}

function getPath(o: Record<string, unknown>, p: string): unknown {
  let v: unknown = o;
  for (const k of p.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function setPath(o: Record<string, unknown>, p: string, value: unknown): void {
  const keys = p.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * `n` units derived from the 55 cities: unit k copies city k mod 55 and perturbs every field within its
 * declared type (ratios ±0.08, counts ±1, bounded numbers ±25 %, a bool or enum value changed with
 * probability 0.1); group fields (region) are kept. Valid by construction; the check is done by the caller.
 */
export function syntheticUnits(model: Model, base: CityFile[], n: number, seed = 2022): RawUnit[] {
  const random = rng(seed);
  const specs = fieldSpecs(model);
  const groupFields = new Set(model.groups.map((g) => g.field));
  const out: RawUnit[] = [];
  for (let k = 0; k < n; k++) {
    const city = base[k % base.length]!;
    const data = structuredClone(city.data);
    data['name'] = `${String(city.data['name'] ?? city.id)}-${k}`;
    for (const f of specs) {
      if (groupFields.has(f.path)) continue;
      const v = getPath(data, f.path);
      const r = random();
      switch (f.kind) {
        case 'ratio':
          if (typeof v === 'number') setPath(data, f.path, round(Math.min(1, Math.max(0, v + (r - 0.5) * 0.16)), 4));
          break;
        case 'count':
          if (typeof v === 'number') setPath(data, f.path, Math.max(0, v + (r < 0.15 ? -1 : r > 0.85 ? 1 : 0)));
          break;
        case 'number':
          if (typeof v === 'number') {
            let x = round(v * (0.75 + r * 0.5), 1);
            if (f.min !== undefined) x = Math.max(f.min, x);
            if (f.max !== undefined) x = Math.min(f.max, x);
            setPath(data, f.path, x);
          }
          break;
        case 'bool':
          if (typeof v === 'boolean' && r < 0.1) setPath(data, f.path, !v);
          break;
        case 'enum':
          if (r < 0.1 && f.values?.length) setPath(data, f.path, f.values[Math.floor(random() * f.values.length)]);
          break;
        default:
          break;
      }
    }
    const id = `u${String(k).padStart(6, '0')}`;
    out.push({ id, source: `${id}.json`, data });
  }
  return out;
}

const EVIDENCE_VERSION = 'v1';

/**
 * A folder of `n` synthetic evidence files (pretty-printed like the example's), generated once and
 * reused by later runs (a `.complete` marker records what it holds).
 */
export function evidenceDir(model: Model, n: number): string {
  const dir = path.join(TMP, `evidence-${n}-${EVIDENCE_VERSION}`);
  const marker = path.join(dir, '.complete');
  const want = `${n} ${EVIDENCE_VERSION}`;
  if (fs.existsSync(marker) && readText(marker) === want) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  ensureDir(dir);
  for (const u of syntheticUnits(model, cities(), n)) {
    fs.writeFileSync(path.join(dir, `${u.id}.json`), `${JSON.stringify(u.data, null, 2)}\n`);
  }
  fs.writeFileSync(marker, want);
  return dir;
}

// ---- long rules files ----

export interface LongFile {
  text: string;
  lines: number;
  parts: number;
  indicators: number;
}

/**
 * A valid rules file of about `targetLines` lines: the 2022 file's header (evaluation, preview, evidence,
 * grades, groups, scenarios), then `parts` copies of its scored indicator tree, each wrapped in
 * `indicator partK … weight W` (weights summing to 100) with its top-level ids and its finding ids
 * renamed, then the observed scenario and the top-level findings once. The tests are left out (they name
 * the original paths).
 */
export function longRules(targetLines: number, forceParts?: number): LongFile {
  const lines = readText(RULES_2022).split('\n');
  const at = (re: RegExp) => {
    const i = lines.findIndex((l) => re.test(l));
    if (i < 0) throw new Error(`marker ${re} not found in rules.rubric`);
    return i;
  };
  const firstIndicator = at(/^indicator guide\b/);
  const goodPractices = at(/^\/\/ Good practices/);
  const temp = at(/^\/\/ 居民临时身份证办理/);
  const tests = at(/^\/\/ Tests/);
  const header = lines.slice(0, firstIndicator);
  const scored = lines.slice(firstIndicator, goodPractices);
  // The top-level findings and the observed scenario, up to the separator before the tests.
  const tail = lines.slice(goodPractices, tests - 1);
  if (temp < goodPractices || temp > tests) throw new Error('rules.rubric: the observed scenario is not between the findings and the tests');
  const fixed = header.length + tail.length + 1;
  const perPart = scored.length + 2;
  const parts = forceParts ?? Math.max(1, Math.round((targetLines - fixed) / perPart));
  // Weights in units of 1e-4, summing to exactly 100.
  const unit = 1_000_000;
  const base = Math.floor(unit / parts);
  const weights = Array.from({ length: parts }, (_, k) => (k === parts - 1 ? unit - base * (parts - 1) : base));
  const out = [...header];
  for (let k = 0; k < parts; k++) {
    const w = (weights[k]! / 10_000).toFixed(4).replace(/\.?0+$/, '');
    out.push(`indicator part${k} "第 ${k + 1} 部分" weight ${w} scenario drug_licence {`);
    for (const l of scored) {
      const renamed = l
        .replace(/^indicator (guide|tech|handling|interaction)\b/, `indicator $1_${k}`)
        .replace(/ scenario drug_licence/, '')
        .replace(/\bfinding (\w+)/g, `finding $1_${k}`);
      out.push(renamed === '' ? '' : `  ${renamed}`);
    }
    out.push('}');
  }
  out.push(...tail, '');
  const text = out.join('\n');
  return { text, lines: out.length, parts, indicators: parts * 23 + 5 };
}

// ---- edits the editor benchmark types ----

/** Constant edit number `i`: two sibling weights move together (the file stays valid; numbers only). */
export function weightEdit(text: string, i: number): string {
  const d = (i % 20) + 1;
  const a = /indicator accessibility "可及性" weight 25/;
  const b = /indicator mobile "移动端" weight 25/;
  if (!a.test(text) || !b.test(text)) throw new Error('weight edit: the tech weights are not where expected');
  return text.replace(a, `indicator accessibility "可及性" weight ${25 + d}`).replace(b, `indicator mobile "移动端" weight ${25 - d}`);
}

/** A single weight typed alone: the siblings no longer sum to 100, an error; the preview stays as it was. */
export function brokenWeightEdit(text: string, i: number): string {
  return text.replace(/indicator accessibility "可及性" weight 25/, `indicator accessibility "可及性" weight ${26 + (i % 9)}`);
}

const CONDITIONS: string[] = (() => {
  const fields: [string, string][] = [
    ['site.load_seconds', '8'], ['guide.errors', '1'], ['forms.extra', '1'], ['temp_id.visits', '1'],
    ['site.reachable', '0.5'], ['site.valid_links', '0.5'], ['mobile.coverage', '0.5'], ['survey.satisfaction', '0.5'],
    ['licence.online_steps', '0.5'], ['guide.elements', '0.5'],
  ];
  const ops = ['>', '<', '>=', '<='];
  return fields.flatMap(([f, c]) => ops.map((op) => `${f} ${op} ${c}`));
})();

/** How many distinct structures `structuralEdit` cycles through (more than the core's 16 cached compiled functions). */
export const STRUCTURAL_VARIANTS = CONDITIONS.length;

/**
 * Structural edit number `i`: the condition of the finding `page_stalls` becomes one of 40 conditions of
 * different fields and operators, so the generated code changes and is compiled anew.
 */
export function structuralEdit(text: string, i: number): string {
  const re = /finding page_stalls "([^"]*)" when site\.load_seconds > 8/;
  if (!re.test(text)) throw new Error('structural edit: the finding page_stalls is not where expected');
  return text.replace(re, (_m, msg: string) => `finding page_stalls "${msg}" when ${CONDITIONS[i % CONDITIONS.length]}`);
}

const FORMULAS: string[] = (() => {
  const ratios = ['site.reachable', 'site.valid_links', 'mobile.coverage', 'guide.elements', 'licence.online_steps', 'survey.satisfaction'];
  return ratios.flatMap((a) => ratios.filter((b) => b !== a).map((b) => `50 * ${a} + 50 * ${b}`));
})();

/** How many distinct formulas `formulaEdit` cycles through (more than the core's 16 cached compiled functions). */
export const FORMULA_VARIANTS = FORMULAS.length;

/**
 * Structural edit number `i` inside an indicator: the formula of `tech.accessibility` becomes one of 30
 * sums of two ratio fields, so the indicators' own generated code changes and is compiled anew.
 */
export function formulaEdit(text: string, i: number): string {
  const re = /indicator accessibility "可及性" weight 25 \{ score = 100 \* site\.reachable \}/;
  if (!re.test(text)) throw new Error('formula edit: the formula of tech.accessibility is not where expected');
  return text.replace(re, `indicator accessibility "可及性" weight 25 { score = ${FORMULAS[i % FORMULAS.length]} }`);
}
