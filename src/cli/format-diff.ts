/**
 * `unspin restore --diff`: the changed lines only, each change shown inline
 * as `[-spun-]{+original+}` (the wdiff/git word-diff convention), so it
 * reads well in a terminal and survives copy-paste without colour.
 */
import type { Change } from '../api/index.js';
import { LINE_BREAK } from '../text/tokenize.js';
import { LineIndex } from './positions.js';
import type { Style } from './style.js';
import { visible } from './terminal.js';

interface Block {
  firstLine: number;
  lastLine: number;
  changes: Change[];
}

function groupByLines(index: LineIndex, changes: Change[]): Block[] {
  const blocks: Block[] = [];
  for (const change of changes) {
    const firstLine = index.line(change.offset);
    const lastLine = index.line(change.offset + Math.max(0, change.length - 1));
    const last = blocks[blocks.length - 1];
    if (last && firstLine <= last.lastLine) {
      last.lastLine = Math.max(last.lastLine, lastLine);
      last.changes.push(change);
    } else blocks.push({ firstLine, lastLine, changes: [change] });
  }
  return blocks;
}

function markUp(text: string, start: number, end: number, changes: Change[], style: Style): string {
  let out = '';
  let at = start;
  for (const c of changes) {
    out += visible(text.slice(at, c.offset));
    out += style.red(`[-${visible(c.text)}-]`) + style.green(`{+${visible(c.replacement)}+}`);
    at = c.offset + c.length;
  }
  return out + visible(text.slice(at, end));
}

export function formatDiff(text: string, changes: Change[], style: Style): string {
  if (changes.length === 0) return '';
  const index = new LineIndex(text);
  const blocks = groupByLines(index, changes);
  const width = String(blocks[blocks.length - 1].lastLine).length;
  const out: string[] = [];
  blocks.forEach((block, i) => {
    if (i > 0 && block.firstLine > blocks[i - 1].lastLine + 1) out.push(style.dim('…'.padStart(width)));
    const start = index.lineStart(block.firstLine);
    const end = index.lineEnd(block.lastLine);
    const marked = markUp(text, start, end, block.changes, style).split(LINE_BREAK);
    marked.forEach((line, k) => {
      out.push(`${style.dim(`${String(block.firstLine + k).padStart(width)} │`)} ${line}`);
    });
  });
  return `${out.join('\n')}\n`;
}
