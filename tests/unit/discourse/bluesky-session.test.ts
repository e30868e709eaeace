// @vitest-environment node
// The Bluesky login lifecycle with the real @atproto/api client against the fake XRPC
// service: session kept across worker restarts, refreshed on expiry, never re-created in a loop.
import { afterEach, describe, expect, it } from 'vitest';
import { StoredBlueskySession } from '../../../utils/schema/discourse';
import { DEEPSEEK, harness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function errorsOf() {
  const a = await h.provider.fetch(DEEPSEEK, {});
  if (a.kind !== 'fresh') throw new Error('expected fresh');
  return a.context.freshness.errors;
}

describe('Bluesky session', () => {
  it('logs in once, persists the session and resumes it in a restarted worker without createSession', async () => {
    h = await harness();
    expect(await errorsOf()).toEqual([]);
    const stored = StoredBlueskySession.parse(h.session.value);
    expect(stored.identifier).toBe(h.up.blueskyLogin.handle);
    expect(stored.session?.accessJwt).toBeTruthy();
    h.restart();
    expect(await errorsOf()).toEqual([]);
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(1);
    expect(h.up.bluesky.calls('app.bsky.feed.searchPosts')).toBe(2);
  });

  it('refreshes an expired access token and stores the rotated session', async () => {
    h = await harness();
    await errorsOf();
    const first = StoredBlueskySession.parse(h.session.value).session!;
    h.up.bluesky.expireAccessTokens();
    h.restart();
    expect(await errorsOf()).toEqual([]);
    expect(h.up.bluesky.calls('com.atproto.server.refreshSession')).toBe(1);
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(1);
    const second = StoredBlueskySession.parse(h.session.value).session!;
    expect(second.refreshJwt).not.toBe(first.refreshJwt);
  });

  it('logs in again, once, when the refresh token was revoked', async () => {
    h = await harness();
    await errorsOf();
    h.up.bluesky.expireAccessTokens();
    h.up.bluesky.revokeSessions();
    h.restart();
    expect(await errorsOf()).toEqual([]);
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(2);
  });

  it('names a refused app password and does not retry it until the credentials change', async () => {
    h = await harness();
    h.secrets = { ...h.secrets, blueskyAppPassword: 'wrong-pass-word-1234' };
    const [err] = await errorsOf();
    expect(err).toMatchObject({ source: 'bluesky', code: 'unauthorized' });
    expect(err!.message).toMatch(/^Bluesky: .*options page/);
    h.restart();
    await errorsOf();
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(1);
    h.secrets = { ...h.secrets, blueskyAppPassword: h.up.blueskyLogin.appPassword };
    expect(await errorsOf()).toEqual([]);
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(2);
  });

  it('reports createSession rate limiting as rate-limited and backs off', async () => {
    h = await harness({ upstreams: { bluesky: { createSessionLimit: 0 } } });
    const [err] = await errorsOf();
    expect(err).toMatchObject({ source: 'bluesky', code: 'rate-limited' });
    await errorsOf();
    expect(h.up.bluesky.calls('com.atproto.server.createSession')).toBe(1);
  });

  it('testBluesky reports success and failure in words', async () => {
    h = await harness();
    expect(await h.provider.testBluesky()).toEqual({ ok: true, message: `Logged in to Bluesky as ${h.up.blueskyLogin.handle}` });
    h.settings = { ...h.settings, bluesky: { handle: '' } };
    expect(await h.provider.testBluesky()).toMatchObject({ ok: false, message: 'Bluesky: log in with an app password on the options page' });
  });
});
