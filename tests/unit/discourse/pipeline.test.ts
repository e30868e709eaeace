// @vitest-environment node
// The live pipeline end to end against the fake upstreams, driven by the real clients.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiscourseContext } from '../../../utils/schema';
import { ProviderError } from '../../../utils/context/provider';
import { DEEPSEEK, harness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function fresh(hh: Harness, signal?: AbortSignal) {
  const answer = await hh.provider.fetch(DEEPSEEK, { signal });
  if (answer.kind !== 'fresh') throw new Error('expected a fresh answer');
  return answer.context;
}

describe('LocalPipelineProvider', () => {
  it('gathers every source into one valid snapshot with key voices, stories and no errors', async () => {
    h = await harness();
    const ctx = await fresh(h);
    expect(() => DiscourseContext.parse(ctx)).not.toThrow();
    expect(ctx.freshness).toMatchObject({ origin: 'live', upstream: 'live', stale: false, errors: [] });
    expect(ctx.narrative).toBeNull();
    const sources = ctx.snapshot.bySource.map((s) => s.source).sort();
    expect(sources).toEqual(['bluesky', 'hackernews', 'mastodon', 'news']);
    // The two bot posts differ only by link: one survives. The French post and the French/German items are dropped (languages: en).
    const bsky = ctx.posts.filter((p) => p.source === 'bluesky');
    expect(bsky.filter((p) => p.author.handle === '@newsbot.bsky.social')).toHaveLength(1);
    expect(ctx.posts.some((p) => p.lang === 'fr' || p.lang === 'de')).toBe(false);
    // The boost is unwrapped into its original toot, counted once.
    expect(ctx.posts.filter((p) => p.author.name === 'Tamar Gebre')).toHaveLength(1);
    expect(ctx.snapshot.volume24h).toBe(ctx.snapshot.bySource.reduce((s, x) => s + x.count, 0));
    // Key voices: verbatim, linked, one per author, every source represented, each in the post sample.
    const voices = ctx.snapshot.keyVoices;
    expect(new Set(voices.map((v) => `${v.platform}:${v.handle ?? v.author}`)).size).toBe(voices.length);
    expect(new Set(voices.map((v) => v.platform))).toEqual(new Set(sources));
    for (const v of voices) {
      const post = ctx.posts.find((p) => p.id === v.postId);
      expect(post, v.postId).toBeDefined();
      expect(post!.text.includes(v.quote) || post!.title?.includes(v.quote)).toBe(true);
      expect(v.url).toBe(post!.url);
    }
    expect(voices.find((v) => v.platform === 'bluesky')?.url).toMatch(/^https:\/\/bsky\.app\/profile\/[^/]+\/post\/3l/);
    // Stories: syndicated Reuters/MarketWatch headline folded into one, ranked above single-outlet ones.
    expect(ctx.stories[0]?.title).toBe('DeepSeek releases V3 model, rattling US AI rivals');
    expect(ctx.stories.filter((s) => s.title === ctx.stories[0]!.title)).toHaveLength(1);
    expect(ctx.stories.every((s) => s.beat === 'open-source-ai' && s.category === 'Industry')).toBe(true);
  });

  it('runs the sources in parallel: every upstream is asked before any has answered', async () => {
    h = await harness();
    // Log in first so the measured fetch is one request per source.
    await fresh(h);
    h.up.setFaultAll({ kind: 'slow', ms: 300 });
    const before = h.up.hackernews.requests.length;
    const ctx = await fresh(h);
    expect(ctx.freshness.errors).toEqual([]);
    expect(h.maxInFlight()).toBeGreaterThanOrEqual(4);
    expect(h.up.hackernews.requests.length).toBe(before + 1);
  });

  it('stores posts so the snapshot grows over days and keeps earlier posts when a source goes quiet', async () => {
    h = await harness();
    const first = await fresh(h);
    const stored = await h.store.countPosts();
    expect(stored).toBe(first.snapshot.totalRecords);
    // A day later the upstreams have rolled on: only new items are served.
    h.advance(26 * 3_600_000);
    h.up.hackernews.seed([]);
    const second = await fresh(h);
    expect(second.snapshot.totalRecords).toBe(first.snapshot.totalRecords);
    expect(second.snapshot.volume24h).toBe(0);
    expect(second.snapshot.volumePrev24h).toBeGreaterThan(0);
    expect(second.snapshot.timeline.length).toBeGreaterThan(first.snapshot.timeline.length);
  });

  it('reports Bluesky without a login as not-configured, with a message the UI can show, and sends it no request', async () => {
    h = await harness({ login: false });
    const ctx = await fresh(h);
    expect(ctx.freshness.errors).toEqual([{ source: 'bluesky', code: 'not-configured', message: 'Bluesky: log in with an app password on the options page' }]);
    expect(h.up.bluesky.requests).toHaveLength(0);
    expect(ctx.snapshot.bySource.map((s) => s.source)).not.toContain('bluesky');
    expect(ctx.snapshot.volume24h).toBeGreaterThan(0);
  });

  it('throws ProviderError when every source fails and nothing is stored', async () => {
    h = await harness();
    h.up.setFaultAll({ kind: 'status', status: 500 });
    const err = await h.provider.fetch(DEEPSEEK, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).code).toBe('http');
  });

  it('serves the stored posts, marked stale, when every source fails after a good fetch', async () => {
    h = await harness();
    const good = await fresh(h);
    h.up.setFaultAll({ kind: 'status', status: 503 });
    const bad = await fresh(h);
    expect(bad.freshness.stale).toBe(true);
    expect(bad.freshness.errors.map((e) => e.source).sort()).toEqual(['bluesky', 'hackernews', 'mastodon', 'news']);
    expect(bad.snapshot.totalRecords).toBe(good.snapshot.totalRecords);
    expect(await h.store.countPosts()).toBe(good.snapshot.totalRecords);
  });

  it('shares one in-flight search per topic between callers', async () => {
    h = await harness();
    h.up.setFaultAll({ kind: 'slow', ms: 100 });
    const [a, b, c] = await Promise.all([fresh(h), fresh(h), fresh(h)]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(h.up.hackernews.requests).toHaveLength(1);
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(1);
  });

  it('keeps searching for the callers still waiting when one walks away, and stops when all have', async () => {
    h = await harness();
    // Upstreams hold every request until released: who leaves when is decided by the test, not by a timer.
    h.up.setFaultAll({ kind: 'held' });
    const leaving = new AbortController();
    const p1 = fresh(h, leaving.signal);
    const p2 = fresh(h);
    await vi.waitFor(() => expect(h.up.hackernews.requests.length).toBeGreaterThan(0), { timeout: 30_000 });
    leaving.abort();
    await expect(p1).rejects.toMatchObject({ name: 'AbortError' });
    h.up.setFaultAll({ kind: 'none' });
    h.up.releaseAll();
    await expect(p2).resolves.toMatchObject({ freshness: { origin: 'live' } });

    const all = new AbortController();
    const before = await h.store.countPosts();
    const asked = h.up.hackernews.requests.length;
    h.up.hackernews.seed([]);
    h.up.setFaultAll({ kind: 'held' });
    const p3 = fresh(h, all.signal);
    await vi.waitFor(() => expect(h.up.hackernews.requests.length).toBeGreaterThan(asked), { timeout: 30_000 });
    all.abort();
    await expect(p3).rejects.toMatchObject({ name: 'AbortError' });
    expect(await h.store.countPosts()).toBe(before);
    h.up.setFaultAll({ kind: 'none' });
    h.up.releaseAll();
  });

  it('fetch returns within the GDELT pace: tone follows once the pace allows, and re-scores the stored news', async () => {
    // Fake time: GDELT's real 5 s pace is waited out on the harness clock, so a loaded
    // machine cannot reorder the requests (post-processing took ~190 ms of a 150 ms window).
    h = await harness({ fakeTime: true, pipeline: { gdeltPaceMs: 5_000 }, upstreams: { gdelt: { enforcePaceMs: 5_000 } } });
    const modes = () => h.up.gdelt.requests.map((r) => r.query.get('mode'));
    const first = await fresh(h);
    // fetch() returned without waiting for the pace; the tone request waits for it.
    expect(modes()).toEqual(['artlist']);
    await vi.waitFor(() => expect(h.sleeping()).toEqual([5_000]), { timeout: 30_000 });
    expect(modes()).toEqual(['artlist']);
    h.advance(5_000);
    await h.provider.idle();
    expect(modes()).toEqual(['artlist', 'timelinetone']);
    h.advance(5_000);
    const second = await fresh(h);
    // Tone is cached for an hour: the second fetch asks for articles only.
    expect(modes()).toEqual(['artlist', 'timelinetone', 'artlist']);
    const news = second.posts.filter((p) => p.source === 'news');
    expect(news.length).toBeGreaterThan(0);
    // Tone in the fixture is between -2.5 and -0.2: every article now reads as its hour's tone / 10.
    for (const p of news) expect(p.sentiment).toBeGreaterThanOrEqual(-0.25), expect(p.sentiment).toBeLessThanOrEqual(0);
    expect(first.snapshot.bySource.find((s) => s.source === 'news')).toBeDefined();
    expect(h.up.gdelt.paceViolations()).toBe(0);
  });

  it('does not wait out GDELT\'s 5 s pace on a fetch right after another: it uses the stored news', async () => {
    h = await harness({ fakeTime: true, pipeline: { gdeltPaceMs: 5_000 } });
    const first = await fresh(h);
    expect(first.posts.some((p) => p.source === 'news')).toBe(true);
    const started = h.up.gdelt.requests.length;
    const second = await fresh(h); // within the pace: no GDELT request, no 5 s wait
    expect(h.up.gdelt.requests.length).toBe(started);
    expect(second.posts.some((p) => p.source === 'news')).toBe(true);
    expect(second.freshness.errors.filter((e) => e.source === 'news')).toEqual([]);
  });
});
