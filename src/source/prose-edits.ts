/**
 * A markdown document's prose, kept with it in the index as the edits that make it from the
 * text: where the prose differs (markup blanked, a paragraph break put in, an escape read as
 * its character). Parsing is most of the cost of verifying a markdown candidate (about 2 s per
 * MB); with the edits stored at ingest, a search reads a candidate's prose without parsing it.
 *
 * Encoded as `V:` and JSON, where V is the markdown reader's version (edits of another are not
 * trusted: they would give the prose as another version read it) and the JSON is
 * `[[start, length], [start, length, "replacement"], …]`, a run without a replacement being
 * spaces (most runs are blanked markup).
 */
import { MARKDOWN_READER_VERSION } from '../text/markdown.js';

const PREFIX = `${MARKDOWN_READER_VERSION}:`;

type Run = [start: number, length: number] | [start: number, length: number, replacement: string];

export function proseEdits(text: string, prose: string): string {
  const runs: Run[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === prose[i]) continue;
    const start = i;
    while (i < text.length && text[i] !== prose[i]) i++;
    const replacement = prose.slice(start, i);
    runs.push(/^ +$/.test(replacement) ? [start, i - start] : [start, i - start, replacement]);
  }
  return PREFIX + JSON.stringify(runs);
}

/** The prose the edits make from `text`, or undefined when they do not fit it (not edits of this text). */
export function withProseEdits(text: string, edits: string): string | undefined {
  if (!edits.startsWith(PREFIX)) return undefined;
  let runs: unknown;
  try {
    runs = JSON.parse(edits.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  if (!Array.isArray(runs)) return undefined;
  let out = '';
  let at = 0;
  for (const run of runs) {
    if (!Array.isArray(run)) return undefined;
    const [start, length, given] = run as Run;
    if (!Number.isInteger(start) || !Number.isInteger(length) || start < at || length < 1) return undefined;
    if (start + length > text.length) return undefined;
    const replacement = given ?? ' '.repeat(length);
    if (typeof replacement !== 'string' || replacement.length !== length) return undefined;
    out += text.slice(at, start) + replacement;
    at = start + length;
  }
  return out + text.slice(at);
}
