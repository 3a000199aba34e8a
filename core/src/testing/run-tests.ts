/**
 * Runs a file's `test` blocks through the generated engine (what the yearly run executes): each test's
 * evidence (merged along `extends`) is validated like a unit's, scored alone, and its expectations checked.
 */
import { Q } from '../numeric/exact.js';
import type { Model, TestCase, TestExpectation, TestValue } from '../model/model.js';
import { validateEvidence } from '../evidence/validate.js';
import { instantiateEngine } from '../codegen/instantiate.js';
import type { Span } from '@rubric/grammar';

export interface TestOutcome {
  name: string;
  span: Span;
  passed: boolean;
  /** One line per failed expectation (or the evidence problem that stopped the test). */
  failures: { message: string; span: Span }[];
}

function given(test: TestCase, byName: Map<string, TestCase>): Record<string, TestValue> {
  const chain: TestCase[] = [];
  for (let t: TestCase | undefined = test; t && !chain.includes(t); t = t.extends ? byName.get(t.extends) : undefined) chain.unshift(t);
  return Object.assign({}, ...chain.map((t) => t.given));
}

function nest(flat: Record<string, TestValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = Array.isArray(v) ? Q.toNumber(v as never) : v;
  }
  return out;
}

function compare(actual: number, op: NonNullable<TestExpectation['op']>, expected: TestValue): boolean {
  const c = Q.cmp(Q.fromNumber(actual), expected as never);
  switch (op) {
    case '==': return c === 0; case '!=': return c !== 0; case '<': return c < 0;
    case '<=': return c <= 0; case '>': return c > 0; default: return c >= 0;
  }
}

export function runTests(model: Model): TestOutcome[] {
  if (model.tests.length === 0) return [];
  const engine = instantiateEngine(model);
  const byName = new Map(model.tests.map((t) => [t.name, t]));
  return model.tests.map((test) => {
    const failures: TestOutcome['failures'] = [];
    const { units, problems } = validateEvidence(model, [{ id: 'test', source: `test "${test.name}"`, data: nest(given(test, byName)) }]);
    if (problems.length) {
      return { name: test.name, span: test.span, passed: false, failures: problems.map((p) => ({ message: `evidence: ${p.message}`, span: test.span })) };
    }
    let unit;
    try {
      unit = engine.runValidated(units).units[0]!;
    } catch (e) {
      return { name: test.name, span: test.span, passed: false, failures: [{ message: (e as Error).message, span: test.span }] };
    }
    const defects = unit.findings.filter((id) => model.findings.find((f) => f.id === id)?.kind !== 'good');
    for (const x of test.expects) {
      let ok: boolean;
      let actual: string;
      switch (x.kind) {
        case 'score': ok = compare(unit.score, x.op!, x.value!); actual = `score is ${unit.score}`; break;
        case 'grade': ok = (unit.grade === x.value) === (x.op === '=='); actual = `grade is ${unit.grade}`; break;
        case 'indicator': {
          const v = unit.indicators[x.target!];
          ok = v !== null && v !== undefined && compare(v, x.op!, x.value!);
          actual = v === null ? `${x.target} is excluded` : `${x.target} is ${v}`;
          break;
        }
        case 'finding': ok = unit.findings.includes(x.target!); actual = ok ? `${x.target} is found` : `${x.target} is not found (found: ${unit.findings.join(', ') || 'none'})`; break;
        case 'anyFinding': ok = defects.length > 0; actual = `found: ${defects.join(', ') || 'none'}`; break;
        case 'excluded': ok = unit.excluded.includes(x.target!); actual = ok ? `${x.target} is excluded` : `${x.target} is not excluded`; break;
      }
      if (x.negated) ok = !ok;
      if (!ok) failures.push({ message: `expected ${x.source.replace(/^expect\s+/, '')}, but ${actual}`, span: x.span });
    }
    return { name: test.name, span: test.span, passed: failures.length === 0, failures };
  });
}
