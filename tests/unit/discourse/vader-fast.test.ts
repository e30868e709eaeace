// The server's faster VADER against the library as published (the reference the
// extension uses): the same compound score on every post of the capture, on VADER's
// own tricky cases, and on seeded random texts full of glued punctuation.
import { describe, expect, it } from 'vitest';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { scoreText } from '../../../utils/discourse/sentiment';
import { fastScoreText, vaderCompound } from '../../../utils/discourse/vader-fast';
import { capturePosts, readCapture } from '../../../server/ingest/replay';
import { CAPTURE_FILE } from '../../../scripts/capture';

/** Thousands of reference VADER calls: seconds on a free core, far more on a shared one. */
const HEAVY = 180_000;
const reference = (t: string) => SentimentIntensityAnalyzer.polarity_scores(t).compound;

describe('fast VADER', () => {
  it('scores every post of the capture exactly as the library does', () => {
    const texts = capturePosts(readCapture(CAPTURE_FILE)).posts.map((p) => p.post.text || p.post.title || '');
    expect(texts.length).toBeGreaterThan(3000);
    const differing = texts.filter((t) => fastScoreText(t) !== scoreText(t));
    expect(differing).toEqual([]);
    // Not a capture of neutral texts: the scores spread over both signs.
    expect(texts.filter((t) => (scoreText(t) ?? 0) > 0.05).length).toBeGreaterThan(300);
    expect(texts.filter((t) => (scoreText(t) ?? 0) < -0.05).length).toBeGreaterThan(300);
  }, HEAVY);

  it.each([
    'VADER is smart, handsome, and funny.',
    'VADER is smart, handsome, and funny!',
    'VADER is very smart, handsome, and funny.',
    'VADER is VERY SMART, handsome, and FUNNY.',
    'VADER is VERY SMART, handsome, and FUNNY!!!',
    'VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!',
    'VADER is not smart, handsome, nor funny.',
    'The book was good.',
    'At least it isn\'t a horrible book.',
    'The book was only kind of good.',
    'The plot was good, but the characters are uncompelling and the dialog is not great.',
    'Today SUX!',
    'Today only kinda sux! But I\'ll get by, lol',
    'Make sure you :) or :D today!',
    'Catch utf-8 emoji such as 💘 and 💋 and 😁',
    'Not bad at all',
    'never so good, never this bad',
    'the least bad option; at least it works; very least of all',
    '"great", (terrible), !!awful!!, good?!?, ?!?!wonderful, bad..., -nice-, \'okay\'',
    'kind of meh. sort of fine. the shit. yeah right. kiss of death. cut the mustard',
    'GOOD good GOOD good bad BAD',
    'constructor hasOwnProperty __proto__ toString. valueOf! good',
    '',
    '   ',
    '!!!',
  ])('%j scores as the library does', (text) => {
    expect(vaderCompound(text)).toBe(reference(text));
    expect(fastScoreText(text)).toBe(scoreText(text));
  });

  it('agrees on 5,000 seeded random texts mixing sentiment words, boosters, negations, caps and glued punctuation', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
    const words = ['good', 'bad', 'great', 'awful', 'not', "isn't", 'never', 'very', 'kind', 'of', 'but', 'BUT', 'least', 'at', 'so', 'this', 'love', 'hate', 'model', 'GPU', 'AI', 'open', 'weights', 'yeah', 'right', 'the', 'shit', 'bomb', 'LOL', ':)', ':(', '<3', 'sux', 'kinda', 'sort-of', 'without', 'nope'];
    const marks = ['', '', '', '.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '???', '?!?', '(', ')', '#', '@', '_'];
    const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let n = 0; n < 5000; n++) {
      const len = 1 + Math.floor(rand() * 25);
      const parts: string[] = [];
      for (let i = 0; i < len; i++) {
        let w = pick(words);
        if (rand() < 0.2) w = w.toUpperCase();
        parts.push(`${rand() < 0.2 ? pick(marks) : ''}${w}${rand() < 0.3 ? pick(marks) : ''}`);
      }
      const text = parts.join(rand() < 0.1 ? '  ' : ' ');
      expect(vaderCompound(text), text).toBe(reference(text));
    }
  }, HEAVY);
});
