import { logistic } from '../../src/verdict/document.js';

export { logistic };

/** Weighted, lightly regularised logistic regression fitted by Newton's method. */
export function fitLogistic(x: number[][], y: number[], sampleWeight: (label: number) => number): number[] {
  const dims = x[0].length;
  let w = new Array<number>(dims).fill(0);
  const L2 = 1e-3;
  // Newton's method on the weighted, lightly regularised log-loss.
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(dims).fill(0);
    const hessian = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    x.forEach((xi, i) => {
      const p = logistic(w, xi);
      const weight = sampleWeight(y[i]);
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

  return w;
}
