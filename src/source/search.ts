/**
 * A source index: documents go in with their fingerprints; a query's fingerprints pick
 * candidate sources from the inverted index (shared fingerprints weighted by rarity), and
 * each candidate is verified by a swap-aware alignment that also yields the evidence.
 * Only candidates whose alignment finds a real copied passage are reported, so a text
 * with nothing in common with the archive returns no match.
 */

import type { TextFormat } from '../input/sniff.js';
import { proseOf } from '../text/markdown.js';
import { roundProbability } from '../util/round.js';
import { alignSource, type Passage, queryOriginals, type SwapLexicon, summarize } from './align.js';
import { fingerprints, type Word, words } from './fingerprint.js';
import type { FindResult, SourceMatch } from './match.js';
import { inlinePreparer, type Preparer, workerPreparer } from './prepare.js';
import { ProseWords } from './prose-words.js';
import type {
  AddResult,
  PreparedDocument,
  SourceDocument,
  SourceStore,
  StoredDocument,
  StoreStats,
} from './store.js';

export interface FindOptions {
  /** Most matches to report (default 5). */
  limit?: number;
  /**
   * `markdown` searches with the prose the markdown renders to: link targets, code and other
   * markup are no evidence of copying. Offsets index the text as given, and swaps are worded
   * as it has them.
   */
  format?: TextFormat;
}

export interface AddOptions {
  /** Documents per transaction (default 2000). */
  batchSize?: number;
  /** Called after each batch with the running totals. */
  onProgress?: (done: AddResult) => void;
}

/** Candidates verified by alignment per query: the right source is nearly always in the top few. */
const CANDIDATES = 20;
const DEFAULT_LIMIT = 5;
/**
 * Candidates with less than this share of the best candidate's fingerprint weight are not
 * verified: a real copy outweighs chance overlaps many times over, and the alignment is
 * the costly step.
 */
const MIN_RELATIVE_WEIGHT = 0.15;
/**
 * A copy of a dozen words or more keeps at least this many fingerprints even at 40% spin;
 * documents sharing fewer with the query share only common phrases, so are not aligned.
 */
const MIN_SHARED = 3;
/** A source explaining less than this share of the query (or window) is noise, not a copy. */
const MIN_SCORE = 0.05;
/** Queries longer than this many words are searched in windows (see `windows`). */
const LONG_QUERY = 2000;
const WINDOW = 1000;
const WINDOW_OVERLAP = 250;
/**
 * Candidates verified per window: alignment is the cost of a long query, and a window
 * holding a copy ranks its source first; the others are chance overlaps.
 */
const WINDOW_CANDIDATES = 5;
/**
 * Documents per transaction. Postings are written in hash order, so a bigger batch touches
 * each page of the postings B-tree fewer times per document: measured at 40k documents,
 * 2,000 per batch ingests 1.6 times as fast as 500.
 */
const DEFAULT_BATCH = 2000;

export class SourceIndex {
  private readonly proseWords = new ProseWords();

  constructor(
    private readonly store: SourceStore,
    private readonly lexicon: SwapLexicon,
  ) {}

  /**
   * Adds documents in batched transactions; idempotent per (id, text). From the second
   * batch on, the next batch is fingerprinted on a worker thread while this one is written.
   */
  async add(
    docs: Iterable<SourceDocument> | AsyncIterable<SourceDocument>,
    options: AddOptions = {},
  ): Promise<AddResult> {
    const size = options.batchSize ?? DEFAULT_BATCH;
    const total: AddResult = { added: 0, replaced: 0, unchanged: 0 };
    const store = async (unique: PreparedDocument[]) => {
      if (unique.length === 0) return;
      const r = await this.store.addBatch(unique);
      total.added += r.added;
      total.replaced += r.replaced;
      total.unchanged += r.unchanged;
    };
    const write = async (batch: PreparedDocument[]) => {
      // A store takes each id once per batch: an id given again is written after the versions
      // before it, so that it replaces them and is counted as it would be across batches.
      let part: PreparedDocument[] = [];
      const ids = new Set<string>();
      for (const doc of batch) {
        if (ids.has(doc.id)) {
          await store(part);
          part = [];
          ids.clear();
        }
        ids.add(doc.id);
        part.push(doc);
      }
      await store(part);
      options.onProgress?.({ ...total });
    };
    let preparer: Preparer = inlinePreparer;
    let pending: Promise<PreparedDocument[]> | undefined;
    let raw: SourceDocument[] = [];
    try {
      for await (const doc of docs) {
        raw.push(doc);
        if (raw.length < size) continue;
        if (pending && preparer === inlinePreparer) preparer = workerPreparer();
        const previous = pending;
        pending = preparer.prepare(raw);
        raw = [];
        if (previous) await write(await previous);
      }
      if (pending) await write(await pending);
      if (raw.length > 0) await write(await inlinePreparer.prepare(raw));
    } finally {
      // A failed batch leaves the next one in flight: settle it before stopping the worker.
      await pending?.catch(() => {});
      await preparer.close();
    }
    return total;
  }

  remove(id: string): Promise<boolean> {
    return this.store.remove(id);
  }

  /** The stored document with this id (text, title, url, date, format), or undefined. */
  get(id: string): Promise<SourceDocument | undefined> {
    return this.store.get(id);
  }

  stats(): Promise<StoreStats> {
    return this.store.stats();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Ranks candidate document keys by the rarity-weighted count of shared fingerprints. */
  private async candidates(hashes: readonly number[], most: number): Promise<number[]> {
    const [postings, n] = await Promise.all([this.store.postings(hashes), this.store.documentCount()]);
    const df = new Map<number, number>();
    for (const p of postings) df.set(p.hash, (df.get(p.hash) ?? 0) + 1);
    const score = new Map<number, number>();
    const shared = new Map<number, number>();
    for (const p of postings) {
      const w = Math.log(1 + n / df.get(p.hash)!);
      score.set(p.key, (score.get(p.key) ?? 0) + w);
      shared.set(p.key, (shared.get(p.key) ?? 0) + 1);
    }
    const ranked = [...score.entries()]
      .filter(([key]) => shared.get(key)! >= MIN_SHARED)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, most);
    const top = ranked[0]?.[1] ?? 0;
    return ranked.filter(([, w]) => w >= top * MIN_RELATIVE_WEIGHT).map(([key]) => key);
  }

  async find(input: string, options: FindOptions = {}): Promise<FindResult> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    // Words from the prose, same offsets; swaps are worded from the text as given.
    const qWords = words(proseOf(input, options.format));
    const originals = queryOriginals(qWords, this.lexicon);
    const fetched = new Map<number, { doc: StoredDocument; words: Word[] }>();
    const found = new Map<number, Passage[]>();
    const ranges = windows(qWords.length);
    for (const [from, to] of ranges) {
      const ws = from === 0 && to === qWords.length ? qWords : qWords.slice(from, to);
      const keys = await this.candidates(
        fingerprints(ws),
        ranges.length > 1 ? WINDOW_CANDIDATES : CANDIDATES,
      );
      const missing = keys.filter((k) => !fetched.has(k));
      for (const doc of await this.store.documents(missing)) {
        fetched.set(doc.key, { doc, words: this.proseWords.of(doc) });
      }
      const part = { one: originals.one.slice(from, to), two: originals.two.slice(from, to) };
      for (const key of keys) {
        const source = fetched.get(key);
        if (!source) continue; // removed since its postings were read
        const raw = alignSource(ws, input, source.words, source.doc.text, part);
        // The share is of this window, so a copy inside a long text counts as much as alone.
        if (raw.evidence.length === 0 || raw.score < MIN_SCORE) continue;
        found.set(key, [...(found.get(key) ?? []), ...raw.passages]);
      }
    }
    const matches: Array<SourceMatch & { raw: number }> = [];
    for (const [key, passages] of found) {
      const { doc } = fetched.get(key)!;
      const raw = summarize(distinct(passages), qWords.length);
      matches.push({
        id: doc.id,
        score: roundProbability(raw.score),
        coverage: roundProbability(raw.coverage),
        ...(doc.title !== undefined && { title: doc.title }),
        ...(doc.url !== undefined && { url: doc.url }),
        ...(doc.date !== undefined && { date: doc.date }),
        evidence: raw.evidence,
        raw: raw.score,
      });
    }
    matches.sort((a, b) => b.raw - a.raw || a.id.localeCompare(b.id));
    return { matches: matches.slice(0, limit).map(({ raw: _raw, ...m }) => m) };
  }
}

/**
 * Word ranges [from, to) a query is searched in. A short query is one range. A long one
 * (a whole report with a copied article somewhere inside) is cut into overlapping
 * windows: its fingerprints would otherwise meet half the archive by chance, and aligning
 * it whole costs its length times each candidate's. The overlap is longer than most copied
 * passages, so a passage lies whole in some window.
 */
export function windows(count: number): Array<[number, number]> {
  if (count <= LONG_QUERY) return [[0, count]];
  const out: Array<[number, number]> = [];
  for (let from = 0; ; from += WINDOW - WINDOW_OVERLAP) {
    const to = Math.min(count, from + WINDOW);
    out.push([from, to]);
    if (to === count) return out;
  }
}

/** Passages found in overlapping windows, each query stretch kept once (the best-scoring). */
function distinct(passages: readonly Passage[]): Passage[] {
  const kept: Passage[] = [];
  for (const p of [...passages].sort((a, b) => b.credit - a.credit)) {
    const a = p.evidence.queryOffset;
    const b = a + p.evidence.queryLength;
    const overlaps = kept.some(
      (k) => a < k.evidence.queryOffset + k.evidence.queryLength && k.evidence.queryOffset < b,
    );
    if (!overlaps) kept.push(p);
  }
  return kept;
}
