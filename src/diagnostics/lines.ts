/**
 * Offset → line/column for one message text. The scanner moves forward, so a forward cursor that
 * finds each line end once with `indexOf` is all the hot path needs. The first query behind the
 * cursor builds a full line-start index once (then binary search), so any query order stays
 * O(n + q log n) — never quadratic on adversarial input.
 */
export class LineCursor {
  private lineNo = 1;
  private start = 0;
  /** Index of the LF ending the current line; -1 when it is the last line; -2 when unknown. */
  private end = -2;
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** Moves to `offset` and returns its 1-based line; `lineStart` then gives the column base. */
  line(offset: number): number {
    if (this.starts !== undefined || offset < this.start) return this.search(offset);
    if (this.end === -2) this.end = this.text.indexOf('\n', this.start);
    while (this.end !== -1 && this.end < offset) {
      this.lineNo++;
      this.start = this.end + 1;
      this.end = this.text.indexOf('\n', this.start);
    }
    return this.lineNo;
  }

  /** Offset of the first character of the current line. */
  get lineStart(): number {
    return this.start;
  }

  /** Tells the cursor a line start the caller already knows, so no counting is needed. */
  sync(line: number, lineStart: number): void {
    if (this.starts !== undefined) return;
    this.lineNo = line;
    this.start = lineStart;
    this.end = -2;
  }

  private search(offset: number): number {
    let starts = this.starts;
    if (starts === undefined) {
      starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lineNo = lo + 1;
    this.start = starts[lo]!;
    return this.lineNo;
  }
}

/** 1-based line and column (UTF-16 code units) of one offset; for many, use a `LineCursor`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const cursor = new LineCursor(text);
  const line = cursor.line(offset);
  return { line, column: offset - cursor.lineStart + 1 };
}
