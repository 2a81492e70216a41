/** Maps string offsets to 1-based line:column for people reading the output. */
import { LINE_BREAK } from '../text/tokenize.js';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (const m of text.matchAll(LINE_BREAK)) this.starts.push(m.index + m[0].length);
  }

  /** Line number (1-based) containing `offset`. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  lineStart(line: number): number {
    return this.starts[line - 1];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.starts.length) return this.text.length;
    const next = this.starts[line];
    return next - (this.text.startsWith('\r\n', next - 2) ? 2 : 1);
  }

  /** The last position worked out: findings come in order, so the next count resumes here. */
  private last = { line: 0, offset: 0, column: 1 };

  /**
   * Columns count characters (code points), as editors show them, so an emoji
   * earlier on the line shifts the column by one, not two.
   */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    // Counting from the line start each time would be quadratic on one long line.
    const resume = this.last.line === line && this.last.offset <= offset;
    let column = resume ? this.last.column : 1;
    for (let i = resume ? this.last.offset : this.starts[line - 1]; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      const isLowAfterHigh =
        c >= 0xdc00 && c <= 0xdfff && i > 0 && (this.text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
      if (!isLowAfterHigh) column++;
    }
    this.last = { line, offset, column };
    return { line, column };
  }
}
