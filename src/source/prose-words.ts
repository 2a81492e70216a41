/**
 * The words a stored document is aligned by, kept between searches for markdown. Reading
 * markdown's prose means parsing it, most of the cost of verifying a markdown candidate (about
 * 2.6 s per MB), and in a long-running process the same sources come up as candidates again and
 * again. Plain text is tokenized afresh each time: it costs little, and keeping it would hold
 * the archive's hottest texts twice.
 */

import { proseOf } from '../text/markdown.js';
import { type Word, words } from './fingerprint.js';
import type { StoredDocument } from './store.js';

/** Characters of markdown whose words are kept (their words take several times as much memory). */
const KEPT_CHARS = 16 * 1024 * 1024;

interface Kept {
  text: string;
  words: Word[];
}

export class ProseWords {
  private readonly kept = new Map<number, Kept>();
  private chars = 0;

  constructor(private readonly budget = KEPT_CHARS) {}

  /** The words of `doc`'s prose (its text, unless markdown), with offsets into its text. */
  of(doc: StoredDocument): Word[] {
    if (doc.format !== 'markdown') return words(doc.text);
    const known = this.kept.get(doc.key);
    // Compared by text, not only key: a document replaced under the same key is read afresh.
    if (known && known.text === doc.text) {
      // Most recently used last, so the first entry is the one to drop.
      this.kept.delete(doc.key);
      this.kept.set(doc.key, known);
      return known.words;
    }
    const read = words(proseOf(doc.text, 'markdown'));
    if (known) this.drop(doc.key, known);
    if (doc.text.length <= this.budget / 4) {
      this.kept.set(doc.key, { text: doc.text, words: read });
      this.chars += doc.text.length;
      for (const [key, oldest] of this.kept) {
        if (this.chars <= this.budget) break;
        this.drop(key, oldest);
      }
    }
    return read;
  }

  private drop(key: number, kept: Kept): void {
    this.kept.delete(key);
    this.chars -= kept.text.length;
  }
}
