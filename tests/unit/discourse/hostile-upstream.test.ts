// @vitest-environment node
// A hostile (or broken) upstream: Retry-After that never ends, bodies of any size, posts
// dated in the future, and waits that were given up on. Real clients (fetch, @atproto/api,
// @anthropic-ai/sdk) against fake servers on 127.0.0.1; the limiter with a fake clock.
import 'fake-indexeddb/auto';
import Anthropic from '@anthropic-ai/sdk';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_COOLDOWN_MS, capResponse, parseRetryAfter, readCapped, retryAfterOf } from '../../../utils/net';
import { HttpClient, RateLimiter } from '../../../utils/discourse/http';
import { HostedApiProvider } from '../../../utils/context/hosted-api';
import { testHostedApi } from '../../../utils/context/connection';
import { GazetteerService } from '../../../utils/context/gazetteer';
import { describeNarrativeError } from '../../../utils/narrative/errors';
import { defaultClient } from '../../../utils/narrative/narrator';
import { bundledDetectorData } from '../../../utils/detect/data';
import { Secrets, Settings } from '../../../utils/schema';
import { Store } from '../../../utils/store';
import { API_ERRORS, startFakeAnthropic } from '../../fixtures/servers/anthropic';
import { startFakeHostedApi } from '../../fixtures/servers/hosted-api';
import { fixturePosts } from '../../fixtures/servers/bluesky';
import { fixtureHits } from '../../fixtures/servers/hackernews';
import { fixtureStatuses } from '../../fixtures/servers/mastodon';
import { fixtureGdelt } from '../../fixtures/servers/gdelt';
import { DEEPSEEK, harness, type Harness } from './harness';

const HOUR = 3_600_000;
const closers: (() => Promise<unknown>)[] = [];
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  while (closers.length) await closers.pop()!();
});

async function freshCtx(hh: Harness) {
  const a = await hh.provider.fetch(DEEPSEEK, {});
  if (a.kind !== 'fresh') throw new Error('expected fresh');
  return a.context;
}

describe('cooldowns are capped at one hour, in one place', () => {
  const NOW = Date.parse('2026-11-20T12:00:00Z');
  it.each([
    ['999999999', MAX_COOLDOWN_MS],
    ['1e12', MAX_COOLDOWN_MS],
    [new Date(Date.parse('2099-01-01T00:00:00Z')).toUTCString(), MAX_COOLDOWN_MS],
    ['3599', 3_599_000],
    ['-30', 0],
    ['', undefined],
  ])('Retry-After %j → %j ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('caps retry-after-ms (Anthropic) the same way', () => {
    expect(retryAfterOf(new Headers({ 'retry-after-ms': '999999999999' }), NOW)).toBe(MAX_COOLDOWN_MS);
    expect(retryAfterOf(new Headers({ 'retry-after-ms': '1500', 'retry-after': '2' }), NOW)).toBe(1500);
  });

  it('the limiter caps a cooldown it is told, and one it restores from storage', async () => {
    let now = NOW;
    const l = new RateLimiter({ clock: () => now, sleep: async () => {} });
    expect(l.cooldown('hn.algolia.com', 999_999_999_000)).toBe(MAX_COOLDOWN_MS);
    // A worker that persisted a lockout before the cap (or a tampered record) is held to the cap too.
    const restarted = new RateLimiter({ clock: () => now, sleep: async () => {} });
    restarted.restore({ cooldowns: { 'hn.algolia.com': NOW + 999_999_999_000 }, budgets: {} });
    now += MAX_COOLDOWN_MS + 1;
    await expect(l.acquire('hackernews', 'hn.algolia.com')).resolves.toBeUndefined();
    await expect(restarted.acquire('hackernews', 'hn.algolia.com')).resolves.toBeUndefined();
  });

  it('a source told Retry-After: 999999999 is asked again an hour later, after a worker restart', async () => {
    h = await harness();
    await freshCtx(h);
    const hnCalls = () => h!.up.hackernews.requests.filter((r) => r.path.startsWith('/api/v1/search')).length;
    h.up.hackernews.setFault({ kind: 'rate-limit', retryAfterSeconds: 999_999_999 });
    const limited = await freshCtx(h);
    expect(limited.freshness.errors).toEqual([expect.objectContaining({ source: 'hackernews', code: 'rate-limited', message: expect.stringContaining('3600 s') })]);
    h.up.hackernews.setFault({ kind: 'none' });
    // The cooldown is persisted: a restarted worker still waits ...
    h.restart();
    const before = hnCalls();
    await freshCtx(h);
    expect(hnCalls()).toBe(before);
    // ... but no longer than an hour.
    h.advance(HOUR + 1_000);
    h.restart();
    const later = await freshCtx(h);
    expect(hnCalls()).toBeGreaterThan(before);
    expect(later.freshness.errors).toEqual([]);
  });

  it('the hosted API and Claude are held to the same cap', async () => {
    const api = await startFakeHostedApi({ apiKey: 'k' });
    closers.push(() => api.close());
    api.setFault({ kind: 'rate-limit', retryAfterSeconds: 999_999_999 });
    const hosted = new HostedApiProvider({ fetch, baseUrl: api.url, apiKey: 'k' });
    await expect(hosted.fetch(DEEPSEEK, {})).rejects.toMatchObject({ code: 'rate-limited', retryAfterMs: MAX_COOLDOWN_MS });

    const claude = await startFakeAnthropic();
    closers.push(() => claude.close());
    claude.enqueue(API_ERRORS.rateLimited(999_999_999));
    const client = new Anthropic({ apiKey: 'sk-ant-test-key-0000', baseURL: claude.url, maxRetries: 0 });
    const err = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(describeNarrativeError(err, 'claude-sonnet-4-5', 'sk-ant-test-key-0000').retryAfterMs).toBe(MAX_COOLDOWN_MS);
  });
});

describe('the hourly request budget pays only for requests that went out', () => {
  /** A sleep that only ends when its signal aborts: the waits below are all given up on. */
  const never = (_ms: number, signal?: AbortSignal) =>
    new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));

  it('7 aborted waits leave the budget as it was', async () => {
    const l = new RateLimiter({ clock: () => 1_000_000, sleep: never, hourlyBudget: { mastodon: 200 }, hostLimits: { m: { capacity: 1, perSecond: 1 } } });
    await l.acquire('mastodon', 'm');
    expect(l.remaining('mastodon')).toBe(199);
    const waits = Array.from({ length: 7 }, () => {
      const c = new AbortController();
      return { c, p: l.acquire('mastodon', 'm', c.signal) };
    });
    for (const w of waits) w.c.abort(new DOMException('the tab went away', 'AbortError'));
    for (const w of waits) await expect(w.p).rejects.toMatchObject({ name: 'AbortError' });
    expect(l.remaining('mastodon')).toBe(199);
    expect(l.state().budgets.mastodon).toHaveLength(1);
  });

  it('through HttpClient: aborted waits send nothing and charge nothing', async () => {
    const l = new RateLimiter({ clock: () => 1_000_000, sleep: never, hourlyBudget: { news: 120 }, hostLimits: { 'g.example': { capacity: 1, perSecond: 1 } } });
    let sent = 0;
    const http = new HttpClient({
      limiter: l,
      clock: () => 1_000_000,
      sleep: never,
      fetch: (async () => {
        sent++;
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    await http.request('news', 'https://g.example/api');
    const c = new AbortController();
    const waits = Array.from({ length: 7 }, () => http.request('news', 'https://g.example/api', {}, { signal: c.signal }));
    c.abort(new DOMException('gone', 'AbortError'));
    await Promise.allSettled(waits);
    expect(sent).toBe(1);
    expect(l.remaining('news')).toBe(119);
  });
});

describe('every response is read under a cap', () => {
  const MB = 1024 * 1024;

  it('capResponse passes a small answer through and refuses a declared-too-large one unread', async () => {
    const ok = await capResponse(new Response('{"a":1}', { status: 201, headers: { etag: '"x"' } }), 100);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('etag')).toBe('"x"');
    expect(await ok.json()).toEqual({ a: 1 });
    await expect(readCapped(new Response('x'.repeat(200), { headers: { 'content-length': '200' } }), 100)).rejects.toMatchObject({ name: 'BodyTooLarge', declared: true });
  });

  it('Bluesky (@atproto/api) sending 300 MB: the read stops at the cap with a clear error, the other sources still answer', async () => {
    h = await harness();
    await freshCtx(h); // logged in, session kept
    h.up.bluesky.setFault({ kind: 'flood', bytes: 300 * MB }, '/xrpc/app.bsky.feed.searchPosts');
    const ctx = await freshCtx(h);
    expect(ctx.freshness.errors).toEqual([
      expect.objectContaining({ source: 'bluesky', code: 'too-large', message: expect.stringMatching(/Bluesky: answer over the 5000000-byte limit/) }),
    ]);
    expect(ctx.snapshot.bySource.map((s) => s.source)).toEqual(expect.arrayContaining(['hackernews', 'news', 'mastodon']));
    const flood = h.up.bluesky.floods.at(-1)!;
    await flood.done;
    // The client hung up near the cap: the server could write the cap plus what sockets buffer, not 300 MB.
    expect(flood.finished).toBe(false);
    expect(flood.sent).toBeLessThan(40 * MB);
  });

  it('Bluesky declaring 300 MB in Content-Length is refused before its body is read', async () => {
    h = await harness();
    await freshCtx(h);
    h.up.bluesky.setFault({ kind: 'flood', bytes: 300 * MB, declareLength: true }, '/xrpc/app.bsky.feed.searchPosts');
    const ctx = await freshCtx(h);
    expect(ctx.freshness.errors).toEqual([
      expect.objectContaining({ source: 'bluesky', code: 'too-large', message: expect.stringContaining('answer of 314572800 bytes is over the 5000000-byte limit') }),
    ]);
    const flood = h.up.bluesky.floods.at(-1)!;
    await flood.done;
    expect(flood.finished).toBe(false);
    expect(flood.sent).toBeLessThan(40 * MB);
  });

  it('the gazetteer refresh refuses a 300 MB /v1/entities and keeps the last good entities', async () => {
    const api = await startFakeHostedApi({ apiKey: 'k' });
    closers.push(() => api.close());
    const store = await Store.open({ factory: new IDBFactory() });
    closers.push(async () => store.close());
    const g = new GazetteerService({
      store,
      fetch,
      clock: Date.now,
      bundled: bundledDetectorData,
      getSettings: async () => Settings.parse({ hostedApi: { baseUrl: api.url } }),
      getSecrets: async () => Secrets.parse({ hostedApiKey: 'k' }),
    });
    await g.refresh();
    const good = await g.data();
    expect(good.entities.some((e) => e.id === 'voxtral-tts')).toBe(true);
    api.setFault({ kind: 'flood', bytes: 300 * MB }, '/v1/entities');
    await expect(g.refresh()).rejects.toThrow(/\/v1\/entities answer over the 4000000-byte limit/);
    const flood = api.floods.at(-1)!;
    await flood.done;
    expect(flood.finished).toBe(false);
    expect(flood.sent).toBeLessThan(40 * MB);
    expect(await g.data()).toBe(good);
  });

  it('Claude (the SDK streaming from a hostile endpoint) sending 300 MB: cut off at the cap, named too-large', async () => {
    const claude = await startFakeAnthropic();
    closers.push(() => claude.close());
    claude.setFault({ kind: 'flood', bytes: 300 * MB }, '/v1/messages');
    const client = defaultClient({ apiKey: 'sk-ant-test-key-0000', baseURL: claude.url });
    const err = await client.messages
      .stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage()
      .catch((e: unknown) => e);
    expect(describeNarrativeError(err, 'claude-sonnet-4-5', 'sk-ant-test-key-0000').error).toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('over the 2000000-byte limit'),
    });
    const flood = claude.floods.at(-1)!;
    await flood.done;
    expect(flood.finished).toBe(false);
    expect(flood.sent).toBeLessThan(40 * MB);
  });

  it('the connection test refuses a 300 MB /v1/beats', async () => {
    const api = await startFakeHostedApi({ apiKey: 'k' });
    closers.push(() => api.close());
    api.setFault({ kind: 'flood', bytes: 300 * MB }, '/v1/beats');
    const result = await testHostedApi(fetch, api.url, 'k');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('too much data') });
    const flood = api.floods.at(-1)!;
    await flood.done;
    expect(flood.sent).toBeLessThan(40 * MB);
  });
});

describe('posts dated in the future are held to the time they were first seen', () => {
  const FUTURE = '2099-01-01T00:00:00Z';

  it('from every source: not counted a day later, never newer than the fetch', async () => {
    h = await harness({
      upstreams: {
        bluesky: {
          posts: (() => {
            const [first, ...rest] = fixturePosts();
            return [{ ...first!, record: { ...first!.record, createdAt: FUTURE }, indexedAt: FUTURE }, ...rest];
          })(),
        },
        hackernews: {
          hits: (() => {
            const [first, ...rest] = fixtureHits();
            return [{ ...first!, created_at: FUTURE, created_at_i: Date.parse(FUTURE) / 1000 }, ...rest];
          })(),
        },
        mastodon: {
          statuses: (() => {
            const [first, ...rest] = fixtureStatuses();
            return [{ ...first!, created_at: FUTURE }, ...rest];
          })(),
        },
        gdelt: {
          articles: (() => {
            const [first, ...rest] = fixtureGdelt().articles;
            return [{ ...first!, seendate: '20990101T000000Z' }, ...rest];
          })(),
        },
      },
    });
    const first = await freshCtx(h);
    const seen = h.now();
    const future = first.posts.filter((p) => Date.parse(p.createdAt) > Date.parse('2098-01-01'));
    expect(future).toEqual([]);
    for (const p of first.posts) expect(Date.parse(p.createdAt)).toBeLessThanOrEqual(seen);
    // The posts that claimed 2099 are still there, at the time they were seen, from every source.
    const clamped = first.posts.filter((p) => Math.abs(Date.parse(p.createdAt) - seen) < 60_000);
    expect(new Set(clamped.map((p) => p.source))).toEqual(new Set(['bluesky', 'hackernews', 'mastodon', 'news']));

    // A day later every upstream still claims 2099; the posts stay at the time first seen.
    h.advance(25 * HOUR);
    const later = await freshCtx(h);
    expect(later.snapshot.volume24h).toBe(0);
    const stored = await h.store.getPosts(DEEPSEEK.key);
    const again = stored.filter((p) => clamped.some((c) => c.id === p.id));
    expect(again).toHaveLength(clamped.length);
    for (const p of again) expect(Date.parse(p.createdAt)).toBeLessThanOrEqual(seen);
  });
});
