/**
 * Copies the capitalisation pattern of `model` (as typed in the input) onto `phrase`. Capitals
 * are copied from a span in capitals only when `shouting` (the sentence around it is in
 * capitals too, as in a headline). Otherwise a span that starts with an acronym ("PC", "TV
 * show") is read as words in their own case ("computer", "television show"), capitalised at a
 * sentence start: `phrase` comes as the sources write it, so an expansion that is a name keeps
 * its capitals ("United States" for USA), and one that is not is not title-cased ("as soon as
 * possible", "television set"). A span in capitalised words, or
 * starting with a capital `inTitle` (a sentence in Title Case), is suggested in Title Case:
 * "Additionally" in a headline → "In Addition", "Huge Amount" → "A Lot of".
 */
export function copyCase(
  model: string,
  phrase: string,
  shouting: boolean,
  sentenceStart: boolean,
  inTitle = false,
): string {
  const modelWords = model.split(/\s+/);
  if (isAllCaps(modelWords[0])) {
    if (shouting && isAllCaps(model)) return phrase.toUpperCase();
    if (!shouting) return sentenceStart ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase;
  }
  const titled = modelWords.length > 1 && modelWords.every((w) => /^\p{Lu}/u.test(w));
  if (titled || (inTitle && /^\p{Lu}/u.test(model))) return titleCased(phrase);
  if (/^\p{Lu}/u.test(model)) return phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return phrase;
}

/** Capitalised but not all capitals: "Home", "McDonald". */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && word !== word.toUpperCase();
}

/**
 * Whether most words around a span are in capitals (a headline, a shouted line): then capitals
 * in the span are the sentence's style, not an acronym. A sentence with as many acronyms as other
 * words is not shouting. Words of one letter ("A", "I") say nothing either way; with no other
 * word to judge by, the span's own style is kept.
 */
export function isShouting(otherWords: readonly string[]): boolean {
  const { caps, judged } = capitalsTally(otherWords);
  return judged === 0 || caps * 2 > judged;
}

/** Of the words of two letters or more (`judged`), how many are in capitals. */
function capitalsTally(words: readonly string[]): { caps: number; judged: number } {
  let caps = 0;
  let judged = 0;
  for (const w of words) {
    if (w.replace(/[^\p{L}]/gu, '').length < 2) continue;
    judged++;
    if (isAllCaps(w)) caps++;
  }
  return { caps, judged };
}

/**
 * Words of English's closed classes, written in capitals only where a whole line is: a
 * sentence of acronyms ("PC, TV and DVD", "IBM, AT&T and GE") or a code identifier
 * (MAX_SAFE_INTEGER) has none of them in capitals.
 */
const FUNCTION_WORDS = new Set(
  'the of and to in for is on that with was as it by be are at from or an not this which have has had were will can'.split(
    ' ',
  ),
);

/** Words of two letters or more a sentence needs before its capitals are read as its style. */
const MIN_SHOUTED_WORDS = 3;

/**
 * Whether a whole sentence is written in capitals (a headline, a shouted line, a document typed
 * in capitals): a function word in capitals, at least MIN_SHOUTED_WORDS words of two letters or
 * more, and most of them in capitals. Stricter than `isShouting`, which judges a span by the
 * words around it: here the capitals decide how every word of the sentence is read. The case of
 * a suggestion keeps the looser rule on purpose: in a text typed in capitals, a short sentence
 * with no function word ("REALISTIC LIVING.") is not read as written in capitals, yet its
 * suggestions belong in capitals (with this rule alone, development texts in capitals got
 * suggestions such as HIT → "Shoot").
 */
export function isWrittenInCapitals(words: readonly string[]): boolean {
  // The function word first: most sentences have none in capitals, and are done.
  if (!words.some((w) => FUNCTION_WORDS.has(w.toLowerCase()) && isAllCaps(w))) return false;
  const { caps, judged } = capitalsTally(words);
  return judged >= MIN_SHOUTED_WORDS && caps * 2 > judged;
}

/**
 * Words a title in Title Case may leave in lower case ("Warning Over Heat in the South"):
 * articles, coordinating conjunctions and prepositions. Not verbs: a title capitalises "Is",
 * and "Barack Obama was President" is running text.
 */
const TITLE_LOWER_WORDS = new Set(
  'a an the and but or nor for so yet of in on at to by as from with into onto upon per via vs'.split(' '),
);

/** `phrase` in Title Case: each word capitalised but articles, conjunctions and prepositions after the first. */
function titleCased(phrase: string): string {
  return phrase.replace(/(^|\s)(\p{L})(\S*)/gu, (match, space, first, rest) =>
    space && TITLE_LOWER_WORDS.has((first + rest).toLowerCase()) ? match : space + first.toUpperCase() + rest,
  );
}

/** Content words a sentence needs before its capitals are read as Title Case. */
const MIN_TITLED_WORDS = 3;

/**
 * Whether a sentence is written in Title Case (a headline, a title): every word of two letters
 * or more that a title may not leave in lower case starts with a capital, and there are at least
 * MIN_TITLED_WORDS of them. Read as names, a headline's words were almost all left alone, and
 * those few readings made clean headlines look spun.
 */
export function isWrittenInTitleCase(words: readonly string[]): boolean {
  let titled = 0;
  for (const w of words) {
    if (!/^\p{L}[\p{L}'’-]+$/u.test(w) || TITLE_LOWER_WORDS.has(w.toLowerCase())) continue;
    if (!/^\p{Lu}/u.test(w)) return false;
    titled++;
  }
  return titled >= MIN_TITLED_WORDS;
}

/** An acronym or all-capitals word of two or more letters: "NASA", "USAID", "PC's". */
export function isAllCaps(word: string): boolean {
  const letters = word.replace(/['’]s$/u, '').replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase();
}
