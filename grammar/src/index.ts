export * from './syntax/ast.js';
export * from './syntax/diagnostic.js';
export { LineIndex } from './syntax/line-index.js';
export { parse, type ParseResult } from './parser/parse.js';
export { RESERVED, CONTEXTUAL_KEYWORDS, type ReservedWord } from './lexer/tokens.js';
export { format, type FormatResult } from './format/format.js';
