/**
 * Whether a string is valid Unicode: no half of a surrogate pair stands alone
 * (`String.prototype.isWellFormed`, which this project's TypeScript library target predates).
 */
export function isWellFormed(s: string): boolean {
  // With the u flag a pair is one code point; only a lone half matches.
  return !/\p{Surrogate}/u.test(s);
}
