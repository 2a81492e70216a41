/**
 * Development tool, DEV split only: how far is restore@1 on tortured phrases from what the
 * decoder's ranking of readings allows? Each held-out phrase is put in the benchmark's template
 * and scored as `npm run bench -- tortured` scores it, once as `restore` does and once with no
 * confidence bar: every finding that overlaps the phrase (down to a calibrated confidence of
 * 0.01) replaced by its first suggestion. The second is what restore@1 could gain from weighing
 * the decoder's first readings differently; over-correction, counted the same way for both (a
 * change overlapping the correct phrase in the template), shows what that would cost.
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/tortured-ceiling.ts /tmp/devres/dev-holdout.tsv
 */
import { overlaps } from '../bench/text.js';
import {
  correctsByPhrase,
  normalisePhrase,
  restoredRegion,
  TEMPLATE_PREFIX,
  TEMPLATE_SUFFIX,
} from '../bench/tortured.js';
import { check, restore } from '../src/api/index.js';

const path = process.argv[2];
if (!path)
  throw new Error('give a TSV of held-out rows (tortured, correct), e.g. /tmp/devres/dev-holdout.tsv');
const { byPhrase } = correctsByPhrase(path);
const start = TEMPLATE_PREFIX.length;
/** Every finding overlapping [start, end) replaced by its first suggestion, whatever its confidence. */
const noBar = (sentence: string, end: number) =>
  check(sentence, { minConfidence: 0.01 })
    .findings.filter((f) => overlaps(f.offset, f.offset + f.length, start, end))
    .map((f) => ({ offset: f.offset, length: f.length, replacement: f.suggestions[0] ?? f.text }));
let restored = 0;
let unbarred = 0;
let controls = 0;
let overCorrected = 0;
let overCorrectedUnbarred = 0;
for (const [tortured, corrects] of byPhrase) {
  const sentence = TEMPLATE_PREFIX + tortured + TEMPLATE_SUFFIX;
  const end = start + tortured.length;
  if (corrects.has(normalisePhrase(restoredRegion(sentence, restore(sentence).changes, start, end))))
    restored++;
  if (corrects.has(normalisePhrase(restoredRegion(sentence, noBar(sentence, end), start, end)))) unbarred++;
  for (const correct of corrects) {
    const control = TEMPLATE_PREFIX + correct + TEMPLATE_SUFFIX;
    const phraseEnd = start + correct.length;
    /** A change that overlaps the correct phrase and alters it (the benchmark's "in phrase"). */
    const altersPhrase = (c: { offset: number; length: number; replacement: string }) =>
      overlaps(c.offset, c.offset + c.length, start, phraseEnd) &&
      c.replacement.toLowerCase() !== control.slice(c.offset, c.offset + c.length).toLowerCase();
    controls++;
    if (restore(control).changes.some(altersPhrase)) overCorrected++;
    if (noBar(control, phraseEnd).some(altersPhrase)) overCorrectedUnbarred++;
  }
}
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
console.log(`${byPhrase.size} phrases, ${controls} correct phrases as controls`);
console.log(
  `  as restore does: restore@1 ${pct(restored, byPhrase.size)}, correct phrase changed ${pct(overCorrected, controls)}`,
);
console.log(
  `  no confidence bar: restore@1 ${pct(unbarred, byPhrase.size)}, correct phrase changed ${pct(overCorrectedUnbarred, controls)}`,
);
