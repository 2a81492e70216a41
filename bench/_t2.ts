import { loadDevDocuments, loadMeasureDocuments } from './corpora.js';
let t = performance.now();
for (const c of ['brown', 'sotu'] as const) {
  const d = loadMeasureDocuments(c);
  const w = d.reduce((a, b) => a + b.words, 0);
  console.log(c, d.length, w, Math.min(...d.map((x) => x.words)), Math.max(...d.map((x) => x.words)));
  console.log(d[0].id, '\n', d[0].text.slice(0, 700), '\n---');
}
console.log('ms', performance.now() - t);
t = performance.now();
const dev = loadDevDocuments();
const by: Record<string, number> = {};
for (const d of dev) by[d.source] = (by[d.source] ?? 0) + 1;
console.log('dev', dev.length, by, 'ms', performance.now() - t);
console.log(dev.find((d) => d.source === 'nlp-corpus')?.text.slice(0, 400));
