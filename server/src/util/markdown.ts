/** Small Markdown builders for hovers: escaping, tables, lists that stop before they become walls. */

export function esc(text: string): string {
  // Only what would change the rendering of a label or message; editors that show raw Markdown
  // (Neovim) then still read cleanly.
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export function code(text: string): string {
  return '`' + text.replace(/`/g, 'ˋ') + '`';
}

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? ':--' : '--:'))), ...rows.map(line)].join('\n');
}

/** `a, b, c and 12 more` */
export function listed(items: string[], max = 12, sep = ', '): string {
  if (items.length <= max) return items.join(sep);
  return `${items.slice(0, max).join(sep)} and ${items.length - max} more`;
}
