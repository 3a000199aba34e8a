import type { Literal, Span, TestDecl } from '@rubric/grammar';
import { Q } from '../numeric/exact.js';
import type { FindingDef, Grade, Indicator, TestCase, TestExpectation, TestValue } from '../model/model.js';
import { Code } from './codes.js';
import { didYouMean, suggest, type CheckContext } from './context.js';

function value(lit: Literal): TestValue {
  switch (lit.kind) {
    case 'number': return Q.parse(lit.text);
    case 'bool': return lit.value;
    case 'string': return lit.value;
    case 'name': return lit.text === 'null' ? null : lit.text;
  }
}

export function buildTests(decls: TestDecl[], ctx: CheckContext, indicators: Indicator[], findings: FindingDef[], grades: Grade[]): TestCase[] {
  const tests: TestCase[] = [];
  const names = new Map<string, Span>();
  for (const d of decls) {
    if (!d.name) continue;
    const prior = names.get(d.name.value);
    if (prior) {
      ctx.diagnostics.push({ code: Code.DuplicateId, severity: 'error', span: d.name.span, message: `Another test is already called "${d.name.value}"; rename one of them.`, related: [{ span: prior, message: 'first declared here' }] });
      continue;
    }
    names.set(d.name.value, d.name.span);
    ctx.symbol('test', d.name.value, d.name.span, true);
    const given: Record<string, TestValue> = {};
    for (const g of d.given) {
      if (!g.path || !g.value) continue;
      if (g.path.text !== 'id' && g.path.text !== 'name') {
        const f = ctx.fields.get(g.path.text);
        if (!f) {
          ctx.error(Code.UnknownField, g.path.span, `Unknown evidence field \`${g.path.text}\`.${didYouMean(suggest(g.path.text, ctx.fields.keys()))} Give a field of the \`evidence\` block, or declare it there.`);
          continue;
        }
        ctx.symbol('field', f.path, g.path.span);
        if (f.type.kind === 'enum' && g.value.kind === 'name' && g.value.text !== 'null') {
          if (!f.type.values.includes(g.value.text)) ctx.error(Code.EnumValue, g.value.span, `\`${f.path}\` has no value \`${g.value.text}\`: use one of its values, ${f.type.values.map((v) => `\`${v}\``).join(', ')}.${didYouMean(suggest(g.value.text, f.type.values))}`);
          else ctx.symbol('enumValue', `${f.path}=${g.value.text}`, g.value.span);
        }
      }
      given[g.path.text] = value(g.value);
    }
    const expects: TestExpectation[] = [];
    for (const e of d.expects) {
      const source = ctx.source(e.span);
      if (e.finding) {
        if (e.finding.id) {
          const id = e.finding.id.text;
          if (!findings.some((f) => f.id === id)) ctx.error(Code.UnknownFinding, e.finding.id.span, `Unknown finding \`${id}\`.${didYouMean(suggest(id, findings.map((f) => f.id)))} Give the id of a declared finding${findings.length ? '' : ' (this file declares none)'}, or declare it, e.g. \`finding ${id} "…" when …\` in an indicator.`);
          else ctx.symbol('finding', id, e.finding.id.span);
          expects.push({ negated: e.negated, kind: 'finding', target: id, source, span: e.span });
        } else {
          if (!e.negated) ctx.error(Code.TestExpectation, e.span, 'Name the finding: `expect finding ID` (or `expect no finding` for none at all).');
          expects.push({ negated: true, kind: 'anyFinding', source, span: e.span });
        }
        continue;
      }
      if (!e.subject) continue;
      const subject = e.subject.text;
      if (subject === 'excluded' && e.target) {
        const ind = indicators.find((i) => i.path === e.target!.text);
        if (!ind) ctx.error(Code.UnknownIndicator, e.target.span, `Unknown indicator \`${e.target.text}\`.${didYouMean(suggest(e.target.text, indicators.map((i) => i.path)))} Write an indicator's dotted path, e.g. \`${indicators.find((i) => i.parent)?.path ?? indicators[0]?.path ?? 'tech.accessibility'}\`.`);
        else ctx.symbol('indicator', ind.path, e.target.span);
        expects.push({ negated: e.negated, kind: 'excluded', target: e.target.text, source, span: e.span });
        continue;
      }
      if (!e.op || !e.value) continue;
      if (subject === 'grade') {
        const g = e.value.kind === 'name' ? e.value.text : undefined;
        if (!g || !grades.some((x) => x.name === g)) ctx.error(Code.UnknownGrade, e.value.span, `Unknown grade${g ? ` \`${g}\`` : ''}: ${grades.length ? `use one of ${grades.map((x) => `\`${x.name}\``).join(', ')}.${g ? didYouMean(suggest(g, grades.map((x) => x.name))) : ''}` : 'declare the grades in a `grades` block first.'}`);
        else ctx.symbol('grade', g, e.value.span);
        if (e.op !== '==' && e.op !== '!=') ctx.error(Code.TestExpectation, e.span, 'Compare grades with `==` or `!=`.');
        expects.push({ negated: e.negated, kind: 'grade', target: g, op: e.op, value: g ?? null, source, span: e.span });
        continue;
      }
      if (e.value.kind !== 'number') {
        ctx.error(Code.TestExpectation, e.value.span, 'Expected scores are numbers: write one, e.g. `expect score == 85`.');
        continue;
      }
      if (subject === 'score') {
        expects.push({ negated: e.negated, kind: 'score', op: e.op, value: value(e.value), source, span: e.span });
        continue;
      }
      const ind = indicators.find((i) => i.path === subject);
      if (!ind) {
        ctx.error(Code.UnknownIndicator, e.subject.span, `Unknown indicator \`${subject}\`; write \`score\`, \`grade\`, or an indicator's dotted path.${didYouMean(suggest(subject, indicators.map((i) => i.path)))}`);
        continue;
      }
      ctx.symbol('indicator', ind.path, e.subject.span);
      expects.push({ negated: e.negated, kind: 'indicator', target: ind.path, op: e.op, value: value(e.value), source, span: e.span });
    }
    tests.push({ name: d.name.value, ...(d.extends ? { extends: d.extends.value } : {}), given, expects, span: d.span });
  }
  // `extends` must name a test, without cycles.
  const byName = new Map(tests.map((t) => [t.name, t]));
  for (const [i, t] of tests.entries()) {
    if (!t.extends) continue;
    const decl = decls.filter((d) => d.name && byName.get(d.name.value) === t)[0] ?? decls[i];
    const span = decl?.extends?.span ?? t.span;
    if (!byName.has(t.extends)) {
      ctx.error(Code.UnknownTest, span, `No test is called "${t.extends}".${suggest(t.extends, byName.keys()).map((n) => ` Did you mean "${n}"?`)[0] ?? ''} \`extends\` takes the name of another test in this file: correct it.`);
      delete t.extends;
      continue;
    }
    ctx.symbol('test', t.extends, span);
    const seen = new Set([t.name]);
    const chain = [t.name];
    let cur: TestCase | undefined = byName.get(t.extends);
    while (cur) {
      chain.push(cur.name);
      if (seen.has(cur.name)) {
        ctx.error(Code.TestCycle, span, `These tests extend each other in a circle (${chain.map((n) => `"${n}"`).join(' → ')}): remove one \`extends\`.`);
        delete t.extends;
        break;
      }
      seen.add(cur.name);
      cur = cur.extends ? byName.get(cur.extends) : undefined;
    }
  }
  return tests;
}
