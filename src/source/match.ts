/**
 * What a search finds. Types only, with no Node imports, so the web app can use them too.
 */
import type { Evidence } from './align.js';

export interface SourceMatch {
  id: string;
  /** 0..1: how much of the query this source explains, unknown word swaps counting half. */
  score: number;
  /** 0..1: share of the query's words aligned to this source. */
  coverage: number;
  title?: string;
  url?: string;
  date?: string;
  evidence: Evidence[];
}

export interface FindResult {
  matches: SourceMatch[];
}
