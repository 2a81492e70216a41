/**
 * Numbers as words and digits. Spinners rewrite one as the other ("five" → "5",
 * "a quarter" → "1 / 4"), and the language model knows only words, so digits are
 * read aloud before scoring.
 */
const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const DENOMINATORS: Record<number, [string, string]> = {
  2: ['half', 'halves'],
  3: ['third', 'thirds'],
  4: ['quarter', 'quarters'],
  5: ['fifth', 'fifths'],
  8: ['eighth', 'eighths'],
  10: ['tenth', 'tenths'],
};

/** The words of a whole number below one million ("21" → "twenty one"); undefined beyond. */
export function numberToWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return undefined;
  if (n < 20) return SMALL[n];
  if (n < 100) return n % 10 === 0 ? TENS[n / 10] : `${TENS[Math.floor(n / 10)]} ${SMALL[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${SMALL[Math.floor(n / 100)]} hundred${rest ? ` ${numberToWords(rest)}` : ''}`;
  }
  const rest = n % 1000;
  return `${numberToWords(Math.floor(n / 1000))} thousand${rest ? ` ${numberToWords(rest)}` : ''}`;
}

/**
 * Word forms of small numbers and simple fractions, for the substitution lexicon:
 * pairs [digits, words] such as ["5", "five"], ["1/4", "a quarter"], ["1/4", "one quarter"].
 */
export function numberWordPairs(): [string, string][] {
  const pairs: [string, string][] = [];
  for (let n = 0; n <= 100; n++) pairs.push([String(n), numberToWords(n)!]);
  for (const [denominator, [one, many]] of Object.entries(DENOMINATORS)) {
    pairs.push([`1/${denominator}`, `a ${one}`], [`1/${denominator}`, `one ${one}`]);
    for (let k = 2; k < Number(denominator); k++) pairs.push([`${k}/${denominator}`, `${SMALL[k]} ${many}`]);
  }
  return pairs;
}

/** Ordinals whose word is not the cardinal plus "th". */
const ORDINAL: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** The words of an ordinal below one million ("21" → "twenty first"); undefined beyond. */
export function ordinalToWords(n: number): string | undefined {
  const words = numberToWords(n)?.split(' ');
  if (!words) return undefined;
  const last = words[words.length - 1];
  words[words.length - 1] = ORDINAL[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return words.join(' ');
}

/** How a number token is read by the language model: words when small, else a stand-in. */
export function spokenNumber(token: string): string[] {
  const plain = token.replace(/,/g, '');
  if (/^\d+$/.test(plain)) {
    const words = numberToWords(Number(plain));
    if (words) return words.split(' ');
  }
  // "16th" is read "sixteenth": as a stand-in it made every written ordinal look like a swap.
  const ordinal = /^(\d+)(?:st|nd|rd|th)$/i.exec(plain);
  if (ordinal) {
    const words = ordinalToWords(Number(ordinal[1]));
    if (words) return words.split(' ');
  }
  if (/^\d+\s*\/\s*\d+$/.test(plain)) return ['fraction'];
  // Years, decimals, large amounts: one common number word keeps the context sensible.
  return ['hundred'];
}
