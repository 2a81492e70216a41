/**
 * The document being reviewed: the analysed text, the findings not yet decided, and the
 * suggestions the reader accepted. Accepting rewrites the text, so every offset after the
 * edit moves; keeping both lists in the coordinates of the current text means the view,
 * the restored text and the diff never have to translate between versions.
 */
// Pure text helpers with no imports of their own: the only engine-side code in the bundle.
import { articleEndingAt, articleFor, byFirstLetter, casedLike } from '../text/articles.js';
import { withLineBreaksOf } from '../text/layout.js';
import type { Change, Finding, IndefiniteArticle } from './types.js';

/** A finding still waiting for the reader; `restorable` when `restore` would apply it. */
export interface Pending extends Finding {
  restorable: boolean;
}

/** A replacement standing in the text: `to` starts at `at`; `from` is what it replaced. */
export interface Edit {
  at: number;
  from: string;
  to: string;
  confidence: number;
}

export interface Doc {
  /** The text as analysed (for HTML, the extracted article text). */
  original: string;
  /** The text with the accepted suggestions applied. */
  text: string;
  /** Offsets into `text`, sorted, never overlapping. */
  pending: Pending[];
  /** Offsets into `text`, sorted, never overlapping any pending finding. */
  accepted: Edit[];
}

/** A run of the current text, as the highlighted view draws it. */
export type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'pending'; index: number; finding: Pending }
  | { kind: 'accepted'; edit: Edit };

export function createDoc(text: string, findings: readonly Finding[], changes: readonly Change[] = []): Doc {
  const restorable = new Set(changes.map((c) => `${c.offset}:${c.length}`));
  const pending = [...findings]
    .sort((a, b) => a.offset - b.offset)
    .map((f): Pending => ({ ...f, restorable: restorable.has(`${f.offset}:${f.length}`) }));
  return { original: text, text, pending, accepted: [] };
}

/**
 * The "a" or "an" right before finding `f` (but for spaces or a line break), unless another
 * finding or edit holds it. Where the engine heard one before it (`articles`), the marks of
 * markdown emphasis or a link may stand between them: the engine read the prose.
 */
function articleBefore(doc: Doc, f: Pending): { at: number; text: string } | undefined {
  const offset = f.offset;
  const found = articleEndingAt(doc.text, offset, 0, f.articles !== undefined);
  if (!found) return undefined;
  const at = found.offset;
  // An article inside an accepted edit, or a finding restore applies, is that one's business
  // (restore leaves it to its own change).
  const inside = (start: number, end: number) => start < offset && at < end;
  if (doc.pending.some((p) => p.restorable && inside(p.offset, p.offset + p.length))) return undefined;
  if (doc.accepted.some((e) => inside(e.at, e.at + e.to.length))) return undefined;
  return { at, text: found.article };
}

/**
 * The article written before a finding, made to agree with the suggestion taken: the one the
 * engine heard for it ("an hour", "a university"; the finding's `articles`), or, from a server
 * that does not send them, the one its first letter asks for.
 */
function agreeingArticle(f: Pending, suggestion: string, written: string): string {
  const current = written.toLowerCase() as IndefiniteArticle;
  const wanted =
    f.articles?.[f.suggestions.indexOf(suggestion)] ?? articleFor(suggestion, byFirstLetter) ?? current;
  return wanted === current ? written : casedLike(written, wanted);
}

/**
 * Replaces pending finding `index` by `suggestion`: the finding becomes an accepted edit
 * and everything after it shifts by the change in length. An "a" or "an" right before it is
 * made to agree with the suggestion, in the same edit.
 */
export function accept(doc: Doc, index: number, suggestion: string): Doc {
  const f = doc.pending[index];
  if (!f) throw new RangeError(`no pending finding ${index}`);
  // Laid out as `restore` lays it out: a phrase broken over lines stays broken.
  let replacement = withLineBreaksOf(f.text, suggestion);
  let start = f.offset;
  const end = f.offset + f.length;
  const article = articleBefore(doc, f);
  if (article) {
    const agreeing = agreeingArticle(f, suggestion, article.text);
    if (agreeing !== article.text) {
      start = article.at;
      replacement = agreeing + doc.text.slice(article.at + article.text.length, f.offset) + replacement;
    }
  }
  const from = doc.text.slice(start, end);
  const delta = replacement.length - from.length;
  const text = doc.text.slice(0, start) + replacement + doc.text.slice(end);
  // A finding the article change reaches into (one restore would not apply) is gone with it.
  const pending = doc.pending
    .filter((p, i) => i !== index && (p.offset + p.length <= start || p.offset >= end))
    .map((p) => (p.offset >= end ? { ...p, offset: p.offset + delta } : p));
  const edit: Edit = { at: start, from, to: replacement, confidence: f.confidence };
  const accepted = [...doc.accepted.map((e) => (e.at >= end ? { ...e, at: e.at + delta } : e)), edit].sort(
    (a, b) => a.at - b.at,
  );
  return { original: doc.original, text, pending, accepted };
}

/** Accepts the first suggestion of every pending finding that `restore` would change. */
export function acceptAll(doc: Doc): Doc {
  let next = doc;
  // Right to left, so the indices and offsets still to visit are untouched by each edit.
  for (let i = doc.pending.length - 1; i >= 0; i--) {
    const f = doc.pending[i];
    if (f.restorable && f.suggestions.length > 0) next = accept(next, i, f.suggestions[0]);
  }
  return next;
}

/** The current text cut into plain runs, pending findings and accepted edits, in order. */
export function pieces(doc: Doc): Piece[] {
  const marks: Array<{ start: number; end: number; piece: Piece }> = [
    ...doc.pending.map((finding, index) => ({
      start: finding.offset,
      end: finding.offset + finding.length,
      piece: { kind: 'pending', index, finding } as const,
    })),
    ...doc.accepted.map((edit) => ({
      start: edit.at,
      end: edit.at + edit.to.length,
      piece: { kind: 'accepted', edit } as const,
    })),
  ].sort((a, b) => a.start - b.start);
  const out: Piece[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) out.push({ kind: 'text', text: doc.text.slice(at, m.start) });
    out.push(m.piece);
    at = m.end;
  }
  if (at < doc.text.length) out.push({ kind: 'text', text: doc.text.slice(at) });
  return out;
}

/** The fully restored text and every edit in it (accepted ones and `restore`'s own). */
export function restoredView(doc: Doc): { text: string; edits: Edit[] } {
  const full = acceptAll(doc);
  return { text: full.text, edits: full.accepted };
}

/** Confidence band 1 (weak) … 4 (near certain), for graded highlighting. */
export function band(confidence: number): 1 | 2 | 3 | 4 {
  if (confidence >= 0.9) return 4;
  if (confidence >= 0.75) return 3;
  if (confidence >= 0.6) return 2;
  return 1;
}

/**
 * ", N read as established terms" after the count of suspect phrases: unseen tortured phrases
 * read back (three or more weigh in the verdict); nothing when there are none.
 */
export function termReadingsFact(count: number | undefined): string {
  return count ? `, ${count} read as established term${count === 1 ? '' : 's'}` : '';
}
