/** The human-readable report of `unspin check`. */
import { percent, spinPercent, spunAtNote } from '../api/explain.js';
import { type CheckResult, termReadingSpinProbability, type Verdict } from '../api/index.js';
import type { InputFormat } from '../input/index.js';
import { LineIndex } from './positions.js';
import type { Style } from './style.js';
import { visible } from './terminal.js';

const MAX_SUGGESTIONS = 3;

// Line breaks or tabs inside a finding would break the one-line-per-finding layout, and any
// other control character could act on the terminal (JSON escapes C0, `visible` the rest).
function showText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return visible(JSON.stringify(s));
  }
  return s;
}

function verdictLabel(verdict: Verdict, style: Style): string {
  if (verdict === 'spun') return style.bold(style.red('spun'));
  if (verdict === 'clean') return style.green('clean');
  return style.yellow(verdict);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatCheckText(
  name: string,
  text: string,
  result: CheckResult,
  style: Style,
  source: InputFormat = 'text',
): string {
  const label = name === '-' ? '<stdin>' : visible(name);
  const note =
    source === 'html' ? style.dim(' (article text extracted from HTML; positions refer to it)') : '';
  const lines = [style.bold(label) + note];
  const index = new LineIndex(text);
  const rows = result.findings.map((f) => {
    const { line, column } = index.position(f.offset);
    return { where: `${line}:${column}`, finding: f };
  });
  // Reduced, not spread as arguments: a long text can have more findings than the stack holds.
  const whereWidth = rows.reduce((w, r) => Math.max(w, r.where.length), 0);
  const textWidth = Math.min(
    24,
    rows.reduce((w, r) => Math.max(w, showText(r.finding.text).length), 0),
  );
  for (const { where, finding } of rows) {
    // The best few are enough to act on; --json has them all.
    // A suggestion across markdown markup carries the markup's characters as written.
    const [best, ...rest] = finding.suggestions.slice(0, MAX_SUGGESTIONS).map(showText);
    const more = finding.suggestions.length > MAX_SUGGESTIONS ? ', …' : '';
    const suggestion =
      best === undefined
        ? style.dim('(no suggestion)')
        : style.green(best) + (rest.length > 0 ? style.dim(`, ${rest.join(', ')}${more}`) : '');
    const shown = showText(finding.text);
    lines.push(
      `  ${style.dim(where.padStart(whereWidth))}  ${style.yellow(shown)}${' '.repeat(Math.max(0, textWidth - shown.length))}` +
        `  → ${suggestion}  ${style.dim(`(${percent(finding.confidence)})`)}`,
    );
  }
  if (rows.length === 0) lines.push(`  ${style.dim('no suspect words')}`);
  const known = result.knownTorturedPhrases;
  if (known.length > 0) {
    lines.push(
      `  ${plural(known.length, 'known tortured phrase')} (Problematic Paper Screener list): ${known.join(', ')}`,
    );
  }
  // Said only where they weigh in the verdict: enough of them for a text this long.
  if (termReadingSpinProbability(result.listedTermReadings, result.words) > 0) {
    lines.push(
      `  ${result.listedTermReadings} different established terms read back: unseen tortured phrases, most likely`,
    );
  }
  const counts = `${plural(result.findings.length, 'finding')} in ${plural(result.words, 'word')}`;
  lines.push(
    `  ${verdictLabel(result.verdict, style)}: spin probability ${spinPercent(result)}, ${counts}${spunAtNote(result)}`,
  );
  return `${lines.join('\n')}\n`;
}

export interface Tally {
  spun: number;
  clean: number;
  uncertain: number;
  errors: number;
}

/** The closing line when several files were checked. */
export function formatTally(tally: Tally, style: Style): string {
  const total = tally.spun + tally.clean + tally.uncertain + tally.errors;
  const parts = [
    tally.spun > 0 ? style.red(`${tally.spun} spun`) : `${tally.spun} spun`,
    `${tally.uncertain} uncertain`,
    `${tally.clean} clean`,
  ];
  if (tally.errors > 0) parts.push(style.red(plural(tally.errors, 'error')));
  return `\n${plural(total, 'file')}: ${parts.join(', ')}\n`;
}
