/**
 * Inflection tables for building the substitution lexicon: every form of a lemma
 * with its grammatical tag, so that a synonym pair of lemmas (tell ~ inform) becomes
 * pairs of forms with the same tag (told ~ informed, tells ~ informs).
 * Build time only; uses the npm package `en-inflectors` for the rules and irregulars.
 */
import { Inflectors } from 'en-inflectors';
import type { Synset, WordNetPos } from './wordnet.js';

export type Tag =
  | 'base'
  | 'plural'
  | 'past'
  | 'participle'
  | 'third'
  | 'gerund'
  | 'comparative'
  | 'superlative';

const TAGS: Record<WordNetPos, Tag[]> = {
  n: ['base', 'plural'],
  v: ['base', 'third', 'past', 'participle', 'gerund'],
  a: ['base', 'comparative', 'superlative'],
  r: ['base'],
};

function inflectWord(word: string, pos: WordNetPos, tag: Tag): string | undefined {
  if (tag === 'base') return word;
  const inflector = new Inflectors(word);
  try {
    switch (tag) {
      case 'plural':
        return inflector.toPlural();
      case 'past':
        return inflector.toPast();
      case 'participle':
        return inflector.toPastParticiple();
      case 'third':
        return inflector.toPresentS();
      case 'gerund':
        return inflector.toGerund();
      case 'comparative':
        return pos === 'a' ? inflector.comparative() : undefined;
      case 'superlative':
        return pos === 'a' ? inflector.superlative() : undefined;
    }
  } catch {
    return undefined;
  }
}

/** Prepositions that start a noun's complement: "piece of cake" is inflected before it. */
const PREPOSITIONS = new Set(
  'of in on at for to with from by under over about into upon without between among against through per'.split(
    ' ',
  ),
);

/**
 * The word a multi-word lemma inflects: verbs their first ("tell apart" → "told apart"),
 * nouns the word before a complement ("word of mouth" → "words of mouth", "piece of
 * cake" → "pieces of cake") or else their last ("tax return" → "tax returns").
 */
function headOf(words: readonly string[], pos: WordNetPos): number {
  if (pos === 'v') return 0;
  if (pos === 'n') {
    // A preposition at the end is a particle ("cave in"), not a complement.
    const complement = words.findIndex((w, i) => i > 0 && i < words.length - 1 && PREPOSITIONS.has(w));
    if (complement > 0) return complement - 1;
  }
  return words.length - 1;
}

/**
 * Forms of a (possibly multi-word) lemma by tag, inflected at its head (`headOf`). An
 * adjective of several words has only its base form: "up to date" compares with "more".
 */
export function formsOf(lemma: string, pos: WordNetPos): Map<Tag, string> {
  const words = lemma.split(' ');
  const head = headOf(words, pos);
  const forms = new Map<Tag, string>();
  for (const tag of TAGS[pos]) {
    if (pos === 'a' && words.length > 1 && tag !== 'base') continue;
    const inflected = inflectWord(words[head], pos, tag);
    if (!inflected || /\s/.test(inflected) || inflected.includes('more ') || inflected.includes('most '))
      continue;
    // The inflector gives a mass noun itself as its plural ("work", "information"): as a
    // plural it would pair with other nouns' plurals (work ~ functions), so its one form
    // pairs as the singular only. A lemma that is a plural already ("sales", "talks",
    // "quarters") keeps its plural: that is what pairs it with other plurals.
    if (pos === 'n' && tag === 'plural' && inflected === words[head] && !inflected.endsWith('s')) continue;
    const copy = words.slice();
    copy[head] = inflected.toLowerCase();
    forms.set(tag, copy.join(' '));
  }
  return forms;
}

export interface Analysis {
  lemma: string;
  pos: WordNetPos;
  tag: Tag;
}

/** Forms of lemmas, memoised, and (built on first use) the analyses of a form. */
export class FormTable {
  private readonly cache = new Map<string, Map<Tag, string>>();
  private reverse: Map<string, Analysis[]> | undefined;

  constructor(private readonly lemmas: Iterable<[string, WordNetPos]>) {}

  forms(lemma: string, pos: WordNetPos): Map<Tag, string> {
    const key = `${pos}:${lemma}`;
    let forms = this.cache.get(key);
    if (!forms) {
      forms = formsOf(lemma, pos);
      this.cache.set(key, forms);
    }
    return forms;
  }

  /** Every (lemma, part of speech, tag) whose form is `form`: "informed" → inform/v/past, … */
  analyses(form: string): readonly Analysis[] {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const [lemma, pos] of this.lemmas) {
        for (const [tag, f] of this.forms(lemma, pos)) {
          const list = this.reverse.get(f);
          if (list) list.push({ lemma, pos, tag });
          else this.reverse.set(f, [{ lemma, pos, tag }]);
        }
      }
    }
    return this.reverse.get(form) ?? [];
  }
}

/** The forms of WordNet's single-word lemmas, as the lexicon build pairs them. */
export function wordNetFormTable(synsets: ReadonlyMap<string, Synset>): FormTable {
  const lemmas = new Set<string>();
  for (const synset of synsets.values())
    for (const w of synset.words) if (!w.includes(' ')) lemmas.add(`${synset.pos}:${w}`);
  return new FormTable([...lemmas].map((k) => [k.slice(2), k[0] as WordNetPos] as [string, WordNetPos]));
}
