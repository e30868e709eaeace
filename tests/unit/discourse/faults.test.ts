// @vitest-environment node
// Every fault on every source: the snapshot keeps the other sources, the failing one is
// named with the right code, nothing stored is lost, and no source is hammered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Fault } from '../../fixtures/servers/base';
import { DEEPSEEK, harness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Src = 'bluesky' | 'hackernews' | 'news' | 'mastodon';
const SERVER = { bluesky: 'bluesky', hackernews: 'hackernews', news: 'gdelt', mastodon: 'mastodon' } as const;
/** The search route of each source; Bluesky's login stays healthy so the search itself fails. */
const ROUTE: Record<Src, string> = {
  bluesky: '/xrpc/app.bsky.feed.searchPosts',
  hackernews: '/api/v1/search_by_date',
  news: '/api/v2/doc/doc',
  mastodon: '/api/v1/timelines/tag',
};

const FAULTS: [string, Fault, string, number][] = [
  // name, fault, expected code, most requests one fetch may send to the source's search route
  ['401', { kind: 'status', status: 401 }, 'unauthorized', 2],
  ['403', { kind: 'status', status: 403 }, 'unauthorized', 2],
  ['429 with Retry-After', { kind: 'rate-limit', retryAfterSeconds: 30 }, 'rate-limited', 2],
  ['500', { kind: 'status', status: 500 }, 'http', 2],
  ['timeout', { kind: 'hang' }, 'timeout', 2],
  ['malformed JSON', { kind: 'malformed' }, 'malformed', 2],
];

const CASES = (['bluesky', 'hackernews', 'news', 'mastodon'] as const).flatMap((src) => FAULTS.map(([name, fault, code, max]) => [src, name, fault, code, max] as const));

async function freshCtx() {
  const a = await h.provider.fetch(DEEPSEEK, {});
  if (a.kind !== 'fresh') throw new Error('expected fresh');
  return a.context;
}

describe('source faults', () => {
  it.each(CASES)('%s answering %s: partial snapshot, one named error, no storm, no lost rows', async (src, _name, fault, code, max) => {
    h = await harness();
    const good = await freshCtx();
    const stored = await h.store.countPosts();
    const server = h.up[SERVER[src]];
    const routeCalls = () => server.requests.filter((r) => r.path.startsWith(ROUTE[src])).length;
    const before = routeCalls();
    server.setFault(fault, ROUTE[src]);
    const perTag = src === 'mastodon' ? 2 : 1; // two hashtags are followed side by side

    const pending = freshCtx();
    if (fault.kind === 'hang') {
      // The harness's requests time out only when told: once the hung requests have
      // arrived, time them out (a slow machine cannot time out the healthy sources).
      await vi.waitFor(() => expect(routeCalls() - before).toBeGreaterThanOrEqual(perTag), { timeout: 30_000 });
      h.fireTimeouts(`${server.url}${ROUTE[src]}`);
    }
    const ctx = await pending;
    expect(ctx.freshness.errors).toHaveLength(1);
    expect(ctx.freshness.errors[0]).toMatchObject({ source: src, code });
    expect(ctx.freshness.errors[0]!.message.length).toBeGreaterThan(5);
    expect(ctx.freshness.stale).toBe(false);
    // Posts from the failing source found earlier are still there; the others answered.
    expect(ctx.snapshot.totalRecords).toBe(good.snapshot.totalRecords);
    expect(await h.store.countPosts()).toBe(stored);
    expect(ctx.snapshot.bySource.map((s) => s.source).sort()).toEqual(good.snapshot.bySource.map((s) => s.source).sort());
    const sent = routeCalls() - before;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(max * perTag);

    if (code === 'rate-limited') {
      // Retry-After is honoured: the next fetch does not knock on that door at all.
      const again = await freshCtx();
      expect(routeCalls() - before).toBe(sent);
      expect(again.freshness.errors[0]).toMatchObject({ source: src, code: 'rate-limited' });
      // ... and is remembered by a restarted service worker.
      h.restart();
      await freshCtx();
      expect(routeCalls() - before).toBe(sent);
    }
  });

  it.each(['bluesky', 'hackernews', 'news', 'mastodon'] as const)('%s with an empty result: no error, no posts from it', async (src) => {
    h = await harness();
    if (src === 'bluesky') h.up.bluesky.seed([]);
    if (src === 'hackernews') h.up.hackernews.seed([]);
    if (src === 'news') h.up.gdelt.seed([]);
    if (src === 'mastodon') h.up.mastodon.seed([]);
    const ctx = await freshCtx();
    expect(ctx.freshness.errors).toEqual([]);
    expect(ctx.posts.filter((p) => p.source === src)).toEqual([]);
    expect(ctx.snapshot.bySource.length).toBe(3);
  });

  it('a 500 from the first attempt is retried once with backoff and then succeeds', async () => {
    h = await harness();
    let n = 0;
    const original = h.up.hackernews;
    original.setFault({ kind: 'status', status: 500 }, ROUTE.hackernews);
    const orig = h.provider;
    // Clear the fault as soon as the first failing request was recorded.
    const timer = setInterval(() => {
      if (original.requests.length > n) {
        original.setFault({ kind: 'none' }, ROUTE.hackernews);
        clearInterval(timer);
      }
    }, 1);
    n = original.requests.length;
    const ctx = await freshCtx();
    clearInterval(timer);
    expect(orig).toBe(h.provider);
    expect(original.requests.length).toBe(2);
    expect(ctx.freshness.errors).toEqual([]);
    expect(ctx.posts.some((p) => p.source === 'hackernews')).toBe(true);
  });
});
