// Splits text into folded word tokens that keep their offsets into the original string,
// so a match found on folded tokens can be underlined in the page's own text.

/**
 * Tokens of one text: parallel arrays, offsets index the original string. Tokens are not
 * materialised as strings: a page has ~10,000 of them and allocating (then hashing, for
 * a Map lookup) a string per token was most of the detector's time, worse in Chromium
 * than in Node. The matcher finds tokens by `hashes`; `word()` builds one when needed.
 */
export interface Tokens {
  text: string;
  /** `text` lower-cased, same length: a token's folded form is usually its slice of this. */
  lower: string;
  starts: Int32Array;
  ends: Int32Array;
  /** `hashWord` of each token's folded form, computed while scanning. */
  hashes: Int32Array;
  /** Folded forms that differ from their slice of `lower` (diacritics removed), by token index. */
  folded: Map<number, string>;
  /** Number of tokens (the arrays are longer). */
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

// FNV-1a over UTF-16 code units; `tokenize` computes the same hash inline.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The hash `Tokens.hashes` holds for a folded word. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h;
}

/** Folded form of token `i` (lower case, no diacritics). Allocates: use on few tokens. */
export function word(t: Tokens, i: number): string {
  return t.folded.get(i) ?? t.lower.slice(t.starts[i]!, t.ends[i]!);
}

/** True when token `i` folds to `w`, compared in place. */
export function isWord(t: Tokens, i: number, w: string): boolean {
  const start = t.starts[i]!;
  let same = t.ends[i]! - start === w.length;
  let bits = 0;
  for (let k = 0; same && k < w.length; k++) {
    const c = t.lower.charCodeAt(start + k);
    bits |= c;
    same = c === w.charCodeAt(k);
  }
  // An ASCII token is never folded (the common case: no lookup); another may have lost its diacritics.
  if (same && bits < 128) return true;
  const f = t.folded.size > 0 ? t.folded.get(i) : undefined;
  return f === undefined ? same : f === w;
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
 * rather than a RegExp: no match array or string per token, and non-ASCII is noticed
 * on the way.
 */
export function tokenize(text: string, limit = Infinity): Tokens {
  const lower = lowerSameLength(text);
  const len = lower.length;
  // A token takes at least one character and one separator (or ends the text).
  const cap = (len >> 1) + 1;
  const starts = new Int32Array(cap);
  const ends = new Int32Array(cap);
  const hashes = new Int32Array(cap);
  const folded = new Map<number, string>();
  let n = 0;
  let i = 0;
  while (i < len && n < limit) {
    let c = lower.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let wide = c >= 128;
    let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    let j = i + 1;
    while (j < len) {
      c = lower.charCodeAt(j);
      if (isWordChar(c)) {
        if (c >= 128) wide = true;
        h = Math.imul(h ^ c, FNV_PRIME);
        j++;
      } else if (c === 46 && j + 1 < len && isWordChar(lower.charCodeAt(j + 1))) {
        // A dot joins only when a letter or digit follows: `3.1`, `llama.cpp`, `a.i`.
        c = lower.charCodeAt(j + 1);
        if (c >= 128) wide = true;
        h = Math.imul(Math.imul(h ^ 46, FNV_PRIME) ^ c, FNV_PRIME);
        j += 2;
      } else break;
    }
    if (wide) {
      const w = lower.slice(i, j);
      const f = fold(w);
      if (f !== w) {
        folded.set(n, f);
        h = hashWord(f);
      }
    }
    starts[n] = i;
    ends[n] = j;
    hashes[n] = h;
    n++;
    i = j;
  }
  return { text, lower, starts, ends, hashes, folded, length: n };
}

/** Folded tokens of a gazetteer alias or lexicon term. */
export function termTokens(term: string): string[] {
  const t = tokenize(term);
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) out.push(word(t, i));
  return out;
}
