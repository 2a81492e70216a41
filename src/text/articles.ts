/**
 * The indefinite article before a restored word. A spinner that turns "a large" into "an
 * enormous" fixes the article as it goes; restoring "enormous" alone would leave "an large".
 */
import type { LanguageModel } from '../resources/language-model.js';

/** A change to the text, as `restore` reports it. */
interface TextChange {
  offset: number;
  length: number;
  text: string;
  replacement: string;
  confidence: number;
}

export type IndefiniteArticle = 'a' | 'an';

/** Whether a word takes "an" (else "a"). */
export type TakesAn = (word: string) => boolean;

/** "an" before a vowel letter: what the spelling says, where nothing has heard the word. */
export const byFirstLetter: TakesAn = (word) => /^[aeiou]/i.test(word);

/**
 * log10 margin by which the language model must prefer one article before a word (the
 * bigram "an hour" against "a hour") to overrule the spelling: within it the model has
 * seen the word after neither article often enough to say.
 */
const ARTICLE_MARGIN = 0.5;

const choosers = new WeakMap<object, TakesAn>();

/**
 * "an" before a vowel sound, as the language model has heard it ("an hour", "a university",
 * "an FBI agent"), and by the first letter for a word it has not heard after an article.
 * One chooser per language model.
 */
export function articleChooser(lm: Pick<LanguageModel, 'id' | 'score'>): TakesAn {
  const known = choosers.get(lm);
  if (known) return known;
  const an = lm.id('an');
  const a = lm.id('a');
  const takesAn: TakesAn = (word) => {
    const lower = word.toLowerCase();
    const id = lm.id(lower);
    if (id >= 0 && an >= 0 && a >= 0) {
      const preference = lm.score(id, an, -1) - lm.score(id, a, -1);
      if (Math.abs(preference) > ARTICLE_MARGIN) return preference > 0;
    }
    return byFirstLetter(lower);
  };
  choosers.set(lm, takesAn);
  return takesAn;
}

/** The article a replacement takes before it, by its first word; undefined when it starts with no word. */
export function articleFor(replacement: string, takesAn: TakesAn): IndefiniteArticle | undefined {
  const first = /^[\p{L}\p{N}]+/u.exec(replacement)?.[0];
  if (first === undefined) return undefined;
  return takesAn(first) ? 'an' : 'a';
}

/**
 * Where the quote markers ending at `end` start, when nothing but spaces and them stand between
 * a line break and `end`; else `end`.
 */
function quoteMarginStart(text: string, end: number, from: number): number {
  let start = end;
  while (start > from && /[ \t>]/.test(text[start - 1])) start--;
  const afterBreak = start > from && (text[start - 1] === '\n' || text[start - 1] === '\r');
  return afterBreak && text.slice(start, end).includes('>') ? start : end;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}'’-]/u.test(ch);

/**
 * The "a" or "an" that ends at `end` but for spaces or a line break, not before `from`: its
 * offset and text. With `overMarkup`, the opening marks of markdown emphasis and links
 * between them count as spaces too ("an *enormous*", "an [old](…) link"), and so do a quote's
 * markers after a line break, as they do in the prose the engine reads from markdown.
 */
export function articleEndingAt(
  text: string,
  end: number,
  from: number,
  overMarkup = false,
): { offset: number; article: string } | undefined {
  let stop = end;
  // Spaces, and at most one line break: text wrapped at a fixed width ("an⏎enormous") keeps the
  // article on the line before; a blank line is a paragraph's end.
  let lineBreaks = 0;
  const between = overMarkup ? /[ \t\r\n*_~[]/ : /[ \t\r\n]/;
  while (stop > from) {
    // A quote's markers at the start of the line: its margin ("an⏎> enormous").
    if (overMarkup) stop = quoteMarginStart(text, stop, from);
    if (!between.test(text[stop - 1])) break;
    // A line ends at LF, CR LF or a lone CR (old Mac files), as the tokenizer reads it.
    const endsLine = text[stop - 1] === '\n' || (text[stop - 1] === '\r' && text[stop] !== '\n');
    if (endsLine && ++lineBreaks > 1) return undefined;
    stop--;
  }
  if (stop === end) return undefined;
  let start = stop;
  while (start > from && stop - start < 3 && isWordChar(text[start - 1])) start--;
  const article = text.slice(start, stop);
  if (!/^(an?|An?|AN)$/.test(article) || isWordChar(text[start - 1])) return undefined;
  return { offset: start, article };
}

/** `article` written in the case of `model` ("An", "AN", "an"). */
export function casedLike(model: string, article: IndefiniteArticle): string {
  if (model.length > 1 && model === model.toUpperCase()) return article.toUpperCase();
  return /^\p{Lu}/u.test(model) ? article.charAt(0).toUpperCase() + article.slice(1) : article;
}

/**
 * The changes (sorted, not overlapping) with the article before each replacement made to
 * agree with the replacement's first word, as one more change of the same confidence. An
 * article that is itself part of a change, or not directly before one, is left alone. Where
 * the article would have to change but may not (`changeable` says no: markup, inline code),
 * the change it agrees with is left out too, rather than leave "an large".
 */
export function withAgreeingArticles(
  text: string,
  changes: readonly TextChange[],
  takesAn: TakesAn,
  changeable: (start: number, end: number) => boolean = () => true,
): TextChange[] {
  const out: TextChange[] = [];
  let previousEnd = 0;
  for (const change of changes) {
    const found = articleEndingAt(text, change.offset, previousEnd);
    const wanted = articleFor(change.replacement, takesAn);
    if (found && wanted) {
      if (found.article.toLowerCase() !== wanted) {
        if (!changeable(found.offset, found.offset + found.article.length)) continue;
        out.push({
          offset: found.offset,
          length: found.article.length,
          text: found.article,
          replacement: casedLike(found.article, wanted),
          confidence: change.confidence,
        });
      }
    }
    out.push(change);
    previousEnd = change.offset + change.length;
  }
  return out;
}
