// Splits text into folded word tokens that keep their offsets into the original string,
// so a match found on folded tokens can be underlined in the page's own text.

/** Tokens of one text: parallel arrays, offsets index the original string. */
export interface Tokens {
  text: string;
  /** Folded form: lower-case, diacritics removed (`Tülu` → `tulu`). */
  norm: string[];
  starts: Int32Array;
  ends: Int32Array;
  /** Number of tokens (the offset arrays are longer). */
  length: number;
}

const MARKS = /[\u0300-\u036f]/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Folds one word the way the gazetteer is folded: lower case, no diacritics. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Only non-ASCII words pay for Unicode normalisation.
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

/** Lower-cases without changing length, so offsets found in the result are offsets in `text`. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // Rare (e.g. 'İ' lower-cases to two code units): fold character by character.
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Letters and digits of the scripts we read (lower-case input). */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return (
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x3ff) ||
    (c >= 0x400 && c <= 0x4ff) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x4e00 && c <= 0x9fff)
  );
}

/**
 * Tokenises `text`; `limit` caps the number of tokens read. A hand-written scanner
 * rather than a RegExp: no match array per token, and non-ASCII is noticed on the way.
 */
export function tokenize(text: string, limit = Infinity): Tokens {
  const lower = lowerSameLength(text);
  const norm: string[] = [];
  const len = lower.length;
  // A token takes at least one character and one separator (or ends the text).
  const starts = new Int32Array((len >> 1) + 1);
  const ends = new Int32Array((len >> 1) + 1);
  let n = 0;
  let i = 0;
  while (i < len && norm.length < limit) {
    let c = lower.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let wide = c >= 128;
    let j = i + 1;
    while (j < len) {
      c = lower.charCodeAt(j);
      if (isWordChar(c)) {
        if (c >= 128) wide = true;
        j++;
      } else if (c === 46 && j + 1 < len && isWordChar(lower.charCodeAt(j + 1))) {
        // A dot joins only when a letter or digit follows: `3.1`, `llama.cpp`, `a.i`.
        j += 2;
        if (lower.charCodeAt(j - 1) >= 128) wide = true;
      } else break;
    }
    const w = lower.slice(i, j);
    norm.push(wide ? fold(w) : w);
    starts[n] = i;
    ends[n] = j;
    n++;
    i = j;
  }
  return { text, norm, starts, ends, length: n };
}

/** Folded tokens of a gazetteer alias or lexicon term. */
export function termTokens(term: string): string[] {
  return tokenize(term).norm;
}
