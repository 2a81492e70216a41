/**
 * The public shapes of Unspin's results. These are the JSON contracts of the CLI
 * (`--json`, `--jsonl`) and of the HTTP API: change them only by adding fields.
 */
import type { TextFormat } from '../input/sniff.js';
import type { IndefiniteArticle } from '../text/articles.js';

/** One swapped word or phrase found in the input. */
export interface Finding {
  /** JavaScript string index into the decoded input text. */
  offset: number;
  /** Length in UTF-16 code units: `text === input.slice(offset, offset + length)`. */
  length: number;
  /** The suspect text as it appears in the input. */
  text: string;
  /** Likely originals, most probable first, with the input's capitalisation. */
  suggestions: string[];
  /** Posterior probability that this span was changed by a spinner (0..1). */
  confidence: number;
  /**
   * Given when an "a" or "an" stands right before the span: the article each suggestion takes,
   * in the order of `suggestions`, as the language model hears it ("an hour", "a university").
   * Given too where the article ends the finding before. `restore` makes the article agree
   * with the first ("an enormous" → "a large") unless the article is part of another change; a
   * client applying another suggestion ("an immense") uses its own.
   */
  articles?: IndefiniteArticle[];
}

export type { IndefiniteArticle } from '../text/articles.js';

export type Verdict = 'spun' | 'clean' | 'uncertain';

export interface CheckResult {
  /** Calibrated probability that the document was run through a spinner. */
  spinProbability: number;
  verdict: Verdict;
  /** Number of word tokens in the input. */
  words: number;
  /** Sorted by offset, never overlapping. */
  findings: Finding[];
  /**
   * Fingerprints found: tortured phrases of the Problematic Paper Screener's list (the
   * training share shipped with Unspin, less the phrases ordinary prose says) as written,
   * lower-case words (punctuation and a possessive 's dropped), one per stretch of text, in
   * order of first appearance. Two or more different ones make a document of up to about
   * 187,000 words spun: clean prose almost never holds one.
   */
  knownTorturedPhrases: string[];
  /**
   * How many different established terms (the correct side of the list's rows) the findings
   * read the text as with a confidence of at least 0.5, whatever `minConfidence`, weighed
   * before this count: unseen tortured phrases read back. Three or more make a text of up to
   * about 6,700 words spun (clean text seldom holds one), and then raise the confidence of
   * every reading as an established term; a longer text needs more.
   */
  listedTermReadings: number;
  /**
   * The spin probability from which this text is called spun: the article bar (0.65), or a
   * higher one for a short text, which carries less evidence (src/verdict/calibration.json).
   * A short text whose probability lies between the article bar and `spunAt` is `uncertain`.
   */
  spunAt: number;
}

/** One edit made by `restore`. */
export interface Change {
  offset: number;
  length: number;
  text: string;
  replacement: string;
  confidence: number;
}

export interface RestoreResult {
  /** The input with every change applied; everything else byte for byte. */
  restored: string;
  /** Sorted by offset, never overlapping. */
  changes: Change[];
}

export interface AnalyzeOptions {
  /**
   * Minimum posterior for a span to be reported as a finding or applied as a
   * change. Defaults to 0.5 (the decoder's most probable reading).
   */
  minConfidence?: number;
  /**
   * `markdown` reads only the prose the markdown renders to; offsets still index the
   * markdown as given, and `restore` leaves every character of markup as it was. Default
   * `text`: the whole string is prose.
   */
  format?: TextFormat;
}

export type { TextFormat };
