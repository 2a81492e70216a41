/**
 * Report plumbing: the row type, pass/fail against the minimums, the markdown tables
 * and the JSON file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Minimum {
  op: '>=' | '<=';
  value: number;
  display: string;
}

export interface Row {
  section: string;
  metric: string;
  /** The number compared with the minimum; null when not measured (skipped, failed). */
  value: number | null;
  display: string;
  minimum?: Minimum;
  pass: boolean | null;
  anchor: string;
  data: string;
  command: string;
}

export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a';
}

export function num(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

export function atLeast(value: number, display: string): Minimum {
  return { op: '>=', value, display: `≥ ${display}` };
}

export function atMost(value: number, display: string): Minimum {
  return { op: '<=', value, display: `≤ ${display}` };
}

export function row(r: Omit<Row, 'pass'>): Row {
  let pass: boolean | null = null;
  if (r.minimum && r.value !== null && Number.isFinite(r.value)) {
    pass = r.minimum.op === '>=' ? r.value >= r.minimum.value : r.value <= r.minimum.value;
  } else if (r.minimum) pass = false;
  return { ...r, pass };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(headers: string[], body: string[][]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const r of body) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export function rowsTable(rows: readonly Row[]): string {
  return markdownTable(
    ['metric', 'Unspin', 'minimum (issue)', 'anchor', 'data', 'command'],
    rows.map((r) => [
      r.metric,
      r.display,
      r.minimum ? `${r.minimum.display} ${r.pass ? 'PASS' : 'FAIL'}` : '—',
      r.anchor,
      r.data,
      `\`${r.command}\``,
    ]),
  );
}

export function summaryLine(rows: readonly Row[]): string {
  const judged = rows.filter((r) => r.pass !== null);
  const passed = judged.filter((r) => r.pass).length;
  return `${passed} of ${judged.length} minimums met`;
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
