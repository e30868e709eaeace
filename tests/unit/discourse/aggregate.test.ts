// aggregate(): volumes, mood and its shift, per-source mood, key voices, timeline.
import { describe, expect, it } from 'vitest';
import { DiscourseSnapshot } from '../../../utils/schema';
import { aggregate, moodOf, quoteOf, shiftLabel } from '../../../utils/discourse/aggregate';
import { H, NOW, post } from './posts';

const opts = { topicKey: 'open-source-ai|deepseek-v3', beat: 'open-source-ai' as const, query: 'DeepSeek V3', now: NOW };

describe('aggregate', () => {
  it.each([
    // hours ago of each post → volume24h, volumePrev24h, totalRecords
    [[1, 2, 23.9], 3, 0, 3],
    [[1, 25, 47], 1, 2, 3],
    [[49, 100, 167], 0, 0, 3],
    [[169, 200], 0, 0, 0],
    [[], 0, 0, 0],
  ])('posts %j hours old → 24 h %i, previous 24 h %i, total %i', (ages, v24, prev, total) => {
    const s = aggregate(ages.map((hoursAgo) => post({ hoursAgo })), opts);
    expect([s.volume24h, s.volumePrev24h, s.totalRecords]).toEqual([v24, prev, total]);
    expect(() => DiscourseSnapshot.parse(s)).not.toThrow();
  });

  it.each([
    // today's scores, yesterday's scores → positive, neutral, negative shares, shift label
    [[0.8, 0.6, -0.5, 0], [0.1, 0.1, 0.1], 0.5, 0.25, 0.25, 'slightly more positive'],
    [[0.9, 0.9, 0.9], [-0.6, -0.6, -0.6], 1, 0, 0, 'sharply more positive'],
    [[-0.3, -0.3, -0.3], [0, 0, 0], 0, 0, 1, 'more negative'],
    [[0.2, 0.2, 0.2], [0.21, 0.2, 0.2], 1, 0, 0, 'steady'],
    [[0.5, 0.5, 0.5], [0.5], 1, 0, 0, 'new conversation: nothing to compare yet'],
    [[], [0.5, 0.5, 0.5], 0, 0, 0, 'no posts in the last 24 h'],
  ])('mood of %j against %j', (today, before, pos, neu, neg, label) => {
    const posts = [...today.map((sentiment) => post({ sentiment, hoursAgo: 2 })), ...before.map((sentiment) => post({ sentiment, hoursAgo: 30 }))];
    const { mood } = aggregate(posts, opts);
    expect([mood.positive, mood.neutral, mood.negative]).toEqual([pos, neu, neg]);
    expect(mood.shiftLabel).toBe(label);
  });

  it.each([
    [0.02, 'steady'],
    [0.1, 'slightly more positive'],
    [-0.2, 'more negative'],
    [0.5, 'sharply more positive'],
    [-1.2, 'sharply more negative'],
  ])('shift %f reads "%s"', (shift, label) => {
    expect(shiftLabel(shift, true)).toBe(label);
  });

  it('keeps the mood of each community apart', () => {
    const posts = [
      ...[0.9, 0.8, 0.7].map((sentiment) => post({ source: 'bluesky', sentiment })),
      ...[-0.6, -0.7].map((sentiment) => post({ source: 'hackernews', sentiment })),
    ];
    const s = aggregate(posts, opts);
    expect(s.bySource.map((b) => [b.source, b.count])).toEqual([['bluesky', 3], ['hackernews', 2]]);
    expect(s.bySource[0]!.mood!.positive).toBe(1);
    expect(s.bySource[1]!.mood!.negative).toBe(1);
    expect(s.mood.score).toBeCloseTo((0.9 + 0.8 + 0.7 - 0.6 - 0.7) / 5, 3);
  });

  it('picks key voices by engagement and reach, one per author, from every source, verbatim', () => {
    const posts = [
      post({ source: 'bluesky', handle: '@star', likes: 5000, text: 'First take from the star.' }),
      post({ source: 'bluesky', handle: '@star', likes: 4000, text: 'Second take from the star.' }),
      post({ source: 'bluesky', handle: '@mid', likes: 300 }),
      post({ source: 'bluesky', handle: '@quiet', likes: 0 }),
      post({ source: 'hackernews', handle: 'hnuser', likes: 20 }),
      post({ source: 'mastodon', handle: '@big@fedi', likes: 1, followers: 900_000 }),
      post({ source: 'mastodon', handle: '@small@fedi', likes: 2, followers: 10 }),
    ];
    const voices = aggregate(posts, opts).keyVoices;
    expect(voices[0]).toMatchObject({ handle: '@star', quote: 'First take from the star.', engagement: 5000 });
    expect(voices.filter((v) => v.handle === '@star')).toHaveLength(1);
    expect(new Set(voices.map((v) => v.platform))).toEqual(new Set(['bluesky', 'hackernews', 'mastodon']));
    // Reach counts: the big fediverse account outranks the small one with more likes.
    expect(voices.findIndex((v) => v.handle === '@big@fedi')).toBeLessThan(voices.findIndex((v) => v.handle === '@small@fedi'));
    for (const v of voices) expect(posts.find((p) => p.id === v.postId)!.text).toContain(v.quote);
  });

  it.each([
    ['Short and whole.', 'Short and whole.'],
    [`${'a'.repeat(100)}. ${'b'.repeat(300)}`, `${'a'.repeat(100)}.`],
    [`${'word '.repeat(80)}`, 'word '.repeat(56).trim()],
  ])('quotes %#: a verbatim prefix ending at a sentence or word', (text, quote) => {
    expect(quoteOf(text)).toBe(quote);
    expect(text).toContain(quoteOf(text));
  });

  it('builds an hourly timeline from the first post to now, at most 7 days', () => {
    const s = aggregate([post({ hoursAgo: 5.5, sentiment: 0.4 }), post({ hoursAgo: 5.2, sentiment: 0 }), post({ hoursAgo: 0.1, sentiment: null })], opts);
    // 07:00 and 07:18 fall in the 07:00 hour; now is 12:30 → hours 07 … 12.
    expect(s.timeline).toHaveLength(6);
    expect(s.timeline[0]).toMatchObject({ count: 2, score: 0.2 });
    expect(s.timeline.at(-1)).toMatchObject({ count: 1, score: null });
    expect(s.timeline.slice(1, -1).every((p) => p.count === 0 && p.score === null)).toBe(true);
    const week = aggregate([post({ hoursAgo: 167.5 }), post({ hoursAgo: 300 })], opts);
    expect(week.timeline).toHaveLength(168);
    expect(week.timeline.reduce((n, p) => n + p.count, 0)).toBe(1);
  });

  it('leaves unscored posts out of the mood but counts them in volume', () => {
    const m = moodOf([0.5], [], 3);
    expect(m.positive).toBe(1);
    const s = aggregate([post({ sentiment: null }), post({ sentiment: null }), post({ sentiment: 0.5 })], opts);
    expect(s.volume24h).toBe(3);
    expect(s.mood.positive).toBe(1);
    void H;
  });
});
