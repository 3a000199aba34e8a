/**
 * Names JavaScript objects already carry. Evidence is read as JSON objects whose keys follow the dots of
 * field paths, and results.json is keyed by indicator paths, grades, groups and enum values: a name that
 * is also a member of every object (`__proto__`, `constructor`, …) would be confused with it — evidence
 * rejected or results silently missing an entry — so the checker refuses it where it would be a key.
 */
import { Code } from './codes.js';
import type { CheckContext } from './context.js';

/** The members of `Object.prototype`, spelled out so the check does not depend on the runtime. */
const OBJECT_MEMBERS = new Set([
  '__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString',
  'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

export function checkObjectNames(ctx: CheckContext): void {
  for (const s of [...ctx.symbols]) {
    if (!s.isDeclaration) continue;
    if (s.kind === 'field') {
      const bad = s.name.split('.').find((p) => OBJECT_MEMBERS.has(p));
      if (bad) ctx.error(Code.NameReserved, s.span, `\`${bad}\` cannot be part of an evidence field's path: evidence files are read as objects, and every JavaScript object already has a \`${bad}\`. Rename it.`);
      continue;
    }
    if (s.kind === 'test') continue;
    const name = s.kind === 'enumValue' ? s.name.slice(s.name.indexOf('=') + 1) : s.name.slice(s.name.lastIndexOf('.') + 1);
    if (name === '__proto__') ctx.error(Code.NameReserved, s.span, '`__proto__` cannot be a name: results are objects keyed by names, and in JavaScript `__proto__` is not an ordinary key. Rename it.');
  }
}
