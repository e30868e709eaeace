// VADER with a faster tokenizer, for the server's ingest (every post is scored there).
// `vader-sentiment` spends most of a call building, for each text, a map of every word
// with every punctuation mark glued before and after it (17 marks × 2 × words) only to
// strip those marks off tokens again. This strips them directly, then hands the tokens
// to the library's own scoring (its lexicon, negation, boosters, "but", idioms,
// punctuation emphasis), so the scores are the library's. utils/discourse/sentiment.ts
// (the library as published) stays the reference: a test compares the two.
import { SentimentIntensityAnalyzer } from 'vader-sentiment';

interface SentiTextLike {
  text: string;
  words_and_emoticons: string[];
  is_cap_diff: boolean;
}
/** The library's static scoring steps, as the published class exposes them. */
interface VaderStatics {
  sentiment_valence(valence: number, sentiText: SentiTextLike, item: string, index: number, sentiments: number[]): number[];
  but_check(words: string[], sentiments: number[]): number[];
  score_valence(sentiments: number[], text: string): { compound: number };
}
const VADER = SentimentIntensityAnalyzer as unknown as VaderStatics;

/** The characters the library strips (its REGEX_REMOVE_PUNCTUATION). */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** The library's PUNC_LIST: marks it peels off the front or back of a word. */
const PUNC_LIST = ['.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?'];
/** The library's BOOSTER_DICT keys (single words can only ever match the one-word keys). */
const BOOSTERS = new Set(
  (
    'absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially exceptionally extremely ' +
    'fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly ' +
    'more most particularly purely quite really remarkably so substantially thoroughly totally tremendously uber unbelievably unusually ' +
    'utterly very almost barely hardly kinda kindof kind-of less little marginally occasionally partly scarcely slightly somewhat sorta sortof sort-of'
  ).split(' '),
);

/** Python's str.isupper as the library writes it. */
const isUpper = (w: string) => w.length > 0 && /^[^a-z]*[A-Z]+[^a-z]*$/.test(w);

/**
 * The library's words_and_emoticons: whitespace tokens longer than one character, each
 * with one leading or trailing mark of PUNC_LIST removed when what is left is a word of
 * the text (as the library's lookup map does; a word never holds a stripped mark, so at
 * most one split of a token can match).
 */
export function vaderTokens(text: string): string[] {
  const raw = text.split(/\s/);
  const words = new Set<string>();
  for (const t of raw) {
    const w = t.replace(PUNCTUATION, '');
    if (w.length > 1) words.add(w);
  }
  const out: string[] = [];
  for (const t of raw) {
    if (t.length <= 1) continue;
    let token = t;
    for (const p of PUNC_LIST) {
      if (t.length <= p.length) continue;
      if (t.startsWith(p) && words.has(t.slice(p.length))) {
        token = t.slice(p.length);
        break;
      }
      if (t.endsWith(p) && words.has(t.slice(0, -p.length))) {
        token = t.slice(0, -p.length);
        break;
      }
    }
    out.push(token);
  }
  return out;
}

/** VADER's compound score of `text` (the library's polarity_scores(text).compound). */
export function vaderCompound(text: string): number {
  const words = vaderTokens(text);
  let caps = 0;
  for (const w of words) if (isUpper(w)) caps++;
  const capDiff = words.length - caps;
  const sentiText: SentiTextLike = { text, words_and_emoticons: words, is_cap_diff: capDiff > 0 && capDiff < words.length };
  let sentiments: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const lower = words[i]!.toLowerCase();
    if ((i < words.length - 1 && lower === 'kind' && words[i + 1]!.toLowerCase() === 'of') || BOOSTERS.has(lower)) {
      sentiments.push(0);
      continue;
    }
    sentiments = VADER.sentiment_valence(0, sentiText, words[i]!, i, sentiments);
  }
  sentiments = VADER.but_check(words, sentiments);
  return VADER.score_valence(sentiments, text).compound;
}

/** As utils/discourse/sentiment.ts's scoreText (same trimming, cut and clamp), with the faster tokenizer. */
export function fastScoreText(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  const c = vaderCompound(t.slice(0, 2000));
  return Number.isFinite(c) ? Math.max(-1, Math.min(1, c)) : null;
}
