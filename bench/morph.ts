/**
 * Just enough English morphology for the spinner simulators to keep inflection: a swap of
 * "told" must come out as "informed", not "inform". A surface word is analysed into
 * (lemma, form); a substitute lemma is re-inflected to the same form with `en-inflectors`.
 */
import { Inflectors } from 'en-inflectors';
import type { WordNetPos } from '../scripts/lib/wordnet.js';

/** Penn-style form labels: base (any POS), past, past participle, gerund, 3rd person -s, plural. */
export type Form = 'base' | 'VBD' | 'VBN' | 'VBG' | 'VBZ' | 'NNS';

export interface Analysis {
  lemma: string;
  form: Form;
  /** Parts of speech a substitute must have to be inflected to this form (all for base). */
  pos: WordNetPos[];
}

export type IsLemma = (lemma: string, pos: WordNetPos) => boolean;

const ALL_POS: WordNetPos[] = ['n', 'v', 'a', 'r'];

/**
 * All readings of a lower-case word (or phrase) that some thesaurus could have as a lemma.
 * Several readings may apply ("said": adjective lemma, past of "say"); the spinner, like a
 * real one, does not know which sense the text meant.
 */
export function analyse(word: string, isLemma: IsLemma): Analysis[] {
  const out: Analysis[] = [];
  const basePos = ALL_POS.filter((p) => isLemma(word, p));
  out.push({ lemma: word, form: 'base', pos: basePos.length > 0 ? basePos : ALL_POS });
  const words = word.split(' ');
  const head = words[0];
  const rest = words.slice(1).join(' ');
  // Verbs inflect their first word ("took place"), nouns their last ("price ranges").
  const verbLemma = new Inflectors(head).toPresent();
  if (verbLemma !== head) {
    const lemma = rest ? `${verbLemma} ${rest}` : verbLemma;
    if (isLemma(lemma, 'v')) {
      const inf = new Inflectors(verbLemma);
      const forms: Form[] = [];
      if (inf.toPast() === head) forms.push('VBD');
      else if (inf.toPastParticiple() === head) forms.push('VBN');
      if (inf.toGerund() === head) forms.push('VBG');
      if (inf.toPresentS() === head) forms.push('VBZ');
      for (const form of forms) out.push({ lemma, form, pos: ['v'] });
    }
  }
  const last = words[words.length - 1];
  const singular = new Inflectors(last).toSingular();
  if (singular !== last && new Inflectors(singular).toPlural() === last) {
    const lemma = [...words.slice(0, -1), singular].join(' ');
    if (isLemma(lemma, 'n')) out.push({ lemma, form: 'NNS', pos: ['n'] });
  }
  return out;
}

const cache = new Map<string, string>();

/** Puts a lemma (word or phrase) into `form`; returns it unchanged for `base`. */
export function inflect(lemma: string, form: Form): string {
  if (form === 'base') return lemma;
  const key = `${form}:${lemma}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const words = lemma.split(' ');
  let out: string;
  if (form === 'NNS') {
    // The head of "piece of ground" is "piece"; otherwise the last word ("price range").
    const of = words.indexOf('of');
    const head = of > 0 ? of - 1 : words.length - 1;
    words[head] = new Inflectors(words[head]).toPlural();
    out = words.join(' ');
  } else {
    const inf = new Inflectors(words[0]);
    words[0] =
      form === 'VBD'
        ? inf.toPast()
        : form === 'VBN'
          ? inf.toPastParticiple()
          : form === 'VBG'
            ? inf.toGerund()
            : inf.toPresentS();
    out = words.join(' ');
  }
  cache.set(key, out);
  return out;
}
