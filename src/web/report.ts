/**
 * Batch results as files to download: JSON (the API's shapes, one entry per document),
 * CSV (one row per document, for spreadsheets) and a self-contained HTML evidence report
 * (inline CSS, no scripts, no external resources: it can be mailed or archived as it is).
 */
import { percent, spinPercent, spunAtNote } from '../api/explain.js';
import { band, termReadingsFact } from './doc.js';
import type { CheckResponse, Finding } from './types.js';

export interface BatchResult {
  id: string;
  /** The analysed text (for HTML input, the extracted article text). */
  text: string;
  result?: CheckResponse;
  error?: { code: string; message: string };
}

export type Order = 'descending' | 'ascending';

/** By spin probability; documents that failed have none and come last either way. */
export function sortResults<T extends BatchResult>(results: readonly T[], order: Order): T[] {
  const sign = order === 'descending' ? -1 : 1;
  return [...results].sort((a, b) => {
    const pa = a.result?.spinProbability;
    const pb = b.result?.spinProbability;
    if (pa === undefined || pb === undefined) return Number(pa === undefined) - Number(pb === undefined);
    return sign * (pa - pb);
  });
}

export function toJson(results: readonly BatchResult[]): string {
  const rows = results.map(({ id, result, error }) =>
    error ? { id, error } : { id, ...withoutText(result as CheckResponse) },
  );
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function withoutText(result: CheckResponse) {
  const { text: _text, ...rest } = result;
  return rest;
}

/** Columns are only ever added at the end, so that sheets reading them by position go on working. */
const CSV_HEADER = ['id', 'verdict', 'spin_probability', 'words', 'findings', 'examples', 'error', 'spun_at'];
const EXAMPLES_PER_ROW = 5;

export function toCsv(results: readonly BatchResult[]): string {
  const rows = results.map(({ id, result, error }) => [
    id,
    result?.verdict ?? '',
    result ? String(result.spinProbability) : '',
    result ? String(result.words) : '',
    result ? String(result.findings.length) : '',
    result ? examples(result.findings) : '',
    error?.message ?? '',
    result ? String(result.spunAt) : '',
  ]);
  return [CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function examples(findings: readonly Finding[]): string {
  return findings
    .slice(0, EXAMPLES_PER_ROW)
    .map((f) => `${f.text} → ${f.suggestions[0] ?? '?'}`)
    .join('; ');
}

/**
 * RFC 4180 quoting. A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe: ids and texts come from the documents, which nobody vetted.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const REPORT_CSS = `
body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;margin:0 auto;max-width:60rem;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd}
.bar{display:inline-block;width:8rem;height:.6rem;background:#e6e6e6;vertical-align:middle}
.bar span{display:block;height:100%;background:#b3261e}
.verdict-spun{color:#b3261e;font-weight:600}.verdict-clean{color:#1e6b30;font-weight:600}.verdict-uncertain{color:#7a5b00;font-weight:600}
.text{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.75rem;overflow-wrap:anywhere}
mark{padding:0 .1em;border-bottom:2px solid #b3261e}mark.b1{background:#fff3c4}mark.b2{background:#ffe08a}
mark.b3{background:#ffc07a}mark.b4{background:#ff9b8a}
.orig{font-size:.8em;color:#1e6b30;margin-left:.15em}.orig::before{content:"→ "}
.error{color:#b3261e}
@media print{.text{border:0;background:none}}
`;

export interface ReportOptions {
  title?: string;
  /** When the report was made; passed in so that reports are reproducible. */
  generated: Date;
}

export function toHtmlReport(results: readonly BatchResult[], options: ReportOptions): string {
  const title = options.title ?? 'Unspin evidence report';
  const sorted = sortResults(results, 'descending');
  const summary = sorted.map((r, i) => summaryRow(r, i)).join('\n');
  const sections = sorted.map((r, i) => section(r, i)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p>${results.length} document${results.length === 1 ? '' : 's'}, made ${escapeHtml(options.generated.toISOString())} by Unspin.
Highlighted phrases are likely spinner swaps; the likely original follows each (→), and the colour deepens with confidence.</p>
<table><thead><tr><th scope="col">Document</th><th scope="col">Verdict</th><th scope="col">Spin probability</th><th scope="col">Words</th><th scope="col">Findings</th></tr></thead>
<tbody>
${summary}
</tbody></table>
${sections}
</body></html>
`;
}

function summaryRow({ id, result, error }: BatchResult, i: number): string {
  const name = `<a href="#doc-${i}">${escapeHtml(id)}</a>`;
  if (!result)
    return `<tr><td>${name}</td><td class="error" colspan="4">${escapeHtml(error?.message ?? '')}</td></tr>`;
  return `<tr><td>${name}</td><td class="verdict-${result.verdict}">${result.verdict}</td><td>${bar(result.spinProbability)} ${spinPercent(result)}</td><td>${result.words}</td><td>${result.findings.length}</td></tr>`;
}

function bar(p: number): string {
  return `<span class="bar" aria-hidden="true"><span style="width:${Math.round(p * 100)}%"></span></span>`;
}

function section({ id, text, result, error }: BatchResult, i: number): string {
  const head = `<h2 id="doc-${i}">${escapeHtml(id)}</h2>`;
  if (!result)
    return `${head}\n<p class="error">Not checked: ${escapeHtml(error?.message ?? 'unknown error')}</p>`;
  return `${head}
<p><span class="verdict-${result.verdict}">${result.verdict}</span>: spin probability ${spinPercent(result)} ${bar(result.spinProbability)}, ${result.words} words, ${result.findings.length} suspect phrase${result.findings.length === 1 ? '' : 's'}${termReadingsFact(result.listedTermReadings)}${escapeHtml(spunAtNote(result))}.</p>${knownPhrases(result.knownTorturedPhrases)}
<div class="text">${highlighted(text, result.findings)}</div>`;
}

function knownPhrases(phrases: readonly string[] | undefined): string {
  if (!phrases?.length) return '';
  return `\n<p>Known tortured phrases (Problematic Paper Screener list): ${phrases.map(escapeHtml).join(', ')}.</p>`;
}

/** The text with each finding marked, its confidence in the tooltip and the likely original after it. */
export function highlighted(text: string, findings: readonly Finding[]): string {
  let html = '';
  let at = 0;
  for (const f of findings) {
    html += escapeHtml(text.slice(at, f.offset));
    const tip = `confidence ${percent(f.confidence)}; likely original: ${f.suggestions.join(' / ')}`;
    html += `<mark class="b${band(f.confidence)}" title="${escapeHtml(tip)}">${escapeHtml(f.text)}</mark>`;
    if (f.suggestions[0]) html += `<span class="orig">${escapeHtml(f.suggestions[0])}</span>`;
    at = f.offset + f.length;
  }
  return html + escapeHtml(text.slice(at));
}
