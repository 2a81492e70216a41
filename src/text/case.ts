/**
 * Copies the capitalisation pattern of `model` (as typed in the input) onto `phrase`. An
 * all-capitals model is copied as capitals only when `shouting` (the text around it is in
 * capitals too, as in a headline); otherwise it is an acronym ("PC"), read as a word in its
 * own case ("computer", not "COMPUTER"; capitalised at a sentence start), or as several words
 * its letters stand for, which name something ("United States" for USA), in title case.
 */
export function copyCase(model: string, phrase: string, shouting = true, sentenceStart = false): string {
  if (isAllCaps(model)) {
    if (shouting) return phrase.toUpperCase();
    if (/\s/.test(phrase)) return titleCase(phrase);
    return sentenceStart ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase;
  }
  const modelWords = model.split(/\s+/);
  const titled = modelWords.length > 1 && modelWords.every((w) => /^\p{Lu}/u.test(w));
  if (titled) return phrase.replace(/(^|\s)(\p{L})/gu, (_, space, ch) => space + ch.toUpperCase());
  if (/^\p{Lu}/u.test(model)) return phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return phrase;
}

/** The first word and every word of four letters or more capitalised ("Department of Defense"). */
function titleCase(phrase: string): string {
  return phrase
    .split(' ')
    .map((w, i) => (i === 0 || w.length >= 4 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** Capitalised but not all capitals: "Home", "McDonald". */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && word !== word.toUpperCase();
}

/**
 * Whether most words around a span are in capitals (a headline, a shouted line): then capitals
 * in the span are the line's style, not an acronym. A sentence with as many acronyms as other
 * words is not shouting. Words of one letter ("A", "I") say nothing either way; with no other
 * word to judge by, the span's own style is kept.
 */
export function isShouting(otherWords: readonly string[]): boolean {
  let caps = 0;
  let judged = 0;
  for (const w of otherWords) {
    if (w.replace(/[^\p{L}]/gu, '').length < 2) continue;
    judged++;
    if (isAllCaps(w)) caps++;
  }
  return judged === 0 || caps * 2 > judged;
}

/** An acronym or all-capitals word of two or more letters: "NASA", "USAID". */
export function isAllCaps(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase();
}
