/**
 * What changed between the analysed text and the restored one. The edits are known
 * exactly (each replaced span and its replacement), so the diff is read off them rather
 * than searched for; within a replaced phrase, words that stayed the same ("the Nationwide
 * Climate Service" → "the National Weather Service") are shown as unchanged.
 */
import type { Edit } from './doc.js';

export type DiffPart = { kind: 'same'; text: string } | { kind: 'change'; from: string; to: string };

/**
 * `text` is the restored text and `edits` the replacements in it (sorted, offsets into
 * `text`). Joining the `same` texts with the `from`s gives back the original; with the
 * `to`s, the restored text.
 */
export function diffParts(text: string, edits: readonly Edit[]): DiffPart[] {
  const parts: DiffPart[] = [];
  let at = 0;
  for (const e of edits) {
    pushSame(parts, text.slice(at, e.at));
    for (const p of refine(e.from, e.to)) {
      if (p.kind === 'same') pushSame(parts, p.text);
      else parts.push(p);
    }
    at = e.at + e.to.length;
  }
  pushSame(parts, text.slice(at));
  return parts;
}

/** The original side of a diff (what was analysed). */
export function before(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.kind === 'same' ? p.text : p.from)).join('');
}

/** The restored side of a diff. */
export function after(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.kind === 'same' ? p.text : p.to)).join('');
}

function pushSame(parts: DiffPart[], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last?.kind === 'same') last.text += text;
  else parts.push({ kind: 'same', text });
}

/** Splits into words with the space before each kept on the word, so joins are exact. */
function words(s: string): string[] {
  return s.match(/\s*\S+|\s+$/g) ?? [];
}

/** Trims the words (and the space before them) both sides share, so only changed words are marked. */
function refine(from: string, to: string): DiffPart[] {
  const a = words(from);
  const b = words(to);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  const room = Math.min(a.length, b.length) - head;
  while (tail < room && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midFrom = a.slice(head, a.length - tail).join('');
  const midTo = b.slice(head, b.length - tail).join('');
  const space = /^\s*/.exec(midFrom)![0];
  const lead = midTo.startsWith(space) ? space : '';
  const out: DiffPart[] = [{ kind: 'same', text: a.slice(0, head).join('') + lead }];
  if (midFrom.length > lead.length || midTo.length > lead.length) {
    out.push({ kind: 'change', from: midFrom.slice(lead.length), to: midTo.slice(lead.length) });
  }
  out.push({ kind: 'same', text: a.slice(a.length - tail).join('') });
  return out;
}
