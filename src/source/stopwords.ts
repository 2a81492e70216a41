/**
 * English function words. Spinners swap content words far more often than these, so the
 * sequence of function words in a text (with the content words left out) survives spinning
 * well and makes a fingerprint (Stamatatos 2011, "stop-word n-grams").
 */
const WORDS =
  'a about above after again against all am an and any are as at be because been before being below ' +
  'between both but by can could did do does doing down during each few for from further had has have ' +
  'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
  'my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
  'so some such than that the their theirs them themselves then there these they this those through to ' +
  'too under until up very was we were what when where which while who whom why will with would you ' +
  'your yours yourself yourselves may might must shall upon also';

const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(' '));

/** Whether a lower-case word is a function word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
