/**
 * The rows of a large run's units sheet, packed for another thread: numbers in one Float64Array (moved,
 * not copied; NaN for an empty cell) and each text column as one array, instead of a hundred thousand
 * small arrays to clone.
 */
import type { Cell } from '@rubric/report';

export interface PackedRows {
  count: number;
  /** Per column: whether it holds numbers (else texts). */
  numeric: boolean[];
  numbers: Float64Array;
  /** Per text column, in column order: one cell per row. */
  texts: (string | null)[][];
}

export function packRows(rows: Iterable<Cell[]>, numeric: boolean[], count: number): PackedRows {
  const width = numeric.length;
  const numberColumns = numeric.filter(Boolean).length;
  const numbers = new Float64Array(count * numberColumns);
  const texts: (string | null)[][] = numeric.filter((n) => !n).map(() => new Array<string | null>(count));
  let r = 0;
  for (const row of rows) {
    if (r >= count) throw new Error(`internal: more unit rows than the ${count} announced`);
    let ni = 0;
    let ti = 0;
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? null;
      if (numeric[c]) {
        if (cell !== null && typeof cell !== 'number') throw new Error(`internal: column ${c} of the units sheet holds ${typeof cell}, not a number`);
        numbers[r * numberColumns + ni++] = cell === null ? Number.NaN : cell;
      } else {
        texts[ti++]![r] = cell === null ? null : String(cell);
      }
    }
    r++;
  }
  if (r !== count) throw new Error(`internal: ${r} unit rows, not the ${count} announced`);
  return { count, numeric, numbers, texts };
}

export function* unpackRows(p: PackedRows): Generator<Cell[]> {
  const numberColumns = p.numeric.filter(Boolean).length;
  for (let r = 0; r < p.count; r++) {
    const row: Cell[] = [];
    let ni = 0;
    let ti = 0;
    for (const isNumber of p.numeric) {
      if (isNumber) {
        const x = p.numbers[r * numberColumns + ni++]!;
        row.push(x === x ? x : null);
      } else row.push(p.texts[ti++]![r]!);
    }
    yield row;
  }
}
