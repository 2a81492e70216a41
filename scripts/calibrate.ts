/**
 * Fits the document verdict's logistic model on development evidence written by
 * `scripts/tune.ts` (dev split only), and writes src/verdict/calibration.json.
 *   UNSPIN_TUNE_RATES=0.1,0.15,0.25,0.4 npx tsx scripts/tune.ts '{}' 150 && npx tsx scripts/calibrate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { DocumentEvidence } from '../src/decode/analyze.js';
import { documentFeatures } from '../src/verdict/document.js';

const rows = JSON.parse(readFileSync('/tmp/unspin-dev-evidence.json', 'utf8')) as {
  spun: number;
  rate: number;
  evidence: DocumentEvidence;
}[];
const x = rows.map((r) => documentFeatures(r.evidence));
const y = rows.map((r) => r.spun);
// Clean and spun documents weigh the same in total, whatever their counts.
const positives = y.filter((v) => v === 1).length;
const weightOf = (label: number) =>
  label ? rows.length / (2 * positives) : rows.length / (2 * (rows.length - positives));

const dims = x[0].length;
let w = new Array<number>(dims).fill(0);
const L2 = 1e-3;
// Newton's method on the weighted, lightly regularised log-loss.
for (let iteration = 0; iteration < 50; iteration++) {
  const gradient = new Array<number>(dims).fill(0);
  const hessian = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
  x.forEach((xi, i) => {
    const p = 1 / (1 + Math.exp(-xi.reduce((s, v, j) => s + v * w[j], 0)));
    const weight = weightOf(y[i]);
    for (let a = 0; a < dims; a++) {
      gradient[a] += weight * (p - y[i]) * xi[a];
      for (let b = 0; b < dims; b++) hessian[a][b] += weight * p * (1 - p) * xi[a] * xi[b];
    }
  });
  for (let a = 0; a < dims; a++) {
    gradient[a] += L2 * w[a];
    hessian[a][a] += L2;
  }
  const step = solve(hessian, gradient);
  w = w.map((v, j) => v - step[j]);
  if (Math.max(...step.map(Math.abs)) < 1e-8) break;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

let correct = 0;
x.forEach((xi, i) => {
  const p = 1 / (1 + Math.exp(-xi.reduce((s, v, j) => s + v * w[j], 0)));
  if ((p >= 0.5 ? 1 : 0) === y[i]) correct++;
});
const out = {
  weights: w.map((v) => Number(v.toFixed(5))),
  spunAt: 0.65,
  cleanBelow: 0.35,
  fittedOn: `${rows.length} dev documents (clean and spinner A at several rates), scripts/calibrate.ts`,
};
writeFileSync(
  new URL('../src/verdict/calibration.json', import.meta.url),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log(out, `training accuracy ${(correct / rows.length).toFixed(3)}`);
