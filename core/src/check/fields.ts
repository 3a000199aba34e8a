import type { EvidenceBlock, FieldDecl } from '@rubric/grammar';
import { Q, type Rational } from '../numeric/exact.js';
import type { Field, FieldType, MissingPolicy } from '../model/model.js';
import { Code } from './codes.js';
import type { CheckContext } from './context.js';

const RESERVED_KEYS = new Set(['id', 'name']);

export function buildFields(blocks: EvidenceBlock[], ctx: CheckContext): void {
  for (const block of blocks) {
    for (const decl of block.fields) {
      const field = buildField(decl, ctx);
      if (!field) continue;
      if (RESERVED_KEYS.has(field.path)) {
        ctx.error(Code.FieldReserved, decl.path!.span, `\`${field.path}\` is reserved (the unit's ${field.path === 'id' ? 'id, from its file name' : 'display name'}) and needs no declaration; remove this line.`);
        continue;
      }
      const prior = ctx.fields.get(field.path);
      if (prior) {
        ctx.diagnostics.push({
          code: Code.DuplicateId, severity: 'error', span: decl.path!.span,
          message: `The evidence field \`${field.path}\` is declared twice; remove one declaration.`,
          related: [{ span: prior.span, message: 'first declared here' }],
        });
        continue;
      }
      ctx.fields.set(field.path, field);
      ctx.symbol('field', field.path, decl.path!.span, true);
      if (field.type.kind === 'enum') for (const [i, v] of field.type.values.entries()) ctx.symbol('enumValue', `${field.path}=${v}`, decl.type!.values![i]!.span, true);
    }
  }
}

function buildField(decl: FieldDecl, ctx: CheckContext): Field | undefined {
  if (!decl.path || !decl.type) return undefined;
  const typeName = decl.type.name.text;
  let type: FieldType;
  switch (typeName) {
    case 'bool': case 'ratio': case 'count': case 'text':
      type = { kind: typeName };
      break;
    case 'number':
      type = { kind: 'number' };
      break;
    case 'enum': {
      const values = (decl.type.values ?? []).map((v) => v.text);
      if (values.length === 0) {
        ctx.error(Code.FieldType, decl.type.span, 'An enum needs its values: list them, e.g. `enum(a, b, c)`.');
        return undefined;
      }
      const dup = values.find((v, i) => values.indexOf(v) !== i);
      if (dup) ctx.error(Code.DuplicateId, decl.type.span, `The enum value \`${dup}\` is listed twice; remove one.`);
      type = { kind: 'enum', values: [...new Set(values)] };
      break;
    }
    default:
      ctx.error(Code.FieldType, decl.type.name.span, `Unknown type \`${typeName}\`; use one of \`bool\`, \`number\`, \`ratio\`, \`count\`, \`enum(…)\` and \`text\`.`);
      return undefined;
  }
  if (decl.type.values && typeName !== 'enum') ctx.error(Code.FieldType, decl.type.span, 'Only `enum` takes a list of values: remove the list, or make the field an `enum(…)`.');
  let min: Rational | undefined;
  let max: Rational | undefined;
  for (const c of decl.constraints) {
    if (type.kind !== 'number') {
      ctx.error(Code.FieldConstraint, c.span, `Bounds apply to \`number\` fields only (\`ratio\` is already 0..1, \`count\` is ≥ 0): remove them, or make the field a \`number\`.`);
      continue;
    }
    if (c.op === '>=') min = Q.parse(c.value.text);
    else if (c.op === '<=') max = Q.parse(c.value.text);
    else { min = Q.parse(c.lo.text); max = Q.parse(c.hi.text); }
  }
  if (type.kind === 'number') {
    if (min && max && Q.cmp(min, max) > 0) ctx.error(Code.FieldConstraint, decl.span, 'The lower bound is above the upper bound: swap them.');
    type = { kind: 'number', ...(min ? { min } : {}), ...(max ? { max } : {}) };
  }
  let missing: MissingPolicy = 'error';
  if (decl.missing) {
    if (decl.missing.text === 'zero' || decl.missing.text === 'exclude') missing = decl.missing.text;
    else ctx.error(Code.FieldMissingPolicy, decl.missing.span, `Unknown missing-evidence policy \`${decl.missing.text}\`; write \`missing zero\` or \`missing exclude\`.`);
  }
  return { path: decl.path.text, type, missing, description: decl.description?.value, span: decl.path.span };
}

/** The type as written, for hovers, the JSON Schema and the "declare field" fix. */
export function showType(t: FieldType): string {
  switch (t.kind) {
    case 'enum': return `enum(${t.values.join(', ')})`;
    case 'number': return ['number', t.min ? `>= ${Q.round(t.min, 12)}` : '', t.max ? `<= ${Q.round(t.max, 12)}` : ''].filter(Boolean).join(' ');
    default: return t.kind;
  }
}
