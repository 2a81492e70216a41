/** Shortest word whose one-letter variants (labour/labor) are taken for spellings of it. */
const MIN_SPELLING_VARIANT_LENGTH = 5;

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

/**
 * Whether two different single words are spellings of one word (labour/labor,
 * travelling/traveling): a spinner that changes only the spelling has disguised nothing.
 */
export function isSpellingVariant(a: string, b: string): boolean {
  return a !== b && Math.min(a.length, b.length) >= MIN_SPELLING_VARIANT_LENGTH && withinOneEdit(a, b);
}
