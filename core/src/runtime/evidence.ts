/**
 * Evidence validation: a zod schema derived from the `evidence` block, and messages that say which
 * field, what was expected and what was found. Embedded verbatim in every generated engine (like Q and
 * Assemble), so the engine and the CLI accept and reject exactly the same evidence.
 */
import type { z as Z } from 'zod';

export interface FieldSpec {
  path: string;
  kind: 'bool' | 'number' | 'ratio' | 'count' | 'enum' | 'text';
  min?: number;
  max?: number;
  values?: string[];
  missing: 'error' | 'zero' | 'exclude';
  description?: string;
}

export interface EvidenceIssue {
  /** Dotted field path (`site.reachable`), or '' for the whole unit. */
  path: string;
  message: string;
}

type Zod = typeof Z;
type Tree = { [key: string]: Tree | FieldSpec };

export class EvidenceRules {
  static describeKind(f: FieldSpec): string {
    switch (f.kind) {
      case 'bool': return 'true or false';
      case 'ratio': return 'a ratio from 0 to 1';
      case 'count': return 'a whole number ≥ 0';
      case 'enum': return `one of ${(f.values ?? []).join(', ')}`;
      case 'text': return 'a text';
      default:
        if (f.min !== undefined && f.max !== undefined) return `a number from ${f.min} to ${f.max}`;
        if (f.min !== undefined) return `a number ≥ ${f.min}`;
        if (f.max !== undefined) return `a number ≤ ${f.max}`;
        return 'a number';
    }
  }

  static leaf(z: Zod, f: FieldSpec): Z.ZodType {
    const msg = { error: () => `expected ${EvidenceRules.describeKind(f)}` };
    let s: Z.ZodType;
    switch (f.kind) {
      case 'bool': s = z.boolean(msg); break;
      case 'text': s = z.string(msg); break;
      case 'enum': s = z.enum((f.values ?? []) as [string, ...string[]], msg); break;
      default: {
        let n = z.number(msg);
        const lo = f.kind === 'ratio' || f.kind === 'count' ? 0 : f.min;
        const hi = f.kind === 'ratio' ? 1 : f.max;
        if (f.kind === 'count') n = n.int(msg);
        if (lo !== undefined) n = n.min(lo, msg);
        if (hi !== undefined) n = n.max(hi, msg);
        s = n.refine((x) => !Object.is(x, -0), { message: 'negative zero is not a value; write 0' });
      }
    }
    return f.missing === 'error' ? s : s.nullable().optional();
  }

  /** Nested objects follow the dots of field paths: `site.reachable` is `{ "site": { "reachable": … } }`. */
  static schema(z: Zod, fields: FieldSpec[]): Z.ZodType {
    const tree: Tree = {};
    for (const f of fields) {
      const parts = f.path.split('.');
      let node = tree;
      for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Tree;
      node[parts[parts.length - 1]!] = f;
    }
    const build = (node: Tree, top: boolean): { schema: Z.ZodType; optional: boolean } => {
      const shape: Record<string, Z.ZodType> = {};
      let optional = true;
      for (const [key, child] of Object.entries(node)) {
        if (typeof (child as FieldSpec).kind === 'string' && typeof (child as FieldSpec).path === 'string') {
          const f = child as FieldSpec;
          shape[key] = EvidenceRules.leaf(z, f);
          if (f.missing === 'error') optional = false;
        } else {
          const sub = build(child as Tree, false);
          shape[key] = sub.optional ? sub.schema.nullable().optional() : sub.schema;
          if (!sub.optional) optional = false;
        }
      }
      if (top) {
        shape['id'] ??= z.string().optional();
        shape['name'] ??= z.string({ error: () => 'expected the display name as a text' }).optional();
      }
      return { schema: z.strictObject(shape), optional };
    };
    return build(tree, true).schema;
  }

  static found(input: unknown): string {
    if (input === undefined) return 'nothing';
    if (input === null) return 'null';
    if (typeof input === 'string') return `the text ${JSON.stringify(input)}`;
    if (typeof input === 'number') return Number.isNaN(input) ? 'NaN' : Object.is(input, -0) ? '-0' : String(input);
    if (typeof input === 'boolean') return String(input);
    if (Array.isArray(input)) return 'a list';
    return 'an object';
  }

  /** zod issues → one message per field, naming what was expected and what was found. */
  static issues(error: { issues: readonly { code: string; path: readonly PropertyKey[]; message: string; input?: unknown; keys?: readonly string[] }[] }, fields: FieldSpec[]): EvidenceIssue[] {
    const byPath = new Map(fields.map((f) => [f.path, f]));
    const out: EvidenceIssue[] = [];
    for (const issue of error.issues) {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys ?? []) {
          const full = path ? `${path}.${k}` : k;
          out.push({ path: full, message: `\`${full}\` is not an evidence field of these rules; remove it, fix its name, or declare it in the \`evidence\` block` });
        }
        continue;
      }
      const f = byPath.get(path);
      if (issue.input === undefined && issue.code === 'invalid_type' && !f) {
        // A whole nested object is absent: name each required field under it.
        const under = fields.filter((x) => x.path.startsWith(`${path}.`) && x.missing === 'error');
        if (under.length) {
          for (const x of under) out.push({ path: x.path, message: `\`${x.path}\` is missing (expected ${EvidenceRules.describeKind(x)}); give it, or declare \`missing zero\` or \`missing exclude\` for the field` });
          continue;
        }
      }
      if (issue.input === undefined && issue.code === 'invalid_type') {
        out.push({ path, message: f ? `\`${path}\` is missing (expected ${EvidenceRules.describeKind(f)}); give it, or declare \`missing zero\` or \`missing exclude\` for the field` : `\`${path}\` is missing` });
        continue;
      }
      if (issue.input === null && f) {
        out.push({ path, message: `\`${path}\` is null, but the field has no missing-evidence policy (expected ${EvidenceRules.describeKind(f)}); give a value, or declare \`missing zero\` or \`missing exclude\`` });
        continue;
      }
      const expected = f ? EvidenceRules.describeKind(f) : issue.message.replace(/^expected /, '');
      const custom = issue.code === 'custom' ? `: ${issue.message}` : '';
      out.push({ path, message: `\`${path}\`: expected ${expected}, found ${EvidenceRules.found(issue.input)}${custom}` });
    }
    return out;
  }

  /** Validated nested evidence → a flat record keyed by field path (missing values as null). */
  static flatten(data: Record<string, unknown>, fields: FieldSpec[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (typeof data['name'] === 'string') out['name'] = data['name'];
    for (const f of fields) {
      let v: unknown = data;
      for (const p of f.path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
      out[f.path] = v === undefined ? null : v;
    }
    return out;
  }
}
