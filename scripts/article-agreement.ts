/**
 * Development tool, DEV split only: restoration of spun news whose spinner fixes the
 * indefinite article as it swaps ("a large bill" → "an enormous bill"), as the real spinners
 * of `spinner-swaps` do, against spinner A as it is (it leaves "a enormous"). The article
 * before each swap is made to agree with the substitute, and the gold span then covers it.
 *   npx tsx scripts/article-agreement.ts [documents]
 */
import { loadDevDocuments } from '../bench/corpora.js';
import {
  addCounts,
  type Counts,
  detectionCounts,
  prf,
  restorationGain,
  wordEdits,
} from '../bench/metrics.js';
import { createSpinner, type SpinResult, spinDocument } from '../bench/spinner.js';
import { check, restore } from '../src/api/index.js';
import { loadResources } from '../src/resources/index.js';
import { articleChooser } from '../src/text/articles.js';

const documents = Number(process.argv[2] ?? 200);
const takesAn = articleChooser(loadResources().lm);
const docs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 11, maxDocuments: documents });
const spinner = createSpinner('A');

interface Gold {
  offset: number;
  length: number;
}

/** The spun text with the article before each swap agreeing with the substitute. */
function withArticlesFixed(spun: SpinResult): { text: string; gold: Gold[]; fixed: Gold[] } {
  let text = '';
  let cursor = 0;
  let shift = 0;
  const gold: Gold[] = [];
  const fixed: Gold[] = [];
  for (const g of spun.spans) {
    const article = /(?:^|[^\p{L}])(an?|An?) $/u.exec(
      spun.text.slice(Math.max(0, g.spunOffset - 4), g.spunOffset),
    );
    const first = /^[\p{L}\p{N}]+/u.exec(g.spun)?.[0];
    const at = article ? g.spunOffset - 1 - article[1].length : -1;
    if (article && first && at >= cursor) {
      const wanted = takesAn(first) ? 'an' : 'a';
      if (article[1].toLowerCase() !== wanted) {
        const cased = /^A/.test(article[1]) ? wanted[0].toUpperCase() + wanted.slice(1) : wanted;
        text += `${spun.text.slice(cursor, at)}${cased} `;
        const span = { offset: at + shift, length: g.spunLength + cased.length + 1 };
        shift += cased.length - article[1].length;
        cursor = g.spunOffset;
        gold.push(span);
        fixed.push(span);
        continue;
      }
    }
    gold.push({ offset: g.spunOffset + shift, length: g.spunLength });
  }
  return { text: text + spun.text.slice(cursor), gold, fixed };
}

for (const fixArticles of [false, true]) {
  let counts: Counts = { tp: 0, fp: 0, fn: 0 };
  let spunEdits = 0;
  let restoredEdits = 0;
  let swaps = 0;
  let fixedSwaps = 0;
  let fixedChanged = 0;
  for (const doc of docs) {
    const spun = spinDocument(spinner, doc.text, 0.25, 11, doc.id);
    const { text, gold, fixed } = fixArticles
      ? withArticlesFixed(spun)
      : {
          text: spun.text,
          gold: spun.spans.map((g) => ({ offset: g.spunOffset, length: g.spunLength })),
          fixed: [],
        };
    swaps += gold.length;
    fixedSwaps += fixed.length;
    counts = addCounts(counts, detectionCounts(text, gold, check(text).findings));
    spunEdits += wordEdits(text, doc.text);
    const { restored, changes } = restore(text);
    restoredEdits += wordEdits(restored, doc.text);
    // A swap whose article was fixed counts as changed when a change covers its word.
    for (const g of fixed) {
      if (changes.some((c) => c.offset < g.offset + g.length && c.offset + c.length > g.offset + 3))
        fixedChanged++;
    }
  }
  const q = prf(counts);
  console.log(
    `${fixArticles ? 'articles fixed by the spinner' : 'spinner A as it is'}: ${swaps} swaps` +
      (fixArticles
        ? ` (${fixedSwaps} with the article fixed, ${fixedChanged} of them changed by restore)`
        : '') +
      `; F1 ${q.f1.toFixed(4)} (P ${q.precision.toFixed(4)} R ${q.recall.toFixed(4)}) gain ${restorationGain(spunEdits, restoredEdits).toFixed(4)}`,
  );
}
