/**
 * Development tool, DEV split only: where restoration of synthetic spun news loses its
 * spans. For every span spinner A swapped, is its original among the decoder's candidates
 * (coverage)? If the decoder were told which spans were swapped, how often would its
 * likeliest candidate (ranked with the neighbouring spans still spun) be the original, and what
 * restoration gain would that give? And what does `restore` do with each span?
 *   npx tsx scripts/news-ceiling.ts [documents] [rate] [sources, default brown,sotu]
 */
import { type DevSource, loadDevDocuments } from '../bench/corpora.js';
import { restorationGain, wordEdits } from '../bench/metrics.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import { applyChanges, restorationChanges, runPipeline } from '../src/api/pipeline.js';
import { sentenceCandidates } from '../src/channel/candidates.js';
import { wordPositions } from '../src/channel/positions.js';
import { DEFAULT_SPINNER_MODEL } from '../src/channel/spinner-model.js';
import { decodeSentence } from '../src/decode/lattice.js';
import { loadResources } from '../src/resources/index.js';
import { tokenize } from '../src/text/tokenize.js';

const documents = Number(process.argv[2] ?? 40);
const rate = Number(process.argv[3] ?? 0.25);
const res = loadResources();
const spinner = createSpinner('A');
const sources = (process.argv[4] ?? 'brown,sotu').split(',') as DevSource[];
const docs = loadDevDocuments({ sources, seed: 11, maxDocuments: documents });
const bare = (s: string) => s.toLowerCase().replace(/['’]s$/, '');
const counts = { spans: 0, covered: 0, oracleRight: 0, restored: 0, wrong: 0, missed: 0 };
// Word edits against the original: of the spun text, and of the spun text with every span whose
// likeliest candidate is the original put back (restoration told exactly which spans were swapped).
const edits = { spun: 0, oracle: 0, restored: 0 };

for (const doc of docs) {
  const spun = spinDocument(spinner, doc.text, rate, 7, doc.id);
  const putBack: { offset: number; end: number; original: string }[] = [];
  // What `restore` does: findings weighed by the verdict, each changed only if worth it.
  const { findings, evidence } = runPipeline(spun.text, res, 0.5);
  const changes = restorationChanges(spun.text, findings, res.lm);
  const sentences = wordPositions(tokenize(spun.text), res.lm, res.lexicon);
  for (const sentence of sentences) {
    if (sentence.length === 0) continue;
    const from = sentence[0].token.offset;
    const to = sentence[sentence.length - 1].token.end;
    const gold = spun.spans.filter((g) => g.spunOffset >= from && g.spunOffset + g.spunLength <= to);
    if (gold.length === 0) continue;
    const candidates = sentenceCandidates(sentence, res, DEFAULT_SPINNER_MODEL);
    const decoded = decodeSentence(sentence, candidates, res.lm, DEFAULT_SPINNER_MODEL, evidence.rate);
    for (const g of gold) {
      counts.spans++;
      const end = g.spunOffset + g.spunLength;
      // Candidates for exactly this span (a trailing possessive may be outside the token).
      const here = candidates.filter(
        (c) =>
          sentence[c.start].token.offset === g.spunOffset &&
          Math.abs(sentence[c.end - 1].token.end - end) <= 2,
      );
      if (here.some((c) => c.original === bare(g.original))) {
        counts.covered++;
        const best = here.reduce((a, b) =>
          (decoded.edgePosterior.get(b) ?? 0) > (decoded.edgePosterior.get(a) ?? 0) ? b : a,
        );
        if (best.original === bare(g.original)) {
          counts.oracleRight++;
          putBack.push({ offset: g.spunOffset, end, original: g.original });
        }
      }
      const change = changes.find((c) => c.offset < end && c.offset + c.length > g.spunOffset);
      if (!change) counts.missed++;
      else if (change.offset === g.spunOffset && bare(change.replacement) === bare(g.original))
        counts.restored++;
      else counts.wrong++;
    }
  }
  let oracleText = spun.text;
  for (const p of putBack.sort((a, b) => b.offset - a.offset))
    oracleText = oracleText.slice(0, p.offset) + p.original + oracleText.slice(p.end);
  edits.spun += wordEdits(spun.text, doc.text);
  edits.oracle += wordEdits(oracleText, doc.text);
  edits.restored += wordEdits(applyChanges(spun.text, changes), doc.text);
}
const share = (n: number) => `${((100 * n) / counts.spans).toFixed(1)}%`;
console.log(`${counts.spans} spans swapped by spinner A at ${rate} in ${docs.length} dev documents`);
console.log(`  original among the candidates:            ${share(counts.covered)}`);
console.log(
  `  restored if the swapped spans were known: ${share(counts.oracleRight)} (gain ${restorationGain(edits.spun, edits.oracle).toFixed(3)})`,
);
console.log(
  `  restore: ${share(counts.restored)} put back, ${share(counts.wrong)} changed to another original, ${share(counts.missed)} left (gain ${restorationGain(edits.spun, edits.restored).toFixed(3)})`,
);
