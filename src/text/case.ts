/** Copies the capitalisation pattern of `model` (as typed in the input) onto `phrase`. */
export function copyCase(model: string, phrase: string): string {
  const letters = model.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return phrase.toUpperCase();
  const modelWords = model.split(/\s+/);
  const titled = modelWords.length > 1 && modelWords.every((w) => /^\p{Lu}/u.test(w));
  if (titled) return phrase.replace(/(^|\s)(\p{L})/gu, (_, space, ch) => space + ch.toUpperCase());
  if (/^\p{Lu}/u.test(model)) return phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return phrase;
}

/** Capitalised but not all capitals: "Home", "McDonald". */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && word !== word.toUpperCase();
}

/** An acronym or all-capitals word of two or more letters: "NASA", "USAID". */
export function isAllCaps(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase();
}
