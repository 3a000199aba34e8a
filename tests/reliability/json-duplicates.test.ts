/**
 * The duplicate-key check of JSON evidence (cli/src/evidence/duplicate-keys.ts) against a model: JSON
 * texts rendered from trees whose objects may repeat keys, with random spacing and keys and texts full of
 * quotes, colons, backslashes and escapes. Every repeated key is found with its path and count, none is
 * invented, and JSON.stringify output (which cannot repeat a key) never takes the slow path's answer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { duplicateKeysOfJson, mayHaveDuplicateKeys } from '@rubric/cli/evidence/duplicate-keys';

const RUNS = Number(process.env['NUMBER_RUNS'] ?? 300);
const SEED = process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {};

type Tree = { leaf: unknown } | { obj: [string, Tree][] } | { arr: Tree[] };

const key = fc.oneof(fc.constantFrom('a', 'b', 'region', '__proto__', 'x"y', 'a:b', '":', '\\', 'é', ''), fc.string({ maxLength: 4 }));
const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 6 }), fc.constantFrom('":', '" :', 'a\\"', '\\', ':'));
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf.map((l) => ({ leaf: l })),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((obj) => ({ obj })),
    fc.array(tie('tree'), { maxLength: 4 }).map((arr) => ({ arr }))),
}));
const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');

function render(t: Tree, gaps: string[]): string {
  let g = 0;
  const gap = () => gaps[g++ % gaps.length]!;
  const go = (n: Tree): string => {
    if ('leaf' in n) return JSON.stringify(n.leaf);
    if ('arr' in n) return `[${gap()}${n.arr.map(go).join(`${gap()},${gap()}`)}${gap()}]`;
    return `{${gap()}${n.obj.map(([k, v]) => `${JSON.stringify(k)}${gap()}:${gap()}${go(v)}`).join(`${gap()},${gap()}`)}${gap()}}`;
  };
  return go(t);
}

/** The model: every object's keys written more than once, as `path key ×count`. */
function repeated(t: Tree, at: string[] = [], out: string[] = []): string[] {
  if ('arr' in t) t.arr.forEach((x, i) => repeated(x, at.length ? [...at.slice(0, -1), `${at[at.length - 1]}[${i}]`] : [`[${i}]`], out));
  if ('obj' in t) {
    const counts = new Map<string, number>();
    for (const [k, v] of t.obj) {
      counts.set(k, (counts.get(k) ?? 0) + 1);
      repeated(v, [...at, k], out);
    }
    for (const [k, n] of counts) if (n > 1) out.push(`${[...at, k].join('.')} ×${n}`);
  }
  return out;
}

describe('JSON keys written twice', () => {
  it('are found with their path and count, and none is invented', () => {
    fc.assert(fc.property(tree, fc.array(space, { minLength: 1, maxLength: 5 }), (t, gaps) => {
      const text = render(t, gaps);
      const value = JSON.parse(text) as unknown;
      const want = repeated(t).sort();
      const found = duplicateKeysOfJson(text).keys.map((d) => `${d.path.join('.')} ×${d.lines.length}`).sort();
      if (want.length <= 20) expect(found).toEqual(want);
      if (want.length) expect(mayHaveDuplicateKeys(text, value)).toBe(true);
    }), { numRuns: RUNS, ...SEED });
  });

  it('JSON.stringify output passes the cheap check (as pretty-printed evidence does)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (v, indent) => {
      const text = JSON.stringify(v, null, indent);
      const found = duplicateKeysOfJson(text).keys;
      expect(found).toEqual([]);
      // Only a colon inside a key or text can make the cheap check unsure.
      const strings = text.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
      if (!strings.some((s) => s.slice(1, -1).includes(':'))) expect(mayHaveDuplicateKeys(text, JSON.parse(text))).toBe(false);
    }), { numRuns: RUNS, ...SEED });
  });

  it('lines are counted as the text has them, and deep nesting is fine', () => {
    expect(duplicateKeysOfJson('{\n"a": 1,\r\n"b": "x\\ny",\n\n"a": 2}').keys).toEqual([{ path: ['a'], lines: [2, 5], at: 25 }]);
    const deep = `${'{"k":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    expect(mayHaveDuplicateKeys(deep, JSON.parse(deep))).toBe(false);
    const deepTwice = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    const found = duplicateKeysOfJson(deepTwice).keys;
    expect(found).toHaveLength(1);
    expect(found[0]!.path.join('.')).toBe(`${'[0]'.repeat(100_000)}.a`);
  });

  // Regression, fixed — found by the property above (seed 1995512419): a key written `[` was taken for a list
  // index and glued to the key before it, so the path lost a level.
  it('a key that looks like a list index is still a key of its own', () => {
    const found = duplicateKeysOfJson('{"": {"": {"[": {"a:b": "", "a:b": false}}}, "l": [{"[1]": {"x": 1, "x": 2}}]}').keys;
    expect(found.map((d) => d.path)).toEqual([['', '', '[', 'a:b'], ['l[0]', '[1]', 'x']]);
  });
});
