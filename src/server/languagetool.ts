/**
 * LanguageTool's HTTP API (`POST /v2/check`) spoken by Unspin, so editors and browser
 * extensions that talk to a LanguageTool server can use Unspin as theirs. Pure functions:
 * the request's `text` or `data` (LanguageTool's AnnotatedText: text and markup parts)
 * becomes the plain text to check, and the findings become LanguageTool matches whose
 * offsets point into the text as the client sent it, markup included.
 */
import { percent } from '../api/explain.js';
import type { CheckResult, Finding } from '../api/index.js';
import { articleEndingAt, casedLike } from '../text/articles.js';
import { ApiError } from './errors.js';

export interface PlainText {
  /** What the engine reads: text parts verbatim, markup replaced by its `interpretAs`. */
  text: string;
  /** Maps a position in `text` back to the client's document. */
  toOriginal(position: number, isEnd: boolean): number;
  /** Whether `text` from `from` to `to` is the client's own text, no markup in it or replaced. */
  verbatim(from: number, to: number): boolean;
}

interface Segment {
  plainStart: number;
  plainEnd: number;
  originalStart: number;
  originalEnd: number;
  isMarkup: boolean;
}

export function plainFromText(text: string): PlainText {
  return { text, toOriginal: (p) => p, verbatim: () => true };
}

/** Reads LanguageTool's `data` parameter: {"annotation": [{"text"} | {"markup", "interpretAs"?}]}. */
export function plainFromAnnotation(data: string): PlainText {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new ApiError(
      400,
      'invalid-request',
      '"data" is not valid JSON: send {"annotation": [{"text": "..."}, {"markup": "<b>"}]}',
    );
  }
  const annotation = (parsed as { annotation?: unknown } | null)?.annotation;
  if (!Array.isArray(annotation)) {
    throw new ApiError(400, 'invalid-request', '"data" must be an object with an "annotation" array');
  }
  const segments: Segment[] = [];
  let text = '';
  let original = 0;
  for (const [i, part] of annotation.entries()) {
    const { text: t, markup, interpretAs } = (part ?? {}) as Record<string, unknown>;
    const isMarkup = typeof markup === 'string';
    if (!isMarkup && typeof t !== 'string') {
      throw new ApiError(
        400,
        'invalid-request',
        `"data" annotation ${i} needs a "text" or a "markup" string`,
      );
    }
    const shown = isMarkup ? (typeof interpretAs === 'string' ? interpretAs : '') : (t as string);
    const length = isMarkup ? (markup as string).length : shown.length;
    segments.push({
      plainStart: text.length,
      plainEnd: text.length + shown.length,
      originalStart: original,
      originalEnd: original + length,
      isMarkup,
    });
    text += shown;
    original += length;
  }
  const toOriginal = (position: number, isEnd: boolean): number => {
    // Binary search for the segment holding the position; a position inside an
    // interpretAs stands for the whole markup it replaced.
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid];
      if (isEnd ? s.plainEnd < position : s.plainEnd <= position) lo = mid + 1;
      else hi = mid;
    }
    const s = segments[lo];
    if (!s) return original;
    if (s.isMarkup) return isEnd ? s.originalEnd : s.originalStart;
    return s.originalStart + (position - s.plainStart);
  };
  // Markup within the stretch, or markup read as nothing inside it or at its end (where the
  // client's text of the stretch ends after it): a replacement of the stretch would delete
  // it, whatever it is read as.
  const verbatim = (from: number, to: number) =>
    !segments.some(
      (s) =>
        s.isMarkup &&
        (s.plainStart === s.plainEnd
          ? from < s.plainStart && s.plainStart <= to
          : s.plainStart < to && s.plainEnd > from),
    );
  return { text, toOriginal, verbatim };
}

const CONTEXT_CHARS = 40;

/** LanguageTool's context: the match with up to 40 characters either side, "..." where cut. */
export function contextAround(text: string, offset: number, length: number) {
  const from = Math.max(0, offset - CONTEXT_CHARS);
  const to = Math.min(text.length, offset + length + CONTEXT_CHARS);
  const before = from > 0 ? '...' : '';
  const after = to < text.length ? '...' : '';
  const body = text.slice(from, to).replace(/[\r\n\t]/g, ' ');
  return { text: before + body + after, offset: before.length + offset - from, length };
}

/** The sentence holding a match, by punctuation and line breaks: good enough for display. */
export function sentenceAround(text: string, offset: number, length: number): string {
  const boundary = /[.!?]["'”’)]*\s+|\n\s*\n/g;
  let start = 0;
  let end = text.length;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const stop = m.index + m[0].length;
    if (stop <= offset) start = stop;
    else if (m.index >= offset + length) {
      end = m.index + m[0].trimEnd().length;
      break;
    }
  }
  return text.slice(start, end).trim();
}

export const RULE = {
  id: 'UNSPIN_SWAPPED_PHRASE',
  description: 'A word or phrase an article spinner put in place of the original wording',
  issueType: 'style',
  category: { id: 'UNSPIN', name: 'Spun text (Unspin)' },
} as const;

/**
 * Where a match starts, and what each replacement puts there: a client applies a replacement
 * as it is, so where a suggestion takes another article than the one written ("an enormous" →
 * a large), the match takes the article in too, and every replacement says its own. Not where
 * markup stands between them, which a replacement would delete, nor into the match before
 * (`previousEnd`): matches must not overlap.
 */
function replacementsOf(
  finding: Finding,
  plain: PlainText,
  previousEnd: number,
): { from: number; values: string[] } {
  const unchanged = { from: finding.offset, values: finding.suggestions };
  const { articles } = finding;
  const article = articles && articleEndingAt(plain.text, finding.offset, previousEnd);
  if (!article || articles.every((a) => a === article.article.toLowerCase())) return unchanged;
  if (!plain.verbatim(article.offset, finding.offset)) return unchanged;
  const between = plain.text.slice(article.offset + article.article.length, finding.offset);
  return {
    from: article.offset,
    values: finding.suggestions.map((s, i) => casedLike(article.article, articles[i]) + between + s),
  };
}

function toMatch(finding: Finding, plain: PlainText, previousEnd: number) {
  const { from, values } = replacementsOf(finding, plain, previousEnd);
  const to = finding.offset + finding.length;
  const start = plain.toOriginal(from, false);
  const end = plain.toOriginal(to, true);
  const best = finding.suggestions[0];
  return {
    message: best
      ? `"${finding.text}" looks like a spinner's swap for "${best}" (${percent(finding.confidence)} sure).`
      : `"${finding.text}" looks like a spinner's swap (${percent(finding.confidence)} sure).`,
    shortMessage: 'Spun wording',
    replacements: values.map((value) => ({ value })),
    offset: start,
    length: end - start,
    context: contextAround(plain.text, from, to - from),
    sentence: sentenceAround(plain.text, from, to - from),
    type: { typeName: 'Other' },
    rule: RULE,
    ignoreForIncompleteSentence: false,
    contextForSureMatch: 0,
  };
}

/** LanguageTool's English variants, as its `GET /v2/languages` lists them. */
export const ENGLISH_VARIANTS = [
  { name: 'English', code: 'en', longCode: 'en' },
  { name: 'English (Australian)', code: 'en', longCode: 'en-AU' },
  { name: 'English (Canadian)', code: 'en', longCode: 'en-CA' },
  { name: 'English (GB)', code: 'en', longCode: 'en-GB' },
  { name: 'English (New Zealand)', code: 'en', longCode: 'en-NZ' },
  { name: 'English (South African)', code: 'en', longCode: 'en-ZA' },
  { name: 'English (US)', code: 'en', longCode: 'en-US' },
] as const;

/** LanguageTool language codes Unspin answers for: English, or "auto" (answered as English). */
export function acceptsLanguage(code: string): boolean {
  return /^(auto|en(-[A-Za-z]{2})?)$/i.test(code.trim());
}

/**
 * The language a reply names, as LanguageTool would: the variant asked for, or for "auto"
 * the English variant among the client's `preferredVariants` (comma-separated), else US.
 */
export function replyLanguage(requested: string, preferredVariants = ''): { name: string; code: string } {
  const wanted = requested.trim().toLowerCase();
  const code =
    wanted === 'auto'
      ? (preferredVariants
          .split(',')
          .map((v) => v.trim().toLowerCase())
          .find((v) => /^en-[a-z]{2}$/.test(v)) ?? 'en-us')
      : wanted;
  const variant = ENGLISH_VARIANTS.find((v) => v.longCode.toLowerCase() === code);
  return variant
    ? { name: variant.name, code: variant.longCode }
    : { name: 'English', code: code.replace(/-([a-z]{2})$/, (_, c: string) => `-${c.toUpperCase()}`) };
}

export function languageToolReply(
  result: CheckResult,
  plain: PlainText,
  version: string,
  language: { name: string; code: string } = replyLanguage('en-US'),
) {
  return {
    software: {
      name: 'Unspin',
      version,
      buildDate: '',
      apiVersion: 1,
      premium: false,
      status: '',
    },
    warnings: { incompleteResults: false },
    language: { ...language, detectedLanguage: { ...language, confidence: 1 } },
    matches: result.findings.map((f, i) =>
      toMatch(f, plain, i > 0 ? result.findings[i - 1].offset + result.findings[i - 1].length : 0),
    ),
    // Not in LanguageTool's reply; clients ignore fields they do not know.
    unspin: {
      spinProbability: result.spinProbability,
      verdict: result.verdict,
      words: result.words,
      spunAt: result.spunAt,
    },
  };
}
