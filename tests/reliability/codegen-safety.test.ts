/**
 * Generated code and reports are safe: labels, messages, descriptions and test names holding quotes,
 * backslashes, backticks, `${…}`, `</script>`, comment markers and U+2028/U+2029 cannot break out of the
 * emitted engine (`rubric compile` output imports and gives the same results as the in-memory engine and
 * the evaluator) nor out of report.html; the emitted engine contains no eval or new Function.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, evaluate, generateEngine, instantiateEngine, runTests, validateEvidence, type Model, type Results } from '@rubric/core';
import { ROOT } from '../helpers/fixtures.js';
import { noStack, rubric, tmp, removeTemps } from './cli.js';

const NASTY = ['"', '\\', '`', '${process.exit(7)}', '`+process.exit(7)+`', '</script><script>process.exit(7)</script>', '\u2028', '\u2029',
  "'", '*/', '/*', '<!--', '-->', ']]>', '\u0000', '<img src=x onerror=alert(1)>', '&amp;', '\u202e', '\ud800', 'a\\nb'];

/** A rules-language string literal holding `s` exactly. */
function lit(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function rulesWith(label: (i: number) => string): string {
  let i = 0;
  const l = () => lit(label(i++));
  return `evaluation safe ${l()} { year 2024 scale 0..100 round 2 half-up }
evidence {
  region: enum(东部, 西部, west_1) ${l()}
  site.reachable: ratio ${l()}
  docs.count: count missing zero ${l()}
  days: number >= 0 <= 30 missing exclude ${l()}
}
grades { 优秀 >= 90  良好 >= 60  较差 otherwise }
group region ${l()}
scenario s1 ${l()}
scenario obs ${l()} observed
finding top_level ${l()} when site.reachable > 0.9
indicator tech ${l()} weight 60 scenario s1 {
  indicator reach ${l()} weight 50 { check site.reachable > 0.5 else finding unreachable ${l()} }
  indicator docs ${l()} weight 50 {
    start 100
    deduct 10 per docs.count max 50 finding many_docs ${l()}
    add 5 when region == 东部 finding east ${l()} good
  }
}
indicator speed ${l()} weight 40 { score = band days { <= 3 => 100, <= 10 => 60, otherwise => 0 } }
indicator watch ${l()} observed scenario obs { score = 100 * site.reachable }
test ${l()} { given { region: 东部, site.reachable: 1, docs.count: 0, days: 1 } expect score == 100 }
test ${lit(`child ${label(999)}`)} extends ${lit(label(i - 1))} { given { days: null } expect score == 100 }
`;
}

const EVIDENCE = [
  { id: 'a', evidence: { region: '东部', site: { reachable: 1 }, docs: { count: 0 }, days: 1, name: NASTY.join(' ') } },
  { id: 'b', evidence: { region: '西部', site: { reachable: 0.3 }, docs: { count: 3 }, days: null, name: '</script>' } },
  { id: 'c', evidence: { region: 'west_1', site: { reachable: 0.95 }, days: 12 } },
];

let dir: string;

afterAll(removeTemps);

beforeAll(() => {
  dir = tmp('rubric-codegen-');
  // The compiled engine needs only zod, found through node_modules as in a user's project.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
});

function model(text: string): Model {
  const a = analyze(text);
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return a.model;
}

describe('strings that look like code', () => {
  /** Every variant's engine, emitted, then imported together by one fresh process. */
  function importAll(files: string[]): Results[] {
    const runner = path.join(dir, `run-${files.length}-${Date.now()}.mjs`);
    fs.writeFileSync(runner, `const out = [];
for (const f of ${JSON.stringify(files.map((f) => `./${path.basename(f)}`))}) { const { run } = await import(f); out.push(run(${JSON.stringify(EVIDENCE)})); }
process.stdout.write(JSON.stringify(out));`);
    const r = spawnSync(process.execPath, [runner], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Results[];
  }

  it('in every label, message, description and test name: the emitted module imports and agrees with the in-memory engine and the evaluator', () => {
    const files: string[] = [];
    const expected: string[] = [];
    for (const [k, s] of NASTY.entries()) {
      const file = path.join(dir, `rules-${k}.rubric`);
      fs.writeFileSync(file, rulesWith((i) => `${i}:${s}:${i}`));
      // Read back: a lone surrogate cannot be stored in UTF-8 and comes back as U+FFFD, as in any editor.
      const text = fs.readFileSync(file, 'utf8');
      const m = model(text);
      expect(m.evaluation.label, JSON.stringify(s)).toBe(`0:${s.replace(/[\ud800-\udfff]/g, '\ufffd')}:0`);
      const validated = validateEvidence(m, EVIDENCE.map((u) => ({ id: u.id, source: `${u.id}.json`, data: u.evidence })));
      expect(validated.problems).toEqual([]);
      const inMemory = JSON.stringify(instantiateEngine(m).run(EVIDENCE));
      expect(inMemory, JSON.stringify(s)).toBe(JSON.stringify(evaluate(m, validated.units)));
      expect(runTests(m).map((t) => [t.name, t.passed])).toEqual(m.tests.map((t) => [t.name, true]));
      const code = generateEngine(m);
      expect(code).not.toMatch(/\beval\s*\(|new\s+Function|\bFunction\s*\(/);
      expect(code.match(/^import .*$/gm)).toEqual(["import { z } from 'zod';"]);
      expect(code).not.toMatch(/[\u2028\u2029]/);
      const engine = path.join(dir, `engine-${k}.mjs`);
      fs.writeFileSync(engine, code);
      files.push(engine);
      expected.push(inMemory);
    }
    const results = importAll(files);
    results.forEach((r, k) => expect(JSON.stringify(r), JSON.stringify(NASTY[k])).toBe(expected[k]));
  });

  it('rubric compile, with all of them at once, imports and gives the same results', () => {
    const file = path.join(dir, 'all.rubric');
    fs.writeFileSync(file, rulesWith((i) => `${i}:${NASTY.join('|')}:${i}`));
    const m = model(fs.readFileSync(file, 'utf8'));
    const engine = path.join(dir, 'all-engine.mjs');
    const c = rubric(['compile', file, '-o', engine]);
    noStack(c);
    expect(c.code, c.err).toBe(0);
    expect(fs.readFileSync(engine, 'utf8')).not.toMatch(/\beval\s*\(|new\s+Function/);
    expect(JSON.stringify(importAll([engine])[0])).toBe(JSON.stringify(instantiateEngine(m).run(EVIDENCE)));
  });

  it('the same engine body whatever the strings: they are data, not code', async () => {
    const { engineParts } = await import('@rubric/core');
    const plain = engineParts(model(rulesWith((i) => `label ${i}`))).body;
    for (const s of NASTY) expect(engineParts(model(rulesWith((i) => `${i}:${s}`))).body).toBe(plain);
  });

});

describe('report.html', () => {
  it('escapes every label and unit name: no script, the same tags as with plain labels', async (ctx) => {
    const report = await import('@rubric/report').catch(() => undefined) as { renderReport?: (r: Results, o?: { lang?: 'zh' | 'en' }) => string } | undefined;
    if (!report?.renderReport) { ctx.skip(); return; } // report/ not built yet
    const render = (label: (i: number) => string, names: boolean) => {
      const m = model(rulesWith(label));
      const units = EVIDENCE.map((u) => ({ ...u, evidence: { ...u.evidence, name: names ? u.evidence.name : u.id } }));
      return report.renderReport!(instantiateEngine(m).run(units), { lang: 'en' });
    };
    const tags = (html: string) => [...new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((x) => x[1]!.toLowerCase()))].sort();
    const plain = render((i) => `label ${i}`, false);
    for (const s of NASTY) {
      const html = render((i) => `${i}:${s}:${i}`, true);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img src=x/i);
      expect(html).not.toContain('<!--');
      expect(tags(html), JSON.stringify(s)).toEqual(tags(plain));
    }
  });
});
