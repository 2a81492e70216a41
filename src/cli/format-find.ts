/** The readable report of `unspin find`: ranked sources, then each passage's swaps. */

import { percent } from '../api/explain.js';
import type { FindResult } from '../api/source.js';
import { visible } from './terminal.js';

const MAX_SWAPS_SHOWN = 12;
const MAX_COLUMN = 32;

function oneLine(s: string): string {
  return visible(s.replace(/\s+/g, ' '));
}

export function formatFindText(name: string, text: string, result: FindResult): string {
  const where = name === '-' ? 'standard input' : visible(name);
  if (result.matches.length === 0) return `${where}: no source found in the index\n`;
  const n = result.matches.length;
  const lines = [`${where}: ${n} source${n === 1 ? '' : 's'} found`];
  result.matches.forEach((m, rank) => {
    lines.push('');
    lines.push(
      `${rank + 1}. ${oneLine(m.id)}  score ${percent(m.score)}, explains ${percent(m.coverage)} of the text`,
    );
    if (m.title) lines.push(`   title: ${oneLine(m.title)}`);
    if (m.url) lines.push(`   url:   ${oneLine(m.url)}`);
    m.evidence.forEach((e, k) => {
      const excerpt = oneLine(text.slice(e.queryOffset, e.queryOffset + e.queryLength));
      const shown = excerpt.length > 70 ? `${excerpt.slice(0, 67)}...` : excerpt;
      lines.push(
        `   passage ${k + 1}: text ${e.queryOffset}–${e.queryOffset + e.queryLength}, ` +
          `source ${e.sourceOffset}–${e.sourceOffset + e.sourceLength}, ${e.swaps.length} swaps`,
      );
      lines.push(`     "${shown}"`);
      const swaps = e.swaps.slice(0, MAX_SWAPS_SHOWN);
      const width = Math.min(MAX_COLUMN, Math.max(0, ...swaps.map((s) => oneLine(s.query).length)));
      for (const s of swaps) {
        const q = oneLine(s.query) || '(nothing)';
        lines.push(`     ${q.padEnd(width)}  ← source: ${oneLine(s.source) || '(nothing)'}`);
      }
      if (e.swaps.length > swaps.length) lines.push(`     … and ${e.swaps.length - swaps.length} more`);
    });
  });
  return `${lines.join('\n')}\n`;
}
