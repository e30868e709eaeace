import { describe, expect, it } from 'vitest';
import { BEATS, BeatId, DiscourseContext, DiscoursePost, PageTopic, Settings, describeZodError } from '../../../utils/schema';
import { samplePack } from '../../../utils/sample/pack';
import { hostedContext } from '../../fixtures/hosted/contexts';

const post = {
  id: 'bluesky:1',
  source: 'bluesky',
  author: { name: 'Dana' },
  text: 'hello',
  url: 'https://bsky.app/profile/dana/post/1',
  createdAt: '2026-11-23T10:00:00Z',
  engagement: { likes: 3 },
};

describe('schemas', () => {
  it('has the fifteen fixed beat ids', () => {
    expect(BEATS).toHaveLength(15);
    expect(BeatId.options).toContain('open-source-ai');
    expect(BeatId.safeParse('crypto').success).toBe(false);
  });

  it('fills defaults on a minimal post', () => {
    const p = DiscoursePost.parse(post);
    expect(p.engagement).toEqual({ likes: 3, reposts: 0, replies: 0 });
    expect(p.sentiment).toBeNull();
  });

  it.each([
    ['an unknown source', { ...post, source: 'myspace' }, 'source'],
    ['a javascript: url', { ...post, url: 'javascript:alert(1)' }, 'url'],
    ['a negative like count', { ...post, engagement: { likes: -1 } }, 'engagement.likes'],
    ['a time without zone', { ...post, createdAt: 'yesterday' }, 'createdAt'],
    ['sentiment out of range', { ...post, sentiment: 3 }, 'sentiment'],
  ])('rejects a post with %s, naming the field', (_what, value, path) => {
    const r = DiscoursePost.safeParse(value);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error)).toContain(`${path}:`);
  });

  it('rejects a context whose mood score is out of range', () => {
    const ctx = hostedContext('open-source-ai', [], 'q');
    const bad = { ...ctx, snapshot: { ...ctx.snapshot, mood: { ...ctx.snapshot.mood, score: 4 } } };
    const r = DiscourseContext.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error)).toMatch(/^snapshot\.mood\.score: Too big/);
  });

  it('rejects a page topic with an unknown beat', () => {
    const r = PageTopic.safeParse({ url: 'https://x.test/a', kind: 'article', site: 'x.test', title: 't', beat: { id: 'nope', score: 1 }, query: '' });
    expect(r.success).toBe(false);
  });

  it('parses empty settings into the defaults', () => {
    const s = Settings.parse({});
    expect(s.hostedApi.baseUrl).toBe('');
    expect(s.sources.hackernews).toBe(true);
    expect(s.endpoints.hackernews).toBe('https://hn.algolia.com');
  });

  it('accepts every context of the sample pack and of the hosted fixture', () => {
    for (const ctx of samplePack()) expect(() => DiscourseContext.parse(ctx)).not.toThrow();
    expect(() => DiscourseContext.parse(hostedContext('policy-regulation', ['openai'], 'ai act'))).not.toThrow();
  });

  it('labels every sample as sample data with its date', () => {
    for (const ctx of samplePack()) {
      expect(ctx.freshness.upstream).toBe('sample');
      expect(ctx.freshness.sampleDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ctx.narrative?.kind).toBe('sample');
    }
  });
});
