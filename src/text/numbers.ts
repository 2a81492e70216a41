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

/** A year as it is said: 1961 → "nineteen sixty one", 1905 → "nineteen oh five", 1900 → "nineteen hundred". */
function yearToWords(year: number): string {
  const century = Math.floor(year / 100);
  const rest = year % 100;
  if (rest === 0) return `${numberToWords(century)} hundred`;
  return `${numberToWords(century)} ${rest < 10 ? 'oh ' : ''}${numberToWords(rest)}`;
}

/** A decade or century as it is said: 1960s → "nineteen sixties", 60s → "sixties", 1900s → "nineteen hundreds", 2000s → "two thousands". */
function decadeToWords(n: number): string | undefined {
  if (n % 1000 === 0 && n >= 1000) return `${numberToWords(n / 1000)} thousands`;
  if (n % 100 === 0 && n >= 100) return `${numberToWords(n / 100)} hundreds`;
  const tens = Math.floor(n / 10) % 10;
  if (tens === 0 || n >= 10_000) return undefined;
  const word = tens === 1 ? 'tens' : `${TENS[tens].slice(0, -1)}ies`;
  return n >= 100 ? `${numberToWords(Math.floor(n / 100))} ${word}` : word;
}

/**
 * How a number token is read by the language model, which was trained on transcripts: as it
 * is said ("16th" sixteenth, 1961 "nineteen sixty one", the 1960s "nineteen sixties"). Read
 * as a stand-in, a written ordinal or decade looked like a swap of its word ("in the 16th
 * century" → sixteenth), and a year put six unlikely words into its neighbours' context.
 */
export function spokenNumber(token: string): string[] {
  const plain = token.replace(/,/g, '');
  // Four digits without a thousands comma, in prose, are a year.
  if (/^1[1-9]\d\d$/.test(token)) return yearToWords(Number(token)).split(' ');
  if (/^\d+$/.test(plain)) {
    const words = numberToWords(Number(plain));
    if (words) return words.split(' ');
  }
  const ordinal = /^(\d+)(?:st|nd|rd|th)$/i.exec(plain);
  if (ordinal) {
    const words = ordinalToWords(Number(ordinal[1]));
    if (words) return words.split(' ');
  }
  const decade = /^['’]?(\d*0)['’]?s$/.exec(plain);
  if (decade) {
    const words = decadeToWords(Number(decade[1]));
    if (words) return words.split(' ');
  }
  if (/^\d+\s*\/\s*\d+$/.test(plain)) return ['fraction'];
  // Decimals, large amounts, times: one common number word keeps the context sensible.
  return ['hundred'];
}
