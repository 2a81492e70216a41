/**
 * The words a stored document is aligned by. For markdown they are read from its prose, and
 * parsing is most of the cost of verifying a markdown candidate (about 1.9 s per MB, against
 * 0.4 s to tokenize): in a long-running process the same sources come up as candidates again
 * and again, so the prose of recent markdown candidates is kept between searches. The prose,
 * not its words: as `Word` objects they took about 19 bytes per character of text.
 */
import { proseOf } from '../text/markdown.js';
import { type Word, words } from './fingerprint.js';
import { withProseEdits } from './prose-edits.js';
import type { StoredDocument } from './store.js';

/**
 * Characters of markdown whose prose is kept: with the text it is checked against, about 32 MB
 * (per index opened: `serve` opens one per worker thread).
 */
const KEPT_CHARS = 8 * 1024 * 1024;

interface Kept {
  text: string;
  prose: string;
}

export class ProseWords {
  private readonly kept = new Map<number, Kept>();
  private chars = 0;

  constructor(
    private readonly budget = KEPT_CHARS,
    private readonly readProse: (markdown: string) => string = (markdown) => proseOf(markdown, 'markdown'),
  ) {}

  /** The words of `doc`'s prose (its text, unless markdown), with offsets into its text. */
  of(doc: StoredDocument): Word[] {
    if (doc.format !== 'markdown') return words(doc.text);
    // Stored with its prose (indexed since the index keeps it): nothing to parse.
    const stored = doc.proseEdits === undefined ? undefined : withProseEdits(doc.text, doc.proseEdits);
    return words(stored ?? this.proseOf(doc));
  }

  /** Characters of text whose prose is kept now. */
  get keptChars(): number {
    return this.chars;
  }

  private proseOf(doc: StoredDocument): string {
    const known = this.kept.get(doc.key);
    if (known) this.drop(doc.key, known);
    // Compared by text, not only key: a document replaced under the same key is read afresh.
    const prose = known?.text === doc.text ? known.prose : this.readProse(doc.text);
    // Most recently used last, so the first entry is the one to drop.
    if (doc.text.length <= this.budget / 4) {
      this.kept.set(doc.key, { text: doc.text, prose });
      this.chars += doc.text.length;
      for (const [key, oldest] of this.kept) {
        if (this.chars <= this.budget) break;
        this.drop(key, oldest);
      }
    }
    return prose;
  }

  private drop(key: number, kept: Kept): void {
    this.kept.delete(key);
    this.chars -= kept.text.length;
  }
}
