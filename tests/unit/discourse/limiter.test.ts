// The rate limiter with an injected clock and sleep: GDELT's pace, Retry-After, budgets.
import { describe, expect, it } from 'vitest';
import { RateLimiter, SourceFailure, parseRetryAfter } from '../../../utils/discourse/http';

function limiter(extra: Partial<ConstructorParameters<typeof RateLimiter>[0]> = {}) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const l = new RateLimiter({
    clock: () => now,
    // Records waits without moving the clock, so concurrent callers see the same instant.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { l, sleeps, tick: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('paces GDELT to one request per 5 s, queueing concurrent callers in order', async () => {
    const { l, sleeps } = limiter({ hostLimits: { 'api.gdeltproject.org': { capacity: 1, perSecond: 0.2 } } });
    await Promise.all([0, 1, 2].map(() => l.acquire('news', 'api.gdeltproject.org')));
    expect(sleeps).toEqual([5000, 10000]);
  });

  it('gives up with rate-limited instead of queueing past the longest wait', async () => {
    const { l } = limiter({ hostLimits: { h: { capacity: 1, perSecond: 0.2 } }, maxWaitMs: 6000 });
    await l.acquire('news', 'h');
    const second = l.acquire('news', 'h');
    await expect(l.acquire('news', 'h')).rejects.toMatchObject({ code: 'rate-limited' });
    await second;
  });

  it('honours a host cooldown and survives a restart through state()/restore()', async () => {
    const { l, tick } = limiter();
    l.cooldown('hn.algolia.com', 30_000);
    await expect(l.acquire('hackernews', 'hn.algolia.com')).rejects.toBeInstanceOf(SourceFailure);
    const { l: l2 } = limiter();
    l2.restore(l.state());
    await expect(l2.acquire('hackernews', 'hn.algolia.com')).rejects.toMatchObject({ code: 'rate-limited' });
    tick(31_000);
    await expect(l.acquire('hackernews', 'hn.algolia.com')).resolves.toBeUndefined();
  });

  it('stops a source at its hourly budget, then lets it go an hour later', async () => {
    const { l, tick } = limiter({ hourlyBudget: { mastodon: 3 }, defaultHostLimit: { capacity: 100, perSecond: 100 } });
    for (let i = 0; i < 3; i++) await l.acquire('mastodon', 'm');
    await expect(l.acquire('mastodon', 'm')).rejects.toMatchObject({ code: 'budget' });
    expect(l.remaining('mastodon')).toBe(0);
    tick(3_600_001);
    await expect(l.acquire('mastodon', 'm')).resolves.toBeUndefined();
  });

  it.each([
    ['30', 30_000],
    ['0', 0],
    [new Date(1_000_000 + 10_000).toUTCString(), 9_000],
    ['soon', undefined],
    [null, undefined],
  ])('Retry-After %j → %j ms', (v, ms) => {
    const got = parseRetryAfter(v, 1_000_000 + 1_000);
    if (ms === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(ms, -3);
  });
});

describe('HttpClient retries of unreachable hosts', () => {
  it.each([
    ['retries a host with no pace once', { capacity: 10, perSecond: 2 }, 2],
    ['does not sit out a 5 s pace to retry a host that refused the connection', { capacity: 1, perSecond: 0.2 }, 1],
  ])('%s', async (_what, hostLimit, attempts) => {
    const { HttpClient } = await import('../../../utils/discourse/http');
    const { l } = limiter({ hostLimits: { 'api.gdeltproject.org': hostLimit } });
    let calls = 0;
    const http = new HttpClient({
      limiter: l,
      clock: () => 1_000_000,
      sleep: async () => {},
      fetch: (async () => {
        calls++;
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await expect(http.request('news', 'https://api.gdeltproject.org/api/v2/doc/doc')).rejects.toMatchObject({ code: 'network' });
    expect(calls).toBe(attempts);
  });
});
