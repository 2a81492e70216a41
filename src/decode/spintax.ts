/**
 * Spintax left in the output by a careless spinner: "{dollars}" or "{dollars|bucks}".
 * Such braces are certain evidence of spinning; the original is the first alternative.
 */
import type { SpanFinding } from './findings.js';

const SPINTAX = /\{([^{}|\n]{1,60})(?:\|[^{}\n]{0,200})?\}/g;
/** Posterior that braces around plain words are a spinner's leftover, not markup or code. */
const SPINTAX_CONFIDENCE = 0.95;

export function spintaxFindings(text: string): SpanFinding[] {
  const found: SpanFinding[] = [];
  for (const m of text.matchAll(SPINTAX)) {
    const first = m[1].trim();
    // Only words and spaces inside: braces around code, JSON or template fields are left alone.
    if (!/^[\p{L}\p{N}][\p{L}\p{N}' -]*$/u.test(first)) continue;
    found.push({
      offset: m.index,
      end: m.index + m[0].length,
      suggestions: [first],
      confidence: SPINTAX_CONFIDENCE,
      suggestionConfidence: SPINTAX_CONFIDENCE,
    });
  }
  return found;
}

/** Adds spintax findings, dropping other findings that overlap them. */
export function withSpintax(findings: SpanFinding[], spintax: SpanFinding[]): SpanFinding[] {
  if (spintax.length === 0) return findings;
  const overlaps = (f: SpanFinding) => spintax.some((s) => f.offset < s.end && s.offset < f.end);
  return [...findings.filter((f) => !overlaps(f)), ...spintax].sort((a, b) => a.offset - b.offset);
}
