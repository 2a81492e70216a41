/**
 * Development tool, DEV split only: a spun section inside a longer clean text. A development
 * document spun by spinner A at 25% (about 230 words) is appended to clean development text of
 * a given length, and the text is checked whole, as `check` does, and window by window: each
 * run of paragraphs of about 300 words checked on its own, its highest probability taken (the
 * lead for a windowed verdict; clean hosts alone show what that costs).
 *   npx tsx scripts/spun-sections.ts [texts per length, default 20] [host lengths, default 500,1000,2000,4000]
 */
import { loadDevDocuments } from '../bench/corpora.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import { countWords } from '../bench/text.js';
import { check } from '../src/api/index.js';

const texts = Number(process.argv[2] ?? 20);
const hostLengths = (process.argv[3] ?? '500,1000,2000,4000').split(',').map(Number);
const WINDOW_WORDS = 300;
const docs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 41 });
const spinner = createSpinner('A');

/** Runs of whole paragraphs of at least `WINDOW_WORDS` words, one starting at each paragraph. */
function windows(text: string): string[] {
  const paragraphs = text.split(/\n\n+/);
  const out: string[] = [];
  for (let start = 0; start < paragraphs.length; start++) {
    let end = start;
    let words = 0;
    while (end < paragraphs.length && words < WINDOW_WORDS) words += countWords(paragraphs[end++]);
    out.push(paragraphs.slice(start, end).join('\n\n'));
    if (end >= paragraphs.length) break;
  }
  return out;
}

const strongestWindow = (text: string) => Math.max(...windows(text).map((w) => check(w).spinProbability));

for (const hostWords of hostLengths) {
  let wholeSpun = 0;
  const withSection: number[] = [];
  const cleanHosts: number[] = [];
  for (let k = 0; k < texts; k++) {
    // Host documents from further down the list than the sections, so the two never share one.
    const host: string[] = [];
    for (let i = texts + k * 25, words = 0; words < hostWords; i++) {
      host.push(docs[i % docs.length].text);
      words += countWords(docs[i % docs.length].text);
    }
    const section = spinDocument(spinner, docs[k].text, 0.25, 5, docs[k].id).text;
    const text = `${host.join('\n\n')}\n\n${section}`;
    if (check(text).verdict === 'spun') wholeSpun++;
    withSection.push(strongestWindow(text));
    cleanHosts.push(strongestWindow(host.join('\n\n')));
  }
  const reaching = (probabilities: number[], bar: number) => probabilities.filter((p) => p >= bar).length;
  console.log(
    `${hostWords} clean words + a spun section: whole text called spun ${wholeSpun}/${texts}; ` +
      `strongest ${WINDOW_WORDS}-word window ≥ 0.9 in ${reaching(withSection, 0.9)}/${texts} ` +
      `(clean hosts alone ${reaching(cleanHosts, 0.9)}/${texts}), ≥ 0.65 in ${reaching(withSection, 0.65)}/${texts} ` +
      `(clean ${reaching(cleanHosts, 0.65)}/${texts})`,
  );
}
