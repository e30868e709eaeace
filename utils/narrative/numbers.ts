// Numbers as a writer states them — "Nine thousand", "10x", "tenfold", "$5 billion",
// "5bn", "70B" — turned into values, so the grounding check can hold every one against
// the snapshot and the posts. Pure. No library parses all of these forms alike (compromise
// reads "5bn" as 5 and misses "tenfold" and "a dozen"), so the small grammar is here.

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Multipliers written as one word. */
const FOLD: Record<string, number> = {
  double: 2, doubled: 2, doubles: 2, doubling: 2, twice: 2, triple: 3, tripled: 3, triples: 3, tripling: 3, thrice: 3,
  quadruple: 4, quadrupled: 4, quadruples: 4, quintupled: 5, halved: 0.5, halves: 0.5, halving: 0.5,
};
/** Magnitude suffixes after digits: "5bn", "3m", "70B", "1.2k", "2T". */
const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, mn: 1e6, mm: 1e6, b: 1e9, B: 1e9, bn: 1e9, t: 1e12, T: 1e12, tn: 1e12 };

const NUMBER_WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES), 'dozen', 'a', 'an'].join('|')})`;
/** "and" joins number words only after a scale: "a hundred and twelve", never "one and two". */
const JOIN = String.raw`(?:(?<=hundred|thousand|million|billion|trillion)\s+and\s+|[\s-]+)`;
/** A run of number words, e.g. "nine thousand", "twenty-five", "a hundred and twelve", "a dozen". */
const WORDS_RE = new RegExp(`\\b${NUMBER_WORD}(?:${JOIN}${NUMBER_WORD})*\\b`, 'gi');

/** The value of a run of number words, or null when it is not one ("a", "and" alone). */
export function parseNumberWords(run: string): number | null {
  const words = run.toLowerCase().split(/[\s-]+/).filter(Boolean);
  // Leading articles count as one ("a thousand"); a trailing "and"/"a" is prose, not number.
  while (words.length && (words.at(-1) === 'and' || words.at(-1) === 'a' || words.at(-1) === 'an')) words.pop();
  if (!words.some((w) => w in UNITS || w in TENS || w in SCALES || w === 'dozen')) return null;
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    if (w === 'and') continue;
    if (w === 'a' || w === 'an') {
      if (current !== 0) return null;
      current = 1;
      continue;
    }
    if (w in UNITS) current += UNITS[w]!;
    else if (w in TENS) current += TENS[w]!;
    else if (w === 'dozen') current = (current || 1) * 12;
    else if (w === 'hundred') current = (current || 1) * 100;
    else {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    }
    any = true;
  }
  return any ? total + current : null;
}

/** What kind of number a mention states. */
export type NumberKind = 'plain' | 'money' | 'multiplier' | 'percent';

/** One number in a text, with its value in plain units ("$5 billion" → 5e9, "10x" → 10). */
export interface NumberMention {
  raw: string;
  value: number;
  kind: NumberKind;
  /** Written in words rather than digits ("Nine thousand"). */
  words: boolean;
  /** How far from `value` the true figure may be for this to be a rounding of it. */
  tolerance: number;
  index: number;
}

const CURRENCY = String.raw`(?:US\$|A\$|C\$|\$|€|£|¥|₹|USD\s?|EUR\s?|GBP\s?)`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const MAG_WORD = String.raw`(?:thousand|million|billion|trillion)`;
const DIGIT_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(${CURRENCY})?(${DIGITS})(?:(\s?(?:bn|mn|mm|tn|[kKmMbBtT]))(?![\p{L}\p{N}])|\s(${MAG_WORD})\b)?(\s?(?:x|×|-fold|fold)(?![\p{L}\p{N}])|\s?%|\s(?:percent|per cent)\b|\s(?:times)\b)?(\s(?:dollars|euros|pounds|usd|eur)\b)?`,
  'giu',
);
const FOLD_WORD_RE = new RegExp(String.raw`\b(${[...Object.keys(UNITS), ...Object.keys(TENS), 'hundred', 'thousand'].join('|')})-?fold\b`, 'gi');
const FOLD_VERB_RE = new RegExp(String.raw`\b(${Object.keys(FOLD).join('|')})\b`, 'gi');

/** The rounding a written number implies: "5" ±0.5, "1,200" ±50, "5 billion" ±0.5 billion. */
function toleranceOf(digits: string, scale: number): number {
  const plain = digits.replace(/,/g, '');
  const decimals = plain.split('.')[1]?.length ?? 0;
  if (decimals) return (0.5 * scale) / 10 ** decimals;
  const zeros = plain.match(/0+$/)?.[0].length ?? 0;
  // "300" may be 295–305 at most: a round number stands for what rounds to it, within 5%.
  return Math.min(0.5 * scale * 10 ** zeros, Math.abs(Number(plain) * scale) * 0.05) || 0;
}

/**
 * Every number a text states, digits and words alike. Spans inside `skip` (quoted text,
 * URLs) are left out. Used both on narratives and on the posts they cite.
 */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  for (const m of text.matchAll(DIGIT_RE)) {
    const [raw, cur, digits, suffix, magWord, unit, currencyWord] = m;
    if (!digits) continue;
    const scale = suffix ? SUFFIX[suffix.trim()] ?? 1 : magWord ? SCALES[magWord.toLowerCase()]! : 1;
    const value = Number(digits.replace(/,/g, '')) * scale;
    const u = unit?.trim().toLowerCase() ?? '';
    const kind: NumberKind = cur || currencyWord ? 'money' : u === '%' || u.startsWith('per') ? 'percent' : u ? 'multiplier' : 'plain';
    out.push({ raw: raw.trim(), value, kind, words: false, tolerance: toleranceOf(digits, scale), index: m.index });
    taken.push([m.index, m.index + raw.length]);
  }
  for (const m of text.matchAll(FOLD_WORD_RE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const value = parseNumberWords(m[1]!) ?? 0;
    out.push({ raw: m[0], value, kind: 'multiplier', words: true, tolerance: 0, index: m.index });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(FOLD_VERB_RE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    out.push({ raw: m[0], value: FOLD[m[1]!.toLowerCase()]!, kind: 'multiplier', words: true, tolerance: 0, index: m.index });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(WORDS_RE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const value = parseNumberWords(m[0]);
    if (value === null) continue;
    // "a"/"an" alone, or "one" as a pronoun ("one executive said"), state no figure.
    const words = m[0].toLowerCase().split(/[\s-]+/).filter((w) => w !== 'a' && w !== 'an' && w !== 'and');
    if (!words.length) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const scale = /^\s?(?:x|×|times)\b/i.test(after) ? 'multiplier' : /^\s?(?:%|percent\b|per cent\b)/i.test(after) ? 'percent' : /[$€£¥]\s?$/.test(before) || /^\s(?:dollars|euros|pounds)\b/i.test(after) ? 'money' : 'plain';
    out.push({ raw: m[0].trim(), value, kind: scale, words: true, tolerance: 0, index: m.index });
    taken.push([m.index, m.index + m[0].length]);
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * The text with number words replaced by digits ("Nine thousand developers" → "9000
 * developers"), so the snapshot-figure finder reads both the same way.
 */
export function digitsForWords(text: string): string {
  return text.replace(WORDS_RE, (run, offset: number) => {
    // "5.6 million" is a number already: its scale word belongs to the digits.
    if (/\d\s?$/.test(text.slice(Math.max(0, offset - 2), offset))) return run;
    const v = parseNumberWords(run);
    const lead = run.match(/^\s*/)?.[0] ?? '';
    const trail = run.match(/[\s-]*$/)?.[0] ?? '';
    // Only runs that are a number on their own; "a" and "and" stay words.
    return v === null || /^(?:an?|and)$/i.test(run.trim()) ? run : `${lead}${v}${trail}`;
  });
}
