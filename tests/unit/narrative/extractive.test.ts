import { describe, expect, it } from 'vitest';
import { extractiveNarrative } from '../../../utils/narrative/extractive';
import { checkGrounding, quoteIn, extractQuotes } from '../../../utils/narrative/grounding';
import { DiscourseContext, Narrative } from '../../../utils/schema';
import { CONTEXT, POSTS } from './fixtures';

describe('extractiveNarrative', () => {
  const n = extractiveNarrative(CONTEXT);

  it('is a valid Narrative, labelled as quoted posts and not AI', () => {
    expect(Narrative.safeParse(n).success).toBe(true);
    expect(n).toMatchObject({ kind: 'extractive', model: 'extractive', beat: 'open-source-ai', postCount: POSTS.length });
    expect(n.disclosure).toMatch(/quoted posts/i);
    expect(n.disclosure).toMatch(/not|no sentence/i);
  });

  it('builds headline and dek from the figures: beat, volume, change, sources, mood shift', () => {
    expect(n.headline).toBe('Open Source AI: 1,240 posts in 24 hours, mood more negative');
    expect(n.dek).toBe('Up 35% on the previous 24 hours (918 posts). Where: Bluesky 50%, Hacker News 25%, the news 15%. 41% of posts read positive, 22% negative.');
  });

  it('quotes the key voices verbatim, attributed, each paragraph citing its post', () => {
    expect(n.paragraphs[0]).toEqual({
      text: "Sina Whitcombe (@sinawhitcombe.net) on Bluesky (1,013 interactions): “DeepSeek V3 is the strongest open-weights model I've run locally so far.”",
      citations: [POSTS[0].id],
    });
    for (const p of n.paragraphs) {
      expect(p.citations).toHaveLength(1);
      const post = CONTEXT.posts.find((x) => x.id === p.citations[0])!;
      const quotes = extractQuotes(p.text);
      expect(quotes.length).toBeGreaterThan(0);
      for (const q of quotes) expect(quoteIn(q, post)).toBe(true);
    }
    expect(n.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(n.paragraphs.length).toBeLessThanOrEqual(5);
  });

  it('passes its own grounding check', () => {
    expect(checkGrounding(n, CONTEXT.posts, CONTEXT.snapshot)).toEqual([]);
  });

  it('falls back to an excerpt when a key voice quote is not verbatim, and skips voices whose post is missing', () => {
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
    expect(m.paragraphs[0]!.text).not.toContain('paraphrase');
    expect(m.paragraphs.flatMap((p) => p.citations)).not.toContain('hackernews:1');
    expect(checkGrounding(m, ctx.posts, ctx.snapshot)).toEqual([]);
  });

  it('with no previous day and no shift, says so without inventing a change', () => {
    const ctx = DiscourseContext.parse({
      ...CONTEXT,
      snapshot: { ...CONTEXT.snapshot, volumePrev24h: 0, mood: { ...CONTEXT.snapshot.mood, shift: null, shiftLabel: '' } },
    });
    const m = extractiveNarrative(ctx);
    expect(m.headline).toBe('Open Source AI: 1,240 posts in 24 hours, mood leaning positive');
    expect(m.dek).not.toMatch(/Up|Down/);
    expect(checkGrounding(m, ctx.posts, ctx.snapshot)).toEqual([]);
  });
});
