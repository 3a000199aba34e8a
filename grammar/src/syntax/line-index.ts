/** Converts offsets to 0-based line/character positions and back, in O(log lines). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    if (line < 0) return 0;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return Math.min(this.starts[line]! + character, next);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
