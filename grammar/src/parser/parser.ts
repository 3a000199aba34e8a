/**
 * The Chevrotain grammar. It builds a concrete syntax tree with error recovery; syntax/build-ast.ts turns
 * that tree into the AST. Rules are class properties so a misspelt rule name is a type error.
 */
import { CstParser, EOF, tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import * as T from '../lexer/tokens.js';
import { errorMessages } from './messages.js';

const { kw } = T;

// The tree builder's hooks that RubricParser replaces; fail at once if a Chevrotain upgrade renamed them.
for (const hook of ['cstInvocationStateUpdate', 'cstPostTerminal', 'cstPostNonTerminal']) {
  if (typeof (CstParser.prototype as unknown as Record<string, unknown>)[hook] !== 'function') {
    throw new Error(`chevrotain: CstParser.${hook} is gone; see grammar/src/parser/parser.ts`);
  }
}

/**
 * A CST node as RubricParser builds it: Chevrotain's, plus where its first real token starts and its last
 * real token ends (-1 for both when recovery left nothing real under it).
 */
export interface RubricCstNode extends CstNode {
  start: number;
  end: number;
}

function isImage(token: IToken, ...images: string[]): boolean {
  return token.tokenType === T.Identifier && images.includes(token.image);
}

export class RubricParser extends CstParser {
  /** `validate` runs Chevrotain's grammar checks (the grammar test does); production skips them for start-up time. */
  constructor(options: { validate?: boolean } = {}) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 4,
      errorMessageProvider: errorMessages,
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  /*
   * The CST nodes. Chevrotain (11.2) builds them through three hooks of its tree builder, replaced here
   * (internal API: the check above fails at once if an upgrade renames them). Its own nodes hold their
   * children in an `Object.create(null)` dictionary, larger and slower to read than a plain object, and
   * its location tracking would add an object with two boxed doubles to every node and need tokens with
   * an `endOffset`. A long file has a node for every rule it enters (170,000 for 20,000 lines), all alive
   * until the AST is built, so their size is what the garbage collector copies. Here a node is one plain
   * object, with the span of its real tokens as two small integers: what syntax/build-ast.ts reads.
   * Rule and token names are the only keys of `children` (no `__proto__`, no `constructor`).
   */
  protected cstInvocationStateUpdate(fullRuleName: string): void {
    const node: RubricCstNode = { name: fullRuleName, children: {}, start: -1, end: -1 };
    this.cstStack().push(node);
  }

  protected cstPostTerminal(key: string, token: IToken): void {
    const stack = this.cstStack();
    const node = stack[stack.length - 1]!;
    const list = node.children[key];
    // `[x]` holds one element; `[]` and a push would reserve room for sixteen, and most lists keep one.
    if (list === undefined) node.children[key] = [token];
    else list.push(token);
    // Tokens that recovery inserted have no place in the text.
    if (token.isInsertedInRecovery === true || Number.isNaN(token.startOffset)) return;
    const end = token.startOffset + token.image.length;
    if (node.start < 0) node.start = token.startOffset;
    if (end > node.end) node.end = end;
  }

  protected cstPostNonTerminal(child: RubricCstNode, ruleName: string): void {
    const stack = this.cstStack();
    const node = stack[stack.length - 1]!;
    const list = node.children[ruleName];
    if (list === undefined) node.children[ruleName] = [child];
    else list.push(child);
    if (child.start < 0) return;
    if (node.start < 0) node.start = child.start;
    if (child.end > node.end) node.end = child.end;
  }

  private cstStack(): RubricCstNode[] {
    return (this as unknown as { CST_STACK: RubricCstNode[] }).CST_STACK;
  }

  file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.topItem));
  });

  topItem = this.RULE('topItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.evaluationDecl) },
      { ALT: () => this.SUBRULE(this.previewDecl) },
      { ALT: () => this.SUBRULE(this.evidenceBlock) },
      { ALT: () => this.SUBRULE(this.gradesBlock) },
      { ALT: () => this.SUBRULE(this.groupDecl) },
      { ALT: () => this.SUBRULE(this.scenarioDecl) },
      { ALT: () => this.SUBRULE(this.indicatorDecl) },
      { ALT: () => this.SUBRULE(this.findingDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
      { ALT: () => this.SUBRULE(this.uncertaintyDecl) },
    ]);
  });

  evaluationDecl = this.RULE('evaluationDecl', () => {
    this.CONSUME(kw('evaluation'));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.setting));
    this.CONSUME(T.RBrace);
  });

  /** `year 2022`, `scale 0..100`, `round 2 half-up`: one generic shape, names checked when building. */
  setting = this.RULE('setting', () => {
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.signedNumber);
    this.OPTION(() => {
      this.CONSUME(T.DotDot);
      this.SUBRULE2(this.signedNumber);
    });
    this.OPTION2(() => this.CONSUME(T.HalfUp));
  });

  signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.CONSUME(T.NumberLiteral);
  });

  previewDecl = this.RULE('previewDecl', () => {
    this.CONSUME(kw('preview'));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.previewEntry));
    this.CONSUME(T.RBrace);
  });

  previewEntry = this.RULE('previewEntry', () => {
    this.OR([
      { ALT: () => this.CONSUME(kw('evidence')) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
    this.CONSUME(T.StringLiteral);
  });

  evidenceBlock = this.RULE('evidenceBlock', () => {
    this.CONSUME(kw('evidence'));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.fieldDecl));
    this.CONSUME(T.RBrace);
  });

  fieldDecl = this.RULE('fieldDecl', () => {
    this.SUBRULE(this.path);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.MANY(() => this.SUBRULE(this.fieldOption));
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  typeRef = this.RULE('typeRef', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.name) });
      this.CONSUME(T.RParen);
    });
  });

  fieldOption = this.RULE('fieldOption', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Ge); this.SUBRULE(this.signedNumber); } },
      { ALT: () => { this.CONSUME(T.Le); this.SUBRULE2(this.signedNumber); } },
      { ALT: () => { this.SUBRULE3(this.signedNumber); this.CONSUME(T.DotDot); this.SUBRULE4(this.signedNumber); } },
      { ALT: () => { this.CONSUME(kw('missing')); this.CONSUME(T.Identifier); } },
    ]);
  });

  gradesBlock = this.RULE('gradesBlock', () => {
    this.CONSUME(kw('grades'));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.gradeDecl));
    this.CONSUME(T.RBrace);
  });

  gradeDecl = this.RULE('gradeDecl', () => {
    this.CONSUME(T.Identifier);
    this.OR([
      { ALT: () => { this.CONSUME(T.Ge); this.SUBRULE(this.signedNumber); } },
      { ALT: () => this.CONSUME(kw('otherwise')) },
    ]);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  groupDecl = this.RULE('groupDecl', () => {
    this.CONSUME(kw('group'));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2({
      GATE: () => isImage(this.LA(1), 'by'),
      DEF: () => { this.CONSUME2(T.Identifier); this.SUBRULE(this.path); },
    });
  });

  scenarioDecl = this.RULE('scenarioDecl', () => {
    this.CONSUME(kw('scenario'));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.CONSUME(kw('observed')));
  });

  indicatorDecl = this.RULE('indicatorDecl', () => {
    this.CONSUME(kw('indicator'));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(kw('weight')); this.SUBRULE(this.signedNumber); } },
        { ALT: () => this.CONSUME(kw('observed')) },
        { ALT: () => { this.CONSUME(kw('scenario')); this.CONSUME2(T.Identifier); } },
      ]);
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() => this.SUBRULE(this.indicatorItem));
    this.CONSUME(T.RBrace);
  });

  indicatorItem = this.RULE('indicatorItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.indicatorDecl) },
      { ALT: () => this.SUBRULE(this.scoreRule) },
      { ALT: () => this.SUBRULE(this.checkRule) },
      { ALT: () => this.SUBRULE(this.startRule) },
      { ALT: () => this.SUBRULE(this.adjustRule) },
      { ALT: () => this.SUBRULE(this.findingDecl) },
    ]);
  });

  scoreRule = this.RULE('scoreRule', () => {
    this.CONSUME(kw('score'));
    this.CONSUME(T.Assign);
    this.SUBRULE(this.expression);
  });

  checkRule = this.RULE('checkRule', () => {
    this.CONSUME(kw('check'));
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(kw('else'));
      this.SUBRULE(this.findingRef);
    });
  });

  startRule = this.RULE('startRule', () => {
    this.CONSUME(kw('start'));
    this.SUBRULE(this.signedNumber);
  });

  adjustRule = this.RULE('adjustRule', () => {
    this.OR([
      { ALT: () => this.CONSUME(kw('deduct')) },
      { ALT: () => this.CONSUME(kw('add')) },
    ]);
    this.SUBRULE(this.signedNumber);
    this.OPTION(() => {
      this.CONSUME(kw('per'));
      this.SUBRULE(this.expression);
    });
    this.OPTION2({
      GATE: () => isImage(this.LA(1), 'max'),
      DEF: () => { this.CONSUME(T.Identifier); this.SUBRULE2(this.signedNumber); },
    });
    this.OPTION3(() => {
      this.CONSUME(kw('when'));
      this.SUBRULE2(this.expression);
    });
    this.OPTION4({
      // A finding right after a rule belongs to it, unless it is a standalone `finding … when …`.
      GATE: () => this.attachedFindingAhead(),
      DEF: () => this.SUBRULE(this.findingRef),
    });
  });

  /** `finding id "message" [good]` attached to a check or a deduction. */
  findingRef = this.RULE('findingRef', () => {
    this.CONSUME(kw('finding'));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2({ GATE: () => isImage(this.LA(1), 'good'), DEF: () => this.CONSUME2(T.Identifier) });
  });

  /** A standalone finding: `finding id "message" [good] when COND`. */
  findingDecl = this.RULE('findingDecl', () => {
    this.CONSUME(kw('finding'));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2({ GATE: () => isImage(this.LA(1), 'good'), DEF: () => this.CONSUME2(T.Identifier) });
    this.CONSUME(kw('when'));
    this.SUBRULE(this.expression);
  });

  testDecl = this.RULE('testDecl', () => {
    this.CONSUME(kw('test'));
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(kw('extends'));
      this.CONSUME2(T.StringLiteral);
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.givenBlock) },
        { ALT: () => this.SUBRULE(this.expectStmt) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  givenBlock = this.RULE('givenBlock', () => {
    this.CONSUME(kw('given'));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.givenEntry));
    this.CONSUME(T.RBrace);
  });

  givenEntry = this.RULE('givenEntry', () => {
    this.SUBRULE(this.path);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.literal);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  /** `expect score >= 90`, `expect grade == 优秀`, `expect no finding x`, `expect excluded a.b`. */
  expectStmt = this.RULE('expectStmt', () => {
    this.CONSUME(kw('expect'));
    this.OPTION({ GATE: () => isImage(this.LA(1), 'no'), DEF: () => this.CONSUME(T.Identifier) });
    this.OR([
      { ALT: () => { this.CONSUME(kw('finding')); this.OPTION2(() => this.CONSUME2(T.Identifier)); } },
      { ALT: () => { this.CONSUME(kw('score')); this.SUBRULE(this.comparison); this.SUBRULE(this.literal); } },
      {
        ALT: () => {
          this.SUBRULE(this.path);
          this.OR2([
            { ALT: () => { this.SUBRULE2(this.comparison); this.SUBRULE2(this.literal); } },
            { ALT: () => this.SUBRULE2(this.path) },
          ]);
        },
      },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.EqEq) },
      { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.Le) },
      { ALT: () => this.CONSUME(T.Ge) },
      { ALT: () => this.CONSUME(T.Lt) },
      { ALT: () => this.CONSUME(T.Gt) },
    ]);
  });

  literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.signedNumber) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(kw('true')) },
      { ALT: () => this.CONSUME(kw('false')) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  /** `uncertainty { runs 1000 seed 42 weights 20 threshold 1 }` */
  uncertaintyDecl = this.RULE('uncertaintyDecl', () => {
    this.CONSUME(kw('uncertainty'));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.setting));
    this.CONSUME(T.RBrace);
  });

  path = this.RULE('path', () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE(this.name);
    });
  });

  /** After a dot (or as an enum value) any word is a name, reserved or not. */
  name = this.RULE('name', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.Keyword) },
    ]);
  });

  // ---- expressions, by increasing precedence ----
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(kw('or'));
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(kw('and'));
      this.SUBRULE2(this.notExpr);
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      { ALT: () => { this.CONSUME(kw('not')); this.SUBRULE(this.notExpr); } },
      { ALT: () => this.SUBRULE(this.compareExpr) },
    ]);
  });

  compareExpr = this.RULE('compareExpr', () => {
    this.SUBRULE(this.addExpr);
    this.OPTION(() => {
      this.SUBRULE(this.comparison);
      this.SUBRULE2(this.addExpr);
    });
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus) },
        { ALT: () => this.CONSUME(T.Minus) },
      ]);
      this.SUBRULE2(this.mulExpr);
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
      ]);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Minus); this.SUBRULE(this.unaryExpr); } },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(kw('true')) },
      { ALT: () => this.CONSUME(kw('false')) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.matchExpr) },
      { ALT: () => this.SUBRULE(this.bandExpr) },
      { GATE: () => this.LA(2).tokenType === T.LParen, ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.path) },
    ]);
  });

  call = this.RULE('call', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RParen);
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(kw('if'));
    this.SUBRULE(this.expression);
    this.CONSUME(kw('then'));
    this.SUBRULE2(this.expression);
    this.CONSUME(kw('else'));
    this.SUBRULE3(this.expression);
  });

  matchExpr = this.RULE('matchExpr', () => {
    this.CONSUME(kw('match'));
    this.SUBRULE(this.addExpr);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.matchArm));
    this.CONSUME(T.RBrace);
  });

  matchArm = this.RULE('matchArm', () => {
    this.OR([
      { ALT: () => this.CONSUME(kw('otherwise')) },
      { ALT: () => this.SUBRULE(this.literal) },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  bandExpr = this.RULE('bandExpr', () => {
    this.CONSUME(kw('band'));
    this.SUBRULE(this.addExpr);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.bandArm));
    this.CONSUME(T.RBrace);
  });

  bandArm = this.RULE('bandArm', () => {
    this.OR([
      { ALT: () => this.CONSUME(kw('otherwise')) },
      { ALT: () => { this.CONSUME(T.Le); this.SUBRULE(this.signedNumber); } },
      { ALT: () => { this.CONSUME(T.Lt); this.SUBRULE2(this.signedNumber); } },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  private attachedFindingAhead(): boolean {
    if (this.LA(1).tokenType !== kw('finding')) return false;
    let k = 3;
    if (tokenMatcher(this.LA(k), T.StringLiteral)) k++;
    if (isImage(this.LA(k), 'good')) k++;
    return this.LA(k).tokenType !== kw('when');
  }

  /** Chevrotain's recovery inserts virtual tokens; the AST builder must know them. */
  static isVirtual(token: IToken | undefined): boolean {
    return !token || token.isInsertedInRecovery === true || token.tokenType === EOF;
  }
}

export const ALL_TOKEN_TYPES: readonly TokenType[] = T.allTokens;
