/**
 * Holds a line break: LF, CR (alone, as old Mac files have it, or before LF), or a Unicode line
 * separator (U+2028), which some editors and exports write. A test, not the tokenizer's
 * `LINE_BREAK` (which counts breaks): this module stays free of imports for the web bundle.
 */
const BREAKS_LINE = /[\r\n\u2028]/;

/**
 * A replacement laid out like the span it replaces: where the span's words were broken over
 * lines (text from a PDF, a hard-wrapped e-mail), the replacement's words are broken at the
 * same relative places, so restoring a phrase does not join the lines it spans.
 */
export function withLineBreaksOf(span: string, replacement: string): string {
  // A replacement with line breaks of its own is laid out already (kept markup and all).
  if (!BREAKS_LINE.test(span) || BREAKS_LINE.test(replacement)) return replacement;
  const gaps = span.trim().split(/\S+/).slice(1, -1);
  const words = replacement.split(' ');
  if (words.length < 2 || gaps.length === 0) return replacement;
  const out = new Array<string>(words.length - 1).fill(' ');
  gaps.forEach((gap, j) => {
    if (!BREAKS_LINE.test(gap)) return;
    // Gap j follows word j of the span's gaps.length + 1: the same share of the replacement.
    const at = Math.round(((j + 1) * words.length) / (gaps.length + 1)) - 1;
    out[Math.min(words.length - 2, Math.max(0, at))] = gap;
  });
  return words.map((w, i) => (i < out.length ? w + out[i] : w)).join('');
}
