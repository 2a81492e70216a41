/**
 * The HTTP API's JSON shapes as the web app receives them: the library's own contracts,
 * imported as types only (nothing of the engine reaches the bundle).
 */
import type {
  Change,
  CheckResult,
  Finding,
  IndefiniteArticle,
  RestoreResult,
  TextFormat,
  Verdict,
} from '../api/types.js';
import type { Evidence, Swap } from '../source/align.js';
import type { FindResult, SourceMatch } from '../source/match.js';
import type { SourceDocument, StoreStats } from '../source/store.js';

export type {
  Change,
  CheckResult,
  Evidence,
  Finding,
  IndefiniteArticle,
  RestoreResult,
  SourceDocument,
  Swap,
  TextFormat,
  Verdict,
};

/** `format: "html"` responses also carry the extracted text the offsets refer to. */
export interface CheckResponse extends CheckResult {
  text?: string;
}

export interface RestoreResponse extends RestoreResult {
  text?: string;
}

export type { SourceMatch };
export type FindResponse = FindResult;

export type IndexStats = StoreStats;

export type { InputFormat } from '../input/sniff.js';
