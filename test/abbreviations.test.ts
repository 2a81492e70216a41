import { describe, expect, it } from 'vitest';
import { loadResources, restore } from '../src/api/index.js';
import { abbreviationInitials, SPELLED_LETTER_LOG10, spells } from '../src/channel/abbreviations.js';
import { wordPositions } from '../src/channel/positions.js';
import { tokenize } from '../src/text/tokenize.js';

/** The text's first sentence and its abbreviations' letters, as the decoder reads them. */
function readInitials(text: string) {
  const res = loadResources();
  const [sentence] = wordPositions(tokenize(text), res.lm, res.lexicon);
  return { sentence, initials: abbreviationInitials(sentence, res.lm) };
}

/** The words of the text's first sentence, each with the letter an abbreviation asks of it: "deep:d". */
function initialsOf(text: string): string {
  const { sentence, initials } = readInitials(text);
  const { letters } = initials;
  return sentence.map((p, i) => (letters[i] ? `${p.key}:${letters[i]}` : p.key)).join(' ');
}

describe('bracketed abbreviations', () => {
  it('ask the words of the phrase before them for their letters', () => {
    expect(initialsOf('We use deep learning (DL) here.')).toBe('we use deep:d learning:l dl here');
  });

  it('skip the small words an abbreviation skips, and a plural s', () => {
    expect(initialsOf('A theory of planned behaviour (TPB) helps.')).toBe(
      'a theory:t of planned:p behaviour:b tpb helps',
    );
    expect(initialsOf('New automated teller machines (ATMs) work.')).toBe(
      'new automated:a teller:t machines:m atms work',
    );
  });

  it('ask a hyphenated word for a letter per part where the words alone are too few', () => {
    expect(initialsOf('Studies of human-computer interaction (HCI) grew.')).toBe(
      'studies of human-computer:hc interaction:i hci grew',
    );
    expect(initialsOf('Their non-governmental organization (NGO) helps.')).toBe(
      'their non-governmental:ng organization:o ngo helps',
    );
    // Where the words are as many as the letters, each spells one.
    expect(initialsOf('The sleep-disordered patients (SP) slept.')).toBe(
      'the sleep-disordered:s patients:p sp slept',
    );
  });

  it('ask the words in brackets after an abbreviation for its letters, in the other order', () => {
    expect(initialsOf('We use AI (artificial intelligence) daily.')).toBe(
      'we use ai artificial:a intelligence:i daily',
    );
    expect(initialsOf('A new TPB (theory of planned behaviour) model.')).toBe(
      'a new tpb theory:t of planned:p behaviour:b model',
    );
    // All the words in brackets, or none.
    expect(initialsOf('We use AI (in the artificial intelligence sense) daily.')).not.toContain(':');
  });

  it('ask nothing where the phrase is too short, punctuation cuts it, or the word is an ordinary one', () => {
    for (const text of [
      'They saw it (CNNX) yesterday.',
      'In short, learning (SL) matters.',
      'The budget was cut sharply (see) in May.',
      'Deep learning [DL] and deep learning DL.',
    ]) {
      expect(initialsOf(text)).not.toContain(':');
    }
  });

  it('weigh two letters, in order, for a phrase of two words', () => {
    const { initials } = readInitials('We use deep learning (DL) here.');
    expect([...initials.bonusAt]).toEqual([[4, 2 * SPELLED_LETTER_LOG10]]);
    expect(spells(initials, 2, 4, ['deep', 'learning'])).toBe(true);
    expect(spells(initials, 2, 4, ['profound', 'learning'])).toBe(false);
    expect(spells(initials, 3, 4, ['learning'])).toBe(true);
    expect(spells(initials, 3, 4, ['knowledge'])).toBe(false);
    expect(spells(initials, 0, 2, ['we', 'use'])).toBeUndefined();
    // A reading of another length is compared by the words that an abbreviation spells.
    expect(spells(initials, 2, 4, ['deep', 'machine', 'learning'])).toBe(false);
    expect(spells(initials, 3, 4, ['learning', 'of'])).toBe(true);
    // "use" before "deep" does not mark where the term starts: only a listed term may change "deep".
    expect(spells(initials, 2, 4, ['distance', 'learning'])).toBe(false);
    expect(spells(initials, 2, 4, ['distance', 'learning'], true)).toBe(true);
  });

  it('compare a hyphenated word part by part where it spells several letters', () => {
    const { initials } = readInitials('Of human-pc interplay (HCI) we know.');
    expect(spells(initials, 1, 3, ['human-computer', 'interaction'])).toBe(true);
    expect(spells(initials, 1, 3, ['human-pc', 'interaction'])).toBe(false);
    expect(spells(initials, 1, 3, ['human', 'computer', 'interaction'])).toBe(true);
    expect(spells(initials, 1, 3, ['human', 'interaction'])).toBe(false);
  });

  it('let restore choose the original the abbreviation spells', () => {
    // Without the abbreviation the likelier phrase is restored; with it, the one it spells.
    const bare = 'Patients with physically sent infections were treated at the clinic.';
    expect(restore(bare).restored).toContain('sexually transmitted diseases');
    const spun = 'Patients with physically sent infections (STIs) were treated at the clinic.';
    expect(restore(spun).restored).toContain('sexually transmitted infections (STIs)');
  });

  it('let restore choose the words in brackets that the abbreviation before them spells', () => {
    const spun = 'The WTO (world exchange association) met in Geneva last year.';
    expect(restore(spun).restored.toLowerCase()).toContain('(world trade organization)');
  });

  it('do not reward a reading that matches only some of the letters', () => {
    const spun = 'The rest wrecked breathing (SDB) of the patients was measured.';
    const restored = restore(spun).restored;
    const phrase = restored.slice(4, restored.indexOf(' ('));
    const firstLetters = phrase
      .split(/[\s-]+/)
      .map((w) => w[0])
      .join('');
    // As written (r, w, b) or spelling the abbreviation; nothing in between.
    expect(['rwb', 'sdb']).toContain(firstLetters);
  });

  it('do not change a word before the term to make up a letter, where nothing marks where the term starts', () => {
    // "individual number" is "personal identification number" spun: the term has fewer words
    // than the abbreviation letters, and "apply" is not part of it. Nor may the letters that
    // "individual number" happens to match keep the listed term from being read.
    const open = 'In this paper we apply individual number (PIN) to the problem.';
    expect(restore(open).restored).toContain('we apply personal identification number (PIN)');
    // After an article the term starts there, and the listed term that spells it is read.
    const marked = 'Most banks now give each customer an individual number (PIN) for the card.';
    expect(restore(marked).restored).toContain('a personal identification number (PIN)');
  });

  it('keep a clean term that its abbreviation spells', () => {
    const clean = 'The World Health Organization (WHO) said the new vaccine was safe.';
    expect(restore(clean).restored).toBe(clean);
  });
});
