/**
 * Evidence through the real CLI (JSON, YAML, CSV): every problem of every file at once, each naming file,
 * unit, field path, what was expected and what was found; nothing written on invalid evidence; NaN,
 * Infinity, -0 and numbers written as text rejected; evidence is data, never executed — code-like
 * strings come out verbatim, `__proto__` keys do nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, evaluate, instantiateEngine, validateEvidence } from '@rubric/core';
import { evidenceWorkspace, noStack, rubric, snapshot } from './cli.js';

// The rules both evidence tests score with (the other: cli-evidence-places.test.ts).
const RULES = fs.readFileSync(path.join(import.meta.dirname, 'evidence.rubric'), 'utf8');

const ws = evidenceWorkspace(RULES);
const { rules, folder } = ws;

/** The "billion laughs": nine levels of nine aliases. */
function yamlBomb(): string {
  let y = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n';
  let prev = 'a';
  for (let i = 0; i < 9; i++) { y += `l${i}: &l${i} [${Array(9).fill(`*${prev}`).join(', ')}]\n`; prev = `l${i}`; }
  return `${y}region: east\n`;
}

const VALID = { region: 'east', site: { reachable: 0.5 }, docs: { count: 1 }, rating: 80 };


describe('invalid evidence: every problem at once, nothing written', () => {
  it('JSON, YAML and CSV, with NaN, ±Infinity, -0 and numbers as text', () => {
    const ev = folder('bad', {
      'a.json': '{"region": "east", "site": {"reachable": 1e999}, "docs": {"count": -0}, "rating": "80"}',
      'b.yaml': 'region: east\nsite:\n  reachable: .nan\ndocs:\n  count: .inf\nrating: -.inf\n',
      'c.yml': 'region: north\nsite: {reachable: "0.5"}\ndocs: {count: 1.5}\n',
      'd.json': '{"region": "east", ',
      'e.csv': 'id,region,site.reachable,docs.count,rating\ne1,east,NaN,1,80\ne2,west,0.5,-0,Infinity\ne3,east,0.5,1,1e999\n',
      'f.json': JSON.stringify(VALID),
      'h.yaml': yamlBomb(),
      'i.json': `{"region": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    });
    // A previous run's results in --out must survive a failed run untouched.
    const out = path.join(ws.dir(), 'out-bad');
    const good = folder('good', { 'f.json': JSON.stringify(VALID), 'g.yaml': 'region: west\nsite: {reachable: 1}\ndocs: {count: 0}\nrating: 100\n' });
    expect(rubric(['run', rules(), '--evidence', good, '--out', out]).code).toBe(0);
    const before = snapshot(out);

    const r = rubric(['run', rules(), '--evidence', ev, '--out', out]);
    noStack(r);
    expect(r.code).toBe(1);
    const expected = [
      'a.json: error: unit a: `site.reachable`: expected a ratio from 0 to 1, found Infinity',
      'a.json: error: unit a: `docs.count`: expected a whole number ≥ 0, found -0',
      'a.json: error: unit a: `rating`: expected a number from 0 to 100, found the text "80"',
      'b.yaml: error: unit b: `site.reachable`: expected a ratio from 0 to 1, found NaN',
      'b.yaml: error: unit b: `docs.count`: expected a whole number ≥ 0, found Infinity',
      'b.yaml: error: unit b: `rating`: expected a number from 0 to 100, found -Infinity',
      'c.yml: error: unit c: `region`: expected one of east, west, found the text "north"',
      'c.yml: error: unit c: `site.reachable`: expected a ratio from 0 to 1, found the text "0.5"',
      'c.yml: error: unit c: `docs.count`: expected a whole number ≥ 0, found 1.5',
      'c.yml: error: unit c: `rating` is missing',
      'd.json: error: unit d: invalid JSON',
      'e.csv row 2: error: unit e1: `site.reachable`',
      'e.csv row 3: error: unit e2: `rating`',
      'e.csv row 3: error: unit e2: `docs.count`',
      'e.csv row 4: error: unit e3: `rating`',
      'h.yaml: error: unit h:',
      'i.json: error: unit i: `region`: expected one of east, west, found a list',
    ];
    for (const line of expected) expect(r.err, line).toContain(line);
    expect(r.err).not.toContain('unit f:');
    expect(r.err).toMatch(/20 evidence problems; nothing was written/);
    expect(r.err).toMatch(/h\.yaml: error: unit h: .*(alias|resource)/i);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const fresh = path.join(ws.dir(), 'never-created');
    expect(rubric(['run', rules(), '--evidence', ev, '--out', fresh]).code).toBe(1);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  // Regression, fixed — formerly a bug (cli/src/evidence/load.ts tableUnits): a table row with one malformed cell (text where a number
  // belongs) is dropped before validation, so its other problems — here `docs.count` = -0 — are reported
  // only on the next run, after the first is fixed.
  it('a CSV row with a malformed cell still has all its other problems reported', () => {
    const ev = folder('bad-row', { 'e.csv': 'id,region,site.reachable,docs.count,rating\ne2,west,0.5,-0,Infinity\n' });
    const r = rubric(['run', rules(), '--evidence', ev, '--out', path.join(ws.dir(), 'out-bad-row')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('e.csv row 2: error: unit e2: `rating`');
    expect(r.err).toContain('e.csv row 2: error: unit e2: `docs.count`');
  });

  it('a table with an unknown column, a repeated id and a bad cell lists all three; a short row is named by its line', () => {
    const ev = folder('table-mix', {
      'e.csv': 'id,region,site.reachable,docs.count,rating,bogus\ne1,east,0.5,1,80,x\ne1,west,two,1,80,x\ne3,east\n',
    });
    const r = rubric(['run', rules(), '--evidence', ev, '--out', path.join(ws.dir(), 'out-table-mix')]);
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.err).toContain('e.csv: error: the column `bogus` is not an evidence field of these rules');
    expect(r.err).toContain('e.csv row 3: error: unit e1: the unit id `e1` is used twice (also by ' );
    expect(r.err).toContain('e.csv row 3: error: unit e1: `site.reachable`: expected a ratio from 0 to 1, found the text "two"');
    expect(r.err).toContain('e.csv row 4: error: unit e3: the row has 2 cells but the header names 6 columns');
    expect(fs.existsSync(path.join(ws.dir(), 'out-table-mix'))).toBe(false);
  });

  it('a table with a header and no rows is refused, not scored as a mean of 0', () => {
    const ev = folder('header-only', { 'e.csv': 'id,region,site.reachable,docs.count,rating\n' });
    const r = rubric(['run', rules(), '--evidence', ev, '--out', path.join(ws.dir(), 'out-header-only')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('e.csv: error: the table has a header but no rows; add a row per unit');
    expect(fs.existsSync(path.join(ws.dir(), 'out-header-only'))).toBe(false);
  });

  it('a file that is not a workbook, and broken YAML, are named with what to do', () => {
    const ev = folder('broken-files', { 'e.xlsx': 'not a zip', 'u.yaml': 'region: east\nsite: [1, 2\nrating: 3\n' });
    const r = rubric(['run', rules(), '--evidence', ev, '--out', path.join(ws.dir(), 'out-broken')]);
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.err).toContain('e.xlsx: error: cannot read it as an Excel workbook: it is not a zip archive, as every .xlsx file is; save it again from Excel as .xlsx, or export it as CSV');
    expect(r.err).toMatch(/u\.yaml: error: unit u: invalid YAML: .* at line 3, column 1; correct the file's syntax there/);
  });
});

describe('keys written twice', () => {
  // Formerly accepted silently (JSON.parse keeps the last value): a methodologist who pasted a field twice
  // saw one of two contradictory values scored without a word. YAML refused them already, without a path.
  const pretty = (o: unknown) => JSON.stringify(o, null, 2);
  const files = {
    'a.json': pretty(VALID).replace('"rating": 80', '"rating": 80,\n  "rating": 20'),
    'b.json': '{"region": "east", "site": {"reachable": 0.5, "reachable": 1}, "docs": {"count": 1}, "rating": 80, "region": "west"}',
    'c.json': `{\n  "region": "east",\n  "site": {"reachable": 0.5},\n  "docs": {\n    "count": 1,\n    "count": 2,\n    "count": 3\n  },\n  "rating": 80\n}`,
    'd.yaml': 'region: east\nsite:\n  reachable: 0.5\n  reachable: 1\ndocs: {count: 1}\nrating: 80\n',
    'e.csv': 'id,region,site.reachable,docs.count,rating,rating\ne1,east,0.5,1,80,20\n',
    // Not duplicates: text values that look like keys, and keys spaced out from their colons.
    'f.json': JSON.stringify({ ...VALID, name: '"rating": 1, "x":', note: 'a": "b' }),
    'g.json': '{ "region" : "east", "site" : { "reachable" :0.5 }, "docs"\t:{"count":1}, "rating"\n:\n80 }',
  };
  const expected = [
    'a.json: error: unit a: the key `rating` appears twice in the file (lines 9 and 10); keep one',
    'b.json: error: unit b: the key `reachable` appears twice in `site` (both on line 1); keep one; the key `region` appears twice in the file (both on line 1); keep one',
    'c.json: error: unit c: the key `count` appears 3 times in `docs` (lines 5, 6 and 7); keep one',
    'd.yaml: error: unit d: the key `reachable` appears twice in `site` (lines 3 and 4); keep one',
    'e.csv: error: the column `rating` appears twice (columns 5 and 6); keep one',
  ];

  it('rubric run names each repeated key, its path and lines, and writes nothing', () => {
    const ev = folder('twice', files);
    const out = path.join(ws.dir(), 'out-twice');
    const r = rubric(['run', rules(), '--evidence', ev, '--out', out]);
    noStack(r);
    expect(r.code).toBe(1);
    for (const line of expected) expect(r.err, line).toContain(line);
    expect(r.err).not.toMatch(/unit [fg]:/);
    expect(r.err).toContain('5 evidence problems; nothing was written');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('the shared loader (rubric diff, uncertainty, the editor\'s preview) gives one problem per key, with its field path', async () => {
    const { loadEvidence } = await import('@rubric/cli/evidence/load');
    const ev = folder('twice-loader', files);
    const loaded = await loadEvidence([ev], analyze(RULES).model);
    const found = loaded.problems.map((p) => `${path.basename(p.source)} ${p.unit} [${p.field}] ${p.message}`);
    expect(found).toEqual([
      'a.json a [rating] the key `rating` appears twice in the file (lines 9 and 10); keep one',
      'b.json b [site.reachable] the key `reachable` appears twice in `site` (both on line 1); keep one',
      'b.json b [region] the key `region` appears twice in the file (both on line 1); keep one',
      'c.json c [docs.count] the key `count` appears 3 times in `docs` (lines 5, 6 and 7); keep one',
      'd.yaml d [site.reachable] the key `reachable` appears twice in `site` (lines 3 and 4); keep one',
      'e.csv  [rating] the column `rating` appears twice (columns 5 and 6); keep one',
    ]);
    // The table's rows are still read (the repeated column by its first copy) so their other problems show too;
    // the problem above keeps every command from scoring them.
    expect(loaded.units.map((u) => u.id)).toEqual(['e1', 'f', 'g']);
  });

  it('rubric diff refuses them too', () => {
    const ev = folder('twice-diff', { 'a.json': files['a.json'], 'f.json': files['f.json'] });
    const r = rubric(['diff', rules(), rules(), '--evidence', ev]);
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain('a.json: error: unit a: the key `rating` appears twice in the file (lines 9 and 10); keep one');
  });
});

describe('evidence is data', () => {
  const nasty = ['"); process.exit(3); ("', "'); process.exit(3); ('", '`${process.exit(3)}`', '</script><script>process.exit(3)</script>', '<!--', '\\u0000\\', 'a\u2028b\u2029c', '{{constructor.constructor("process.exit(3)")()}}', '\u202e right-to-left'];

  it('code-like names and texts are published verbatim and never run', () => {
    const files: Record<string, string> = {};
    nasty.forEach((s, i) => { files[`u${i}.json`] = JSON.stringify({ ...VALID, name: s, note: s }); });
    files['v.yaml'] = `region: west\nname: "${'"); process.exit(3); ("'.replace(/"/g, '\\"')}"\nsite: {reachable: 1}\ndocs: {count: 0}\nrating: 100\nnote: "\${process.exit(3)}"\n`;
    const ev = folder('nasty', files);
    const out = path.join(ws.dir(), 'out-nasty');
    const r = rubric(['run', rules(), '--evidence', ev, '--out', out]);
    noStack(r);
    expect(r.code).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as { units: { id: string; name: string }[] };
    for (const [i, s] of nasty.entries()) expect(results.units.find((u) => u.id === `u${i}`)?.name).toBe(s);
    expect(results.units.find((u) => u.id === 'v')?.name).toBe('"); process.exit(3); ("');
    if (fs.existsSync(path.join(out, 'report.html'))) {
      const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
      expect(html).not.toContain('<script>process.exit(3)</script>');
      expect(html).not.toContain('</script><script>process');
    }
  });

  it('`__proto__` and `constructor` keys in JSON and YAML are unknown fields, nothing more', () => {
    const ev = folder('proto', {
      'p.json': JSON.stringify({ ...VALID }).replace(/^\{/, '{"__proto__": {"note": "INJECTED", "polluted": true}, '),
      'q.json': JSON.stringify({ ...VALID, constructor: { prototype: { note: 'INJECTED' } } }),
      'r.yaml': '__proto__:\n  note: INJECTED\nregion: east\nsite: {reachable: 0.5}\ndocs: {count: 1}\nrating: 80\n',
      's.json': JSON.stringify(VALID),
    });
    const r = rubric(['run', rules(), '--evidence', ev, '--out', path.join(ws.dir(), 'out-proto')]);
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain('p.json: error: unit p: `__proto__` is not an evidence field');
    expect(r.err).toContain('q.json: error: unit q: `constructor` is not an evidence field');
    expect(r.err).toContain('r.yaml: error: unit r: `__proto__` is not an evidence field');
    expect(r.err).not.toContain('unit s');
  });

  // Regression, fixed — formerly a bug (cli/src/evidence/load.ts tableUnits): a CSV/XLSX column is split on dots and written with
  // `node[part] ??= {}`, so a column `__proto__.note` writes `note` into Object.prototype of the CLI
  // process: the column is not reported as unknown, and every unit without a `note` of its own (here u1,
  // whose row leaves it out) reads "INJECTED" — its finding `noted` is raised.
  it('a CSV column `__proto__.note` is an unknown field, and changes no unit', () => {
    const ev = folder('proto-csv', { 't.csv': 'id,region,site.reachable,docs.count,rating,__proto__.note\nu1,east,0.5,1,80,INJECTED\n' });
    const r = rubric(['run', rules(), '--evidence', ev, '--out', path.join(ws.dir(), 'out-proto-csv')]);
    noStack(r);
    expect(r.err).toContain('`__proto__.note` is not an evidence field');
    expect(r.code).toBe(1);
  });
});

describe('empty texts', () => {
  // Regression, fixed — formerly a bug (core/src/runtime/evidence.ts EvidenceRules.flatten, and the engine vs the evaluator): a required
  // `text` field given as "" passes validation, is flattened to null (missing), and then the engine and
  // the evaluator disagree — `t != "q"` fires in the engine, not in the evaluator — and a group by it is
  // published as the value "null". Either "" is rejected as missing (as an empty table cell is), or it
  // is kept as the text "".
  it('a required text given as "" is rejected, or kept as ""; engine and evaluator agree', () => {
    const a = analyze(`evaluation t "T" { year 2024 scale 0..100 round 2 half-up }
evidence { t: text  r: ratio }
grades { top >= 50 rest otherwise }
group t
finding notq "t is not q" when t != "q"
indicator i "I" weight 100 { score = 100 * r }`);
    const v = validateEvidence(a.model, [{ id: 'u', source: 'u.json', data: { t: '', r: 0.5 } }]);
    if (v.problems.length) { expect(v.problems[0]!.field).toBe('t'); return; }
    const e = evaluate(a.model, v.units);
    const g = instantiateEngine(a.model).runValidated(v.units);
    expect(JSON.stringify(g)).toBe(JSON.stringify(e));
    expect(Object.keys(e.groups['t']!)).toEqual(['']);
  });
});
