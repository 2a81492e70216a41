/**
 * Inflection tables for building the substitution lexicon: every form of a lemma
 * with its grammatical tag, so that a synonym pair of lemmas (tell ~ inform) becomes
 * pairs of forms with the same tag (told ~ informed, tells ~ informs).
 * Build time only; uses the npm package `en-inflectors` for the rules and irregulars.
 */
import { Inflectors } from 'en-inflectors';
import type { WordNetPos } from './wordnet.js';

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

/**
 * Forms of a (possibly multi-word) lemma by tag. Verbs inflect their first word
 * ("tell apart" → "told apart"), nouns and adjectives their last.
 */
export function formsOf(lemma: string, pos: WordNetPos): Map<Tag, string> {
  const words = lemma.split(' ');
  const head = pos === 'v' ? 0 : words.length - 1;
  const forms = new Map<Tag, string>();
  for (const tag of TAGS[pos]) {
    const inflected = inflectWord(words[head], pos, tag);
    if (!inflected || /\s/.test(inflected) || inflected.includes('more ') || inflected.includes('most '))
      continue;
    const copy = words.slice();
    copy[head] = inflected.toLowerCase();
    forms.set(tag, copy.join(' '));
  }
  return forms;
}
