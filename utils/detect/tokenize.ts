// Splits text into folded word tokens that keep their offsets into the original string,
// so a match found on folded tokens can be underlined in the page's own text.

/** Tokens of one text: parallel arrays, offsets index the original string. */
export interface Tokens {
  text: string;
  /** Folded form: lower-case, diacritics removed (`Tülu` → `tulu`). */
  norm: string[];
  starts: number[];
  ends: number[];
}

// Letters and digits of the scripts we read; a dot joins only when a letter or digit
// follows (`3.1`, `llama.cpp`, `a.i`), so sentence-final dots are left out.
const TOKEN = /[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff]+(?:\.[a-z0-9\u00c0-\u024f]+)*/g;
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

/** Tokenises `text`; `limit` caps the number of tokens read. */
export function tokenize(text: string, limit = Infinity): Tokens {
  const lower = lowerSameLength(text);
  const norm: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(lower)) !== null && norm.length < limit) {
    const w = m[0];
    norm.push(NON_ASCII.test(w) ? fold(w) : w);
    starts.push(m.index);
    ends.push(m.index + w.length);
  }
  return { text, norm, starts, ends };
}

/** Folded tokens of a gazetteer alias or lexicon term. */
export function termTokens(term: string): string[] {
  return tokenize(term).norm;
}
