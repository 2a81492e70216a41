/**
 * Whether a string is valid Unicode: no half of a surrogate pair stands alone
 * (`String.prototype.isWellFormed`, which this project's TypeScript library target predates).
 */
export function isWellFormed(s: string): boolean {
  // With the u flag a pair is one code point; only a lone half matches.
  return !/\p{Surrogate}/u.test(s);
}

/** The string with each lone half of a surrogate pair as U+FFFD, as a UTF-8 store keeps it. */
export function toWellFormed(s: string): string {
  return s.replace(/\p{Surrogate}/gu, '\uFFFD');
}
