import type { TExpr } from '../model/model.js';
import { trivial, type Backend } from './backend.js';

export interface ExprScope {
  b: Backend;
  fieldIndex: Map<string, number>;
  /** Allocates a temporary (declared at the top of the scorer) for a value used more than once. */
  temp(): string;
}

/** An expression as JavaScript for one backend. Enum and text values compare as strings in both. */
export function genExpr(e: TExpr, s: ExprScope): string {
  const { b } = s;
  switch (e.k) {
    case 'num': return b.num(e.value);
    case 'bool': return String(e.value);
    case 'enumLit': case 'text': return JSON.stringify(e.value);
    case 'field': {
      const i = s.fieldIndex.get(e.path)!;
      return e.type === 'number' ? b.field(i) : `f${i}`;
    }
    case 'neg': return b.neg(genExpr(e.e, s));
    case 'not': return `(!${genExpr(e.e, s)})`;
    case 'arith': return b.arith(e.op, genExpr(e.l, s), genExpr(e.r, s));
    case 'cmp':
      if (e.l.type === 'number') return b.cmp(e.op, genExpr(e.l, s), genExpr(e.r, s), trivial(e.l) && trivial(e.r));
      return `(${genExpr(e.l, s)} ${e.op === '==' ? '===' : '!=='} ${genExpr(e.r, s)})`;
    case 'logic': return `(${genExpr(e.l, s)} ${e.op === 'and' ? '&&' : '||'} ${genExpr(e.r, s)})`;
    case 'if': return `(${genExpr(e.c, s)} ? ${genExpr(e.t, s)} : ${genExpr(e.e, s)})`;
    case 'call': {
      const args = e.args.map((a) => genExpr(a, s));
      return e.fn === 'clamp' ? b.clamp(args[0]!, args[1]!, args[2]!) : b.minmax(e.fn, args);
    }
    case 'match': {
      const t = s.temp();
      let code = e.otherwise ? genExpr(e.otherwise, s) : 'undefined';
      for (const arm of [...e.arms].reverse()) code = `${t} === ${JSON.stringify(arm.value)} ? ${genExpr(arm.result, s)} : ${code}`;
      return `(${t} = ${genExpr(e.subject, s)}, ${code})`;
    }
    case 'band': {
      const t = s.temp();
      const exactSubject = trivial(e.subject);
      let code = e.otherwise ? genExpr(e.otherwise, s) : 'undefined';
      for (const arm of [...e.arms].reverse()) code = `${b.cmp(arm.op, t, b.num(arm.bound), exactSubject)} ? ${genExpr(arm.result, s)} : ${code}`;
      return `(${t} = ${genExpr(e.subject, s)}, ${code})`;
    }
  }
}
