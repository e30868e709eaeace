import { describe, expect, it } from 'vitest';
import { extractiveNarrative } from '../../../utils/narrative/extractive';
import { checkGrounding, quoteIn, extractQuotes } from '../../../utils/narrative/grounding';
import { DiscourseContext, Narrative, type DiscoursePost } from '../../../utils/schema';
import { CONTEXT, POSTS } from './fixtures';

const postOf = (id: string) => CONTEXT.posts.find((p) => p.id === id)!;

describe('extractiveNarrative: a briefing written by code', () => {
  const n = extractiveNarrative(CONTEXT);

  it('is a valid Narrative, disclosed as written by code and not by AI', () => {
    expect(Narrative.safeParse(n).success).toBe(true);
    expect(n).toMatchObject({ kind: 'extractive', model: 'extractive', beat: 'open-source-ai', postCount: POSTS.length });
    expect(n.disclosure).toMatch(/^Written by code from 6 posts; no sentence was written by AI\./);
    expect(n.disclosure).toMatch(/3 quotes are verbatim/);
  });

  it('headlines a claim: the most-discussed name and the mood shift', () => {
    // DeepSeek V3 (Bluesky), "DeepSeek weights" (Mastodon) and DeepSeek in The Verge: three posts, the most of any name.
    expect(n.headline).toBe('DeepSeek draws the most Open Source AI talk as the mood turns slightly more negative');
    expect(n.dek).toBe('1,240 posts in 24 hours, up 35% on the previous day; 50% on Bluesky, 25% on Hacker News. 41% read positive and 22% negative.');
  });

  it('writes a paragraph per theme that counts its posts, names where they are, gives the mood and quotes the posts that carry it', () => {
    const theme = n.paragraphs[0]!;
    expect(theme.text).toMatch(/^DeepSeek comes up in three posts, from Bluesky, Mastodon and the news\. The mood among them is split: two read positive, one negative\./);
    // The count is the posts it cites.
    expect(theme.citations).toHaveLength(3);
    expect(theme.citations.map((id) => postOf(id).source).sort()).toEqual(['bluesky', 'mastodon', 'news']);
    // The most engaged post leads, verbatim and attributed; the other side answers.
    expect(theme.text).toContain('from Sina Whitcombe (@sinawhitcombe.net) on Bluesky, reads: “DeepSeek V3 is the strongest open-weights model I\'ve run locally so far.”');
    expect(theme.text).toContain('On the other side, Nicole (@nicole@hachyderm.io) on Mastodon wrote: “Impressive on code, worrying on refusals”');
  });

  it('has three to six paragraphs, each citing posts, every quote verbatim in a post it cites', () => {
    expect(n.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(n.paragraphs.length).toBeLessThanOrEqual(6);
    for (const p of n.paragraphs) {
      expect(p.citations.length).toBeGreaterThan(0);
      for (const q of extractQuotes(p.text)) expect(p.citations.some((id) => quoteIn(q, postOf(id)))).toBe(true);
    }
  });

  it('closes with what changed since the previous 24 hours, citing the posts that moved the mood', () => {
    const last = n.paragraphs.at(-1)!;
    expect(last.text).toMatch(/^Day on day, volume is up 35%, from 918 to 1,240 posts, and the mood has turned slightly more negative\./);
    // Slightly more negative: the most engaged negative posts of the day, one per author.
    for (const id of last.citations) expect(postOf(id).sentiment).toBeLessThan(0);
    expect(last.citations).toHaveLength(3);
  });

  it('passes its own grounding check', () => {
    expect(checkGrounding(n, CONTEXT.posts, CONTEXT.snapshot)).toEqual([]);
  });

  it('is deterministic: the order the posts arrive in changes nothing', () => {
    const shuffled = DiscourseContext.parse({ ...CONTEXT, posts: [...CONTEXT.posts].reverse() });
    expect(extractiveNarrative(shuffled)).toEqual(n);
  });

  it('falls back to an excerpt when a key voice quote is not verbatim, and never quotes a voice whose post is missing', () => {
    const ctx = DiscourseContext.parse({
      ...CONTEXT,
      snapshot: {
        ...CONTEXT.snapshot,
        keyVoices: [
          { ...CONTEXT.snapshot.keyVoices[0]!, quote: 'A paraphrase the post never said.' },
          { ...CONTEXT.snapshot.keyVoices[1]!, postId: 'hackernews:1' },
        ],
      },
    });
    const m = extractiveNarrative(ctx);
    expect(JSON.stringify(m)).not.toContain('paraphrase');
    expect(m.paragraphs.flatMap((p) => p.citations)).not.toContain('hackernews:1');
    expect(checkGrounding(m, ctx.posts, ctx.snapshot)).toEqual([]);
  });

  it('with no previous day and no shift, invents no change: no closing paragraph, the mood level in the headline', () => {
    const ctx = DiscourseContext.parse({
      ...CONTEXT,
      snapshot: { ...CONTEXT.snapshot, volumePrev24h: 0, mood: { ...CONTEXT.snapshot.mood, shift: null, shiftLabel: '' } },
    });
    const m = extractiveNarrative(ctx);
    expect(m.headline).toBe('DeepSeek draws the most Open Source AI talk with the mood leaning positive');
    expect(m.dek).not.toMatch(/up|down|previous/i);
    expect(m.paragraphs.some((p) => /day on day|previous/i.test(p.text))).toBe(false);
    expect(checkGrounding(m, ctx.posts, ctx.snapshot)).toEqual([]);
  });

  it('gives the other side a paragraph where the mood splits and no theme quoted it', () => {
    // Six posts by six people on six different subjects: no theme, so no counter-voice inside one.
    const texts = [
      ['bluesky', 'Loving the new quantised checkpoints, they run beautifully on my laptop.', 0.8],
      ['x', 'Benchmarks are a joke this season, nobody can reproduce them.', -0.6],
      ['mastodon', 'Great community meetup tonight about local inference.', 0.7],
      ['hackernews', 'The licence terms are awful and the lawyers are furious.', -0.7],
      ['bluesky', 'Happy to see better documentation for once.', 0.6],
    ] as const;
    const posts: DiscoursePost[] = texts.map(([source, text, sentiment], i) => ({
      id: `${source}:split-${i}`,
      source,
      author: { name: `Writer ${String.fromCharCode(65 + i)}`, handle: `writer${i}` },
      text,
      url: `https://example.org/${i}`,
      createdAt: '2026-11-10T10:00:00.000Z',
      engagement: { likes: 100 - i * 10, reposts: 0, replies: 0 },
      sentiment,
    }));
    const ctx = DiscourseContext.parse({
      ...CONTEXT,
      posts,
      snapshot: { ...CONTEXT.snapshot, keyVoices: [], mood: { positive: 0.6, neutral: 0, negative: 0.4, score: 0.1, shift: null, shiftLabel: '' }, volumePrev24h: 0 },
    });
    const m = extractiveNarrative(ctx);
    const counter = m.paragraphs.find((p) => p.text.startsWith('The mood is split'))!;
    // Writer B's negative post already speaks in a paragraph of its own; no voice is quoted twice.
    expect(m.paragraphs.filter((p) => p.text.includes('Writer B'))).toHaveLength(1);
    expect(counter.text).toBe('The mood is split: 40% of posts read negative against 60% positive. On the negative side, Writer D (@writer3) on Hacker News wrote: “The licence terms are awful and the lawyers are furious.”');
    expect(counter.citations).toEqual(['hackernews:split-3']);
    expect(checkGrounding(m, ctx.posts, ctx.snapshot)).toEqual([]);
  });

  it('prints no quotation mark or foreign link from an author name, so a hostile name cannot sink the briefing', () => {
    const posts = CONTEXT.posts.map((p, i) =>
      i === 0 ? { ...p, author: { name: 'Sina “the” Whitcombe visit evil.example', handle: 'sina"x' } } : i === 3 ? { ...p, author: { name: '«»', handle: 'nicole@hachyderm.io' } } : p,
    );
    const ctx = DiscourseContext.parse({ ...CONTEXT, posts });
    const m = extractiveNarrative(ctx);
    const text = m.paragraphs.map((p) => p.text).join('\n');
    expect(text).not.toContain('evil.example');
    expect(text).toContain('@nicole@hachyderm.io on Mastodon');
    expect(checkGrounding(m, ctx.posts, ctx.snapshot)).toEqual([]);
  });

  it('with no posts: one uncited paragraph, which the grounding check refuses', () => {
    const ctx = DiscourseContext.parse({ ...CONTEXT, posts: [], snapshot: { ...CONTEXT.snapshot, keyVoices: [] } });
    const m = extractiveNarrative(ctx);
    expect(m.paragraphs).toEqual([{ text: expect.stringMatching(/nothing to report/), citations: [] }]);
    expect(checkGrounding(m, ctx.posts, ctx.snapshot).map((p) => p.check)).toContain('citation-missing');
  });
});
