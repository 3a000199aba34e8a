/**
 * Escaping by construction. Every piece of report markup is built with the `html` tag, which escapes
 * each interpolated value unless it is already `SafeHtml`. Text from results (labels, unit names, ids,
 * finding messages, evidence values) therefore cannot open a tag, close an attribute or end the page,
 * and nobody has to remember to call an escape function at each of the hundred places that print one.
 */

/** Markup that is already safe to place in the page: made by `html`, `raw` or `join`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `html`: arrays are concatenated, null/undefined/false print nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

// Quotes and the backtick are escaped too, so the same function serves text and attribute values
// (old IE treated the backtick as an attribute quote). U+2028/U+2029 are written as references so the
// file holds no raw line separators, which some tools and JS string contexts treat as line ends.
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`\u2028\u2029]/g, (c) => ENTITIES[c]);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks markup produced elsewhere as trusted; only for our own SVG (whose text ECharts escapes). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
