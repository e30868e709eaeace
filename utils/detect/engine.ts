// The matching engine: one token trie holding gazetteer aliases, beat terms, AI terms and
// model-context words, walked once over the text. Cost grows with the text, not with the
// size of the gazetteer (a naive matcher runs one regular expression per name).
// Trie words have integer ids, found from each token's hash (see tokenize.ts): no string
// is built or hashed per token of the text.
import { BEAT_IDS } from '../schema/beats';
import type { DetectorData, DetectorEntity } from './types';
import type { PageLanguage } from './lang';
import { hashWord, isWord, termTokens, tokenize, word, type Tokens } from './tokenize';

/** What a trie node says about the token sequence ending at it. */
interface TermInfo {
  /** Index into the term table (for per-term repeat counting), -1 when it is no beat term. */
  term: number;
  /** AI evidence weight, 0 when none. */
  ai: number;
  /** AI evidence only when written in capitals (AI, LLM). */
  upper: boolean;
  /** A model-context word ("weights", "checkpoint"). */
  ctx: boolean;
  /** Languages (bits, see LANG_BITS) in which the AI evidence counts; 0 for all. */
  langs: number;
}

/** One bit per language the lexicon knows. */
export const LANG_BITS: Record<PageLanguage, number> = { en: 1, de: 2, fr: 4, es: 8 };

interface TrieNode {
  /** Children by word id. */
  next: Map<number, TrieNode> | null;
  entity: number;
  info: TermInfo | null;
}

/** Data compiled for matching; built once per DetectorData and cached. */
export interface CompiledDetector {
  data: DetectorData;
  /** Every word of the trie, by word id. */
  words: string[];
  /**
   * Open-addressing table of the words: pairs (`hashWord` of the word, word id + 1), the
   * id 0 when the slot is empty. Side by side, so a probe reads one cache line.
   */
  slots: Int32Array;
  /** Trie roots by word id; null for a word that starts no term or name. */
  first: (TrieNode | null)[];
  /**
   * One bit per value of a hash's low 16 bits, set for the words that start a term or name:
   * 8 KB that stay in cache and turn away most tokens before the table is read.
   */
  rootBits: Int32Array;
  /** Beat weights per term index: [beatIndex, weight] pairs. */
  termBeats: [number, number][][];
  /** Beat indices per entity (its `beats` as indices into BEAT_IDS). */
  entityBeats: number[][];
  entities: DetectorEntity[];
  notModels: Set<string>;
  /** Names that are everyday words in some languages: folded spelling → language bits. */
  commonWords: Map<string, number>;
  /** Exact spellings of the entities whose case matters (xAI, not XAI), by entity index. */
  exactSpellings: Map<number, Set<string>>;
}

function node(): TrieNode {
  return { next: null, entity: -1, info: null };
}

/** The trie while it is built: word ids by spelling, roots by word id. */
interface TrieBuilder {
  ids: Map<string, number>;
  words: string[];
  first: (TrieNode | null)[];
}

function wordIdOf(t: TrieBuilder, w: string): number {
  let id = t.ids.get(w);
  if (id === undefined) {
    id = t.words.length;
    t.ids.set(w, id);
    t.words.push(w);
    t.first.push(null);
  }
  return id;
}

function insert(t: TrieBuilder, tokens: string[]): TrieNode | null {
  if (tokens.length === 0) return null;
  const id = wordIdOf(t, tokens[0]!);
  let n = (t.first[id] ??= node());
  for (let i = 1; i < tokens.length; i++) {
    const next = (n.next ??= new Map());
    const child = wordIdOf(t, tokens[i]!);
    let m = next.get(child);
    if (!m) next.set(child, (m = node()));
    n = m;
  }
  return n;
}

function infoOf(n: TrieNode): TermInfo {
  return (n.info ??= { term: -1, ai: 0, upper: false, ctx: false, langs: 0 });
}

/** Spellings of a term: as written, with a plural, and (for multi-word names) run together. */
function variants(tokens: string[], plural: boolean): string[][] {
  const out = [tokens];
  const last = tokens[tokens.length - 1]!;
  if (plural && !last.endsWith('s') && /[a-z]$/.test(last)) out.push([...tokens.slice(0, -1), `${last}s`]);
  return out;
}

const ROOT_BITS = 1 << 16;

/** Compiles detector data into the trie the scanner walks. */
export function compile(data: DetectorData): CompiledDetector {
  const root: TrieBuilder = { ids: new Map(), words: [], first: [] };
  const termIndex = new Map<string, number>();
  const termBeats: [number, number][][] = [];
  BEAT_IDS.forEach((beat, b) => {
    for (const [term, w] of Object.entries(data.beats[beat]?.terms ?? {})) {
      let idx = termIndex.get(term);
      if (idx === undefined) {
        idx = termBeats.length;
        termIndex.set(term, idx);
        termBeats.push([]);
        for (const v of variants(termTokens(term), true)) {
          const n = insert(root, v);
          if (n) infoOf(n).term = idx;
        }
      }
      termBeats[idx]!.push([b, w]);
    }
  });
  const upper = new Set(data.ai.upper.map((t) => termTokens(t).join(' ')));
  const langOf = (term: string) => {
    let bits = 0;
    for (const l of data.ai.lang?.[term] ?? []) bits |= LANG_BITS[l as PageLanguage] ?? 0;
    return bits;
  };
  for (const [term, w] of Object.entries(data.ai.terms)) {
    const toks = termTokens(term);
    for (const v of variants(toks, true)) {
      const n = insert(root, v);
      if (!n) continue;
      const info = infoOf(n);
      info.ai = Math.max(info.ai, w);
      info.upper = upper.has(toks.join(' '));
      info.langs = langOf(term);
    }
  }
  for (const term of data.modelContext) {
    for (const v of variants(termTokens(term), true)) {
      const n = insert(root, v);
      if (n) infoOf(n).ctx = true;
    }
  }
  data.entities.forEach((e, idx) => {
    for (const alias of [e.name, ...e.aliases]) {
      const toks = termTokens(alias);
      if (toks.length === 0) continue;
      const spellings = [toks];
      // "Hugging Face" is also written "HuggingFace", "Llama 3" also "Llama3".
      if (toks.length > 1 && toks.length <= 3) spellings.push([toks.join('')]);
      // Chips are counted in plurals: "eight H100s".
      if (e.kind === 'chip') spellings.push([...toks.slice(0, -1), `${toks[toks.length - 1]}s`]);
      for (const s of spellings) {
        const n = insert(root, s);
        // The first entity to claim a spelling keeps it: list specific names before families.
        if (n && n.entity === -1) n.entity = idx;
      }
    }
  });
  // At most a quarter full, so a token that is no trie word misses fast.
  let size = 16;
  while (size < root.words.length * 4) size <<= 1;
  const slots = new Int32Array(size * 2);
  root.words.forEach((w, id) => {
    const h = hashWord(w);
    let k = h & (size - 1);
    while (slots[2 * k + 1] !== 0) k = (k + 1) & (size - 1);
    slots[2 * k] = h;
    slots[2 * k + 1] = id + 1;
  });
  const rootBits = new Int32Array(ROOT_BITS >> 5);
  root.words.forEach((w, id) => {
    const h = hashWord(w);
    if (root.first[id]) rootBits[(h & (ROOT_BITS - 1)) >> 5]! |= 1 << (h & 31);
  });
  return {
    data,
    words: root.words,
    slots,
    first: root.first,
    rootBits,
    termBeats,
    entities: data.entities,
    entityBeats: data.entities.map((e) => e.beats.map((b) => BEAT_IDS.indexOf(b))),
    notModels: new Set(data.notModels.map((w) => w.toLowerCase())),
    commonWords: compileCommonWords(data),
    exactSpellings: new Map(data.entities.flatMap((e, i) => (e.exact ? [[i, new Set([e.name, ...e.aliases])] as const] : []))),
  };
}

function compileCommonWords(data: DetectorData): Map<string, number> {
  const out = new Map<string, number>();
  for (const [lang, words] of Object.entries(data.commonWords ?? {})) {
    const bit = LANG_BITS[lang as PageLanguage] ?? 0;
    for (const w of words) {
      const key = termTokens(w).join(' ');
      out.set(key, (out.get(key) ?? 0) | bit);
    }
  }
  return out;
}

// ── Scanning ──────────────────────────────────────────────────────────────────

/** A name found in the text, before ambiguity is resolved. */
export interface RawMatch {
  /** Gazetteer index, or -1 for an unseen model-shaped name. */
  entity: number;
  /** For unseen names: the slug id and the name as written. */
  id?: string;
  name?: string;
  ambiguous: boolean;
  /** An ambiguous name that opens a sentence, where any word is capitalised. */
  initial?: boolean;
  tokStart: number;
  tokEnd: number;
  start: number;
  end: number;
}

/** Everything one pass over a text finds. */
export interface ScanResult {
  tokens: Tokens;
  matches: RawMatch[];
  /** Weighted count per term index (title/lead hits multiplied). */
  termCounts: Float64Array;
  /** AI evidence in the title/lead and in the rest. */
  aiTitle: number;
  aiBody: number;
  /** Token positions of AI evidence (terms and unambiguous names), ascending. */
  aiPositions: number[];
  /** Token positions of model-context words, ascending. */
  ctxPositions: number[];
  /** Ambiguous entities the text also writes in lower case, as a word ("perplexity"). */
  usedAsWord: Set<number>;
}

const VERSION = /^v?\d{1,3}(?:\.\d{1,3})*[a-z]?$/;
const YEAR = /^(?:19|20)\d\d$/;
const SIZE = /^(?:\d+(?:\.\d+)?[bmkt]|\d+x\d+(?:\.\d+)?b|a\d+(?:\.\d+)?b)$/;
const VARIANT = new Set(['instruct', 'chat', 'base', 'it', 'preview', 'exp', 'mini', 'nano', 'small', 'medium', 'large', 'pro', 'flash', 'ultra', 'turbo', 'vision', 'coder', 'thinking']);

/** True when the gap between two tokens joins them into one name (space, hyphen, underscore). */
function joinable(text: string, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 45 && c !== 95 && c !== 160 && c !== 8209 && c !== 8208) return false;
  }
  return true;
}

function isUpperWord(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

function startsUpper(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
}

/** The word id of token `i`, or -1 when it is no word of the trie. */
function wordId(c: CompiledDetector, t: Tokens, i: number): number {
  const h = t.hashes[i]!;
  const { slots } = c;
  const mask = (slots.length >> 1) - 1;
  for (let k = h & mask; ; k = (k + 1) & mask) {
    const id = slots[2 * k + 1]! - 1;
    if (id < 0) return -1;
    // Equal hashes are checked against the word itself: a collision must not match.
    if (slots[2 * k] === h && isWord(t, i, c.words[id]!)) return id;
  }
}

/**
 * The trie root for token `i`, if the word starts a term or name. Half the words of a
 * text are trie words that start none ("of", "the"): they are skipped on their hash alone,
 * without comparing characters (if the token is such a word, it has no root; if not, the
 * probe goes on).
 */
function rootAt(c: CompiledDetector, t: Tokens, i: number): TrieNode | null {
  const h = t.hashes[i]!;
  if ((c.rootBits[(h & (ROOT_BITS - 1)) >> 5]! & (1 << (h & 31))) === 0) return null;
  const { slots } = c;
  const mask = (slots.length >> 1) - 1;
  for (let k = h & mask; ; k = (k + 1) & mask) {
    const id = slots[2 * k + 1]! - 1;
    if (id < 0) return null;
    const root = c.first[id]!;
    if (root && slots[2 * k] === h && isWord(t, i, c.words[id]!)) return root;
  }
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * One pass over `text`: beat-term counts, AI evidence, and candidate names (known,
 * unseen versions of known families, and model-shaped coined names).
 * `titleEnd` is the offset where the title/lead region ends (its terms weigh more).
 */
export function scan(c: CompiledDetector, text: string, titleEnd: number, titleWeight: number, lang: PageLanguage | null = null): ScanResult {
  const langBit = lang ? LANG_BITS[lang] : 0;
  const tokens = tokenize(text);
  const { starts, ends } = tokens;
  const n = tokens.length;
  const termCounts = new Float64Array(c.termBeats.length);
  const matches: RawMatch[] = [];
  const aiPositions: number[] = [];
  const ctxPositions: number[] = [];
  let aiTitle = 0;
  let aiBody = 0;
  let entityFree = 0;
  const usedAsWord = new Set<number>();
  for (let i = 0; i < n; i++) {
    let nd = rootAt(c, tokens, i);
    if (!nd) continue;
    const inTitle = starts[i]! < titleEnd;
    let j = i;
    let bestEntity = -1;
    let bestEnd = -1;
    // The longest beat term wins: "policy gradient" is reinforcement learning, not policy.
    let term = -1;
    while (nd) {
      j++;
      const info = nd.info;
      if (info) {
        if (info.term >= 0) term = info.term;
        // Language-bound evidence (KI, IA) counts only on pages in its languages.
        if (info.ai > 0 && (!info.upper || isUpperWord(text, starts[i]!, ends[j - 1]!)) && (info.langs === 0 || (info.langs & langBit) !== 0)) {
          if (inTitle) aiTitle += info.ai * titleWeight;
          else aiBody += info.ai;
          aiPositions.push(i);
        }
        if (info.ctx) ctxPositions.push(i);
      }
      if (nd.entity >= 0 && i >= entityFree) {
        bestEntity = nd.entity;
        bestEnd = j;
      }
      if (!nd.next || j >= n || !joinable(text, ends[j - 1]!, starts[j]!)) break;
      const next = wordId(c, tokens, j);
      nd = next < 0 ? null : (nd.next.get(next) ?? null);
    }
    if (term >= 0) termCounts[term]! += inTitle ? titleWeight : 1;
    if (bestEntity < 0) continue;
    const e = c.entities[bestEntity]!;
    if (!plausibleName(c, tokens, i, bestEnd, bestEntity, langBit)) continue;
    let end = bestEnd;
    let spelledVersion = false;
    if (e.kind === 'model') for (let k = i; k < bestEnd && !spelledVersion; k++) if (/\d/.test(word(tokens, k))) spelledVersion = true;
    let unseen: RawMatch | null = null;
    // "Llama 5" when only Llama 4 is known: an unseen version of a known family.
    // Only a bare family name takes a version: "Grok-1 63" is Grok-1 and a number.
    if (e.kind === 'model' && !spelledVersion && end < n && joinable(text, ends[end - 1]!, starts[end]!)) {
      const v = word(tokens, end);
      if (VERSION.test(v) && !YEAR.test(v) && /\d/.test(v) && !SIZE.test(v)) {
        const written = text.slice(starts[i]!, ends[end]!);
        unseen = { entity: -1, id: slug(`${e.id}-${v}`), name: written.replace(/\s+/g, ' '), ambiguous: !!e.ambiguous, tokStart: i, tokEnd: end + 1, start: starts[i]!, end: ends[end]! };
        end++;
      }
    }
    // Sizes and variants belong to the name: "Llama 3.1 405B Instruct".
    while (end < n && joinable(text, ends[end - 1]!, starts[end]!) && (SIZE.test(word(tokens, end)) || (VARIANT.has(word(tokens, end)) && e.kind === 'model'))) end++;
    if (unseen) {
      unseen.tokEnd = end;
      unseen.end = ends[end - 1]!;
      matches.push(unseen);
    } else {
      // A versioned spelling ("TPU v7", "Gemini 2.5 Pro") is specific enough on its own.
      let ambiguous = !!e.ambiguous;
      if (ambiguous && bestEnd - i > 1) for (let k = i + 1; k < bestEnd && ambiguous; k++) if (/\d/.test(word(tokens, k))) ambiguous = false;
      // Ambiguous names count only when capitalised ("grok it", "an apple" are words).
      if (ambiguous && !startsUpper(text, starts[i]!)) {
        if (bestEnd - i === 1) usedAsWord.add(bestEntity);
        continue;
      }
      const m: RawMatch = { entity: bestEntity, ambiguous, tokStart: i, tokEnd: end, start: starts[i]!, end: ends[end - 1]! };
      // Only a one-word name is a capitalised word there; "Mistral AI" is a name anywhere.
      if (ambiguous && bestEnd - i === 1 && opensSentence(text, starts[i]!)) m.initial = true;
      matches.push(m);
    }
    entityFree = end;
  }
  return { tokens, matches, termCounts, aiTitle, aiBody, aiPositions, ctxPositions, usedAsWord };
}

/** True when the text before `at` ends a sentence or a block (or there is none). */
function opensSentence(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9 || c === 160) continue;
    // . ! ? : newline, and opening quotes
    return c === 46 || c === 33 || c === 63 || c === 58 || c === 10 || c === 34 || c === 0x201c || c === 0xab || c === 0xbf || c === 0xa1;
  }
  return true;
}

const CITATION = /^(?:\s+et\s+al\b|\s*\((?:19|20)\d\d[a-z]?\)|,\s*(?:19|20)\d\d\b)/;

/**
 * Whether a gazetteer spelling found at tokens [i, end) is the name here, not a word:
 * the exact case for names whose case matters (xAI is not XAI, explainable AI); not an
 * everyday word of the page's language ("imagen" in Spanish, "le chat" in French) unless
 * a version makes it specific; not a hyphenated compound ("Meta-learning"); not a cited
 * author ("Rubin et al.", "Rubin (2019)").
 */
function plausibleName(c: CompiledDetector, t: Tokens, i: number, end: number, entity: number, langBit: number): boolean {
  const { text, starts, ends } = t;
  const exact = c.exactSpellings.get(entity);
  if (exact && !exact.has(text.slice(starts[i]!, ends[end - 1]!))) return false;
  if (langBit && c.commonWords.size) {
    let key = word(t, i);
    for (let k = i + 1; k < end; k++) key += ` ${word(t, k)}`;
    if ((c.commonWords.get(key) ?? 0) & langBit && !/\d/.test(key)) return false;
  }
  const e = c.entities[entity]!;
  const after = text.slice(ends[end - 1]!, ends[end - 1]! + 12);
  // A hyphenated compound, either side: "Meta-learning", "Meta-Analysis", "OS-Copilot".
  if (end - i === 1 && e.ambiguous && (/^-\p{L}/u.test(after) || (starts[i]! > 1 && text.charCodeAt(starts[i]! - 1) === 45 && /\p{L}/u.test(text[starts[i]! - 2]!)))) return false;
  if (CITATION.test(after)) return false;
  return true;
}

const PLAIN = /^[a-z]{3,}$/;

/** True when token `i` folds to three or more letters a-z; ASCII tokens are checked in place. */
function isPlainWord(t: Tokens, i: number): boolean {
  const start = t.starts[i]!;
  const end = t.ends[i]!;
  for (let k = start; k < end; k++) {
    const ch = t.lower.charCodeAt(k);
    // Folding keeps ASCII characters, so only a non-ASCII token needs its folded form.
    if (ch >= 128) return PLAIN.test(word(t, i));
    if (ch < 97 || ch > 122) return false;
  }
  return end - start >= 3;
}

function nearest(sorted: number[], pos: number, from: number, to: number, window: number): boolean {
  // Binary search for the first position >= pos - window.
  let lo = 0;
  let hi = sorted.length;
  const min = pos - window;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < sorted.length; k++) {
    const p = sorted[k]!;
    if (p > pos + window) return false;
    if (p < from || p >= to) return true;
  }
  return false;
}

/** True when token `i` is written with a capital after its first letter: DeBERTa, RWKV, XGen. */
function coined(t: Tokens, i: number): boolean {
  for (let k = t.starts[i]! + 1; k < t.ends[i]!; k++) {
    const ch = t.text.charCodeAt(k);
    if (ch >= 65 && ch <= 90) return true;
  }
  return false;
}

function isVersion(v: string): boolean {
  return VERSION.test(v) && /\d/.test(v) && !YEAR.test(v);
}

/**
 * Model-shaped names that are in no list: "Korvax-2", "Zephyrine 12B", "Nemotron-Cascade 2".
 * Shape alone is not evidence: a name needs a version or a size after it ("Mistake 1",
 * "Sep 8" and "Chapter 4" are a word and a bare number, so a bare number counts only
 * hyphenated or after a coined word like "RWKV"), and a model-context word ("weights",
 * "parameters"…) within the window, or a place in the title or lead (before `titleEnd`).
 * Hyphenated words with no version ("Few-Shot", "Retrieval-Augmented") are never names.
 */
export function unseenNames(c: CompiledDetector, s: ScanResult, window: number, titleEnd = 0): RawMatch[] {
  if (s.ctxPositions.length === 0 && titleEnd === 0) return [];
  const t = s.tokens;
  const { text, starts, ends } = t;
  const n = t.length;
  const covered = new Uint8Array(n);
  for (const m of s.matches) for (let k = m.tokStart; k < m.tokEnd; k++) covered[k] = 1;
  const out: RawMatch[] = [];
  for (let i = 0; i < n - 1; i++) {
    // Checks that build no string come first: a tenth of all tokens are capitalised.
    if (covered[i] || !startsUpper(text, starts[i]!) || !isPlainWord(t, i) || rootAt(c, t, i)) continue;
    // The tail of a compound ("StableLM-Alpha-3B", "Open-Source-13B") starts no name.
    if (i > 0 && ends[i - 1]! === starts[i]! - 1 && text.charCodeAt(starts[i]! - 1) === 45) continue;
    let end = i + 1;
    let shaped = false;
    if (!covered[end] && joinable(text, ends[i]!, starts[end]!)) {
      const next = word(t, end);
      const hyphen = text.charCodeAt(ends[i]!) !== 32 && text.charCodeAt(ends[i]!) !== 160;
      if (isVersion(next) || SIZE.test(next)) {
        if (!/^\d+$/.test(next) || hyphen || coined(t, i)) {
          shaped = true;
          end++;
        }
      } else if (hyphen && startsUpper(text, starts[end]!) && /^[a-z]+$/.test(next) && !c.notModels.has(next)) {
        const v = end + 1;
        if (v < n && joinable(text, ends[end]!, starts[v]!) && isVersion(word(t, v))) {
          end = v + 1;
          shaped = true;
        }
      }
    }
    if (!shaped || c.notModels.has(word(t, i))) continue;
    while (end < n && joinable(text, ends[end - 1]!, starts[end]!) && (SIZE.test(word(t, end)) || VARIANT.has(word(t, end)))) end++;
    if (starts[i]! >= titleEnd && !nearest(s.ctxPositions, i, i, end, window)) continue;
    const name = text.slice(starts[i]!, ends[end - 1]!).replace(/\s+/g, ' ');
    // Sizes are not part of the identity: "Korvax 12B" and "Korvax 70B" are one family.
    const idTokens: string[] = [];
    for (let k = i; k < end; k++) {
      const tok = word(t, k);
      if (!SIZE.test(tok) && !VARIANT.has(tok)) idTokens.push(tok);
    }
    out.push({ entity: -1, id: slug(idTokens.join('-')), name, ambiguous: false, tokStart: i, tokEnd: end, start: starts[i]!, end: ends[end - 1]! });
    i = end - 1;
  }
  return out;
}

/** Tokens either side in which a sentence-opening ambiguous name needs AI evidence. */
const INITIAL_WINDOW = 4;

/** Keeps ambiguous matches only with AI evidence (or a confirmed name) within `window` tokens. */
export function resolveAmbiguous(s: ScanResult, window: number, confirmed?: ReadonlySet<number>): RawMatch[] {
  const evidence = [...s.aiPositions];
  for (const m of s.matches) if (!m.ambiguous) evidence.push(m.tokStart);
  evidence.sort((a, b) => a - b);
  // A capital that opens a sentence says little: the name counts there when the page
  // names it mid-sentence too, or AI evidence sits right beside it ("Mistral released a
  // new AI model"), and never when the text also uses it as a word ("Perplexity is the
  // exponent of…" on a page that measures perplexity; "Replicate the last two steps").
  const midSentence = new Set<number>();
  for (const m of s.matches) if (m.ambiguous && !m.initial) midSentence.add(m.entity);
  return s.matches.filter((m) => {
    if (!m.ambiguous || (m.entity >= 0 && confirmed?.has(m.entity))) return true;
    if (m.initial && (s.usedAsWord.has(m.entity) || (!midSentence.has(m.entity) && !nearest(evidence, m.tokStart, m.tokStart, m.tokEnd, INITIAL_WINDOW)))) return false;
    return nearest(evidence, m.tokStart, m.tokStart, m.tokEnd, window);
  });
}
