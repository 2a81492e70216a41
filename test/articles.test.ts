import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restore } from '../src/api/index.js';
import { applyChanges } from '../src/api/pipeline.js';
import { loadResources } from '../src/resources/index.js';
import { articleChooser, withAgreeingArticles } from '../src/text/articles.js';

const takesAn = articleChooser(loadResources().lm);

/** A change replacing the first occurrence of `from` (after `after`, if given) by `to`. */
function change(text: string, from: string, to: string, after = 0) {
  const offset = text.indexOf(from, after);
  return { offset, length: from.length, text: from, replacement: to, confidence: 0.8 };
}

describe('the article before a restored word', () => {
  it('is chosen by sound as the language model has heard it, by spelling otherwise', () => {
    for (const word of ['hour', 'honest', 'enormous', 'apple', 'FBI']) expect(takesAn(word)).toBe(true);
    for (const word of ['university', 'useful', 'European', 'one', 'large', 'house'])
      expect(takesAn(word)).toBe(false);
    // Words the model does not know go by their first letter.
    expect(takesAn('ornithopterx')).toBe(true);
    expect(takesAn('zqxwv')).toBe(false);
  });

  it('agrees with the replacement, keeping its case, as one more change before it', () => {
    const text = 'It was an enormous bill. An enormous one. A list of names.';
    const changes = [
      change(text, 'enormous', 'large'),
      change(text, 'enormous', 'large', 20),
      change(text, 'list', 'inventory'),
    ];
    const agreed = withAgreeingArticles(text, changes, takesAn);
    expect(applyChanges(text, agreed)).toBe('It was a large bill. A large one. An inventory of names.');
    expect(agreed.map((c) => c.text)).toEqual(['an', 'enormous', 'An', 'enormous', 'A', 'list']);
    for (const c of agreed) expect(text.slice(c.offset, c.offset + c.length)).toBe(c.text);
    expect(agreed[0].confidence).toBe(0.8);
  });

  it('leaves an article that already agrees, is part of a word, or is itself changed', () => {
    const text = 'a large bill; Moran enormous; Kan enormous; an\tenormous; a-enormous';
    const same = [change(text, 'large', 'big')];
    expect(withAgreeingArticles(text, same, takesAn)).toEqual(same);
    const inWords = [change(text, 'enormous', 'large'), change(text, 'enormous', 'large', 25)];
    expect(withAgreeingArticles(text, inWords, takesAn)).toEqual(inWords);
    const hyphen = [change(text, 'enormous', 'large', 60)];
    expect(withAgreeingArticles(text, hyphen, takesAn)).toEqual(hyphen);
    // Separated by a tab only: still the article of the word.
    const tab = [change(text, 'enormous', 'large', 45)];
    expect(applyChanges(text, withAgreeingArticles(text, tab, takesAn))).toContain('; a\tlarge;');
    // Across one line break (wrapped text), but not across a blank line.
    const wrapped = 'It was an\r\nenormous bill. It was an\n\nenormous bill.';
    const both = [change(wrapped, 'enormous', 'large'), change(wrapped, 'enormous', 'large', 20)];
    expect(applyChanges(wrapped, withAgreeingArticles(wrapped, both, takesAn))).toBe(
      'It was a\r\nlarge bill. It was an\n\nlarge bill.',
    );
    // Lines ended by a lone CR (old Mac files) likewise.
    const oldMac = 'It was an\renormous bill. It was an\r\renormous bill.';
    const inOldMac = [change(oldMac, 'enormous', 'large'), change(oldMac, 'enormous', 'large', 20)];
    expect(applyChanges(oldMac, withAgreeingArticles(oldMac, inOldMac, takesAn))).toBe(
      'It was a\rlarge bill. It was an\r\rlarge bill.',
    );
    // An article inside the previous change is that change's business.
    const text2 = 'the bill an enormous';
    const chained = [change(text2, 'bill an', 'invoice a'), change(text2, 'enormous', 'large')];
    expect(withAgreeingArticles(text2, chained, takesAn)).toEqual(chained);
  });

  it('leaves out a change whose article may not change, rather than leave "an large"', () => {
    // The prose of the markdown "`an` enormous bill, an enormous one": the backticks blanked,
    // the inline code (characters 0 to 4) frozen.
    const text = ' an  enormous bill, an enormous one';
    const changes = [change(text, 'enormous', 'large'), change(text, 'enormous', 'large', 20)];
    const outsideCode = (start: number, end: number) => start >= 4 || end <= 0;
    const agreed = withAgreeingArticles(text, changes, takesAn, outsideCode);
    expect(applyChanges(text, agreed)).toBe(' an  enormous bill, a large one');
    // All of it changeable: both restored, each with its article.
    expect(applyChanges(text, withAgreeingArticles(text, changes, takesAn))).toBe(
      ' a  large bill, a large one',
    );
  });
});

describe('a swap whose spinner also fixed the article', () => {
  it('is read with the article its original takes, and restored with it', () => {
    // A State of the Union paragraph (2011, a development text) spun at 25%, with the article
    // before each swap made to agree with the substitute, as real spinners do: "a person" was
    // spun as "an individual". Read with the written "an", "person" scores as "an person".
    const text = readFileSync(
      new URL('./fixtures/sotu-2011-articles-fixed.spun.txt', import.meta.url),
      'utf8',
    );
    const { changes } = restore(text);
    expect(changes.map((c) => [c.text, c.replacement])).toContainEqual(['an individual', 'a person']);
    for (const c of changes) expect(text.slice(c.offset, c.offset + c.length)).toBe(c.text);
  });
});
