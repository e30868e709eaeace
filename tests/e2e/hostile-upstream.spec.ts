// A hostile or broken upstream, seen in the built extension in Chromium: Bluesky (through
// @atproto/api in the service worker) sending 300 MB, and a source that has spent its
// hourly request budget. Each is named for what it is; the other sources still answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, loopbackSettings, shot, startFixtureServer, type Extension } from './harness';
import { startAllFakeUpstreams, type FakeUpstreams } from '../fixtures/servers/upstreams';
import { startFakeHostedApi } from '../fixtures/servers/hosted-api';
import { startFakeAnthropic } from '../fixtures/servers/anthropic';

// Functions passed to sw.evaluate run in the service worker.
declare const indexedDB: IDBFactory;

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let up: FakeUpstreams;
let ext: Extension | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
  up = await startAllFakeUpstreams();
});
afterAll(async () => {
  await pages.close();
  await up.close();
});
afterEach(async () => {
  // Forget the browser before closing it: close() fails when the privacy check does.
  const closing = ext;
  ext = undefined;
  await closing?.close();
  up.setFaultAll({ kind: 'none' });
});

/** Writes the limiter's persisted state as a worker would have left it: Hacker News has sent its 600 requests this hour. */
async function spendHackerNewsBudget(e: Extension): Promise<void> {
  await e.sw.evaluate(async () => {
    // Wait for the extension to have created its database (never create it from here).
    for (let i = 0; i < 100; i++) {
      const dbs = await indexedDB.databases();
      if (dbs.some((d) => d.name === 'undercurrent' && (d.version ?? 0) >= 2)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('undercurrent');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const now = Date.now();
    const sent = Array.from({ length: 600 }, (_, i) => now - 10 * 60_000 + i);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').put({ key: 'discourse:limiter', value: { cooldowns: {}, budgets: { hackernews: sent } }, storedAt: now, expiresAt: now + 7_200_000, lastAccess: now });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

describe('hostile upstreams in the popup', () => {
  it('Bluesky sending 300 MB is cut off at the cap and named; a spent hourly budget is not called the narrative budget', async () => {
    ext = await launchExtension({
      settings: loopbackSettings({ endpoints: up.endpoints, bluesky: { handle: up.blueskyLogin.handle } }),
      secrets: { blueskyAppPassword: up.blueskyLogin.appPassword },
    });
    await spendHackerNewsBudget(ext);
    up.bluesky.setFault({ kind: 'flood', bytes: 300 * 1024 * 1024 }, '/xrpc/app.bsky.feed.searchPosts');
    const hnBefore = up.hackernews.requests.length;

    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/news/open-weights-release.html`);
    await ext.waitForTopic(article);
    const popup = await ext.openPopupFor(article);
    await popup.getByTestId('context').waitFor({ timeout: 30_000 });
    const errors = popup.getByTestId('source-errors');
    await errors.waitFor();
    const lines = await errors.getByRole('listitem').allTextContents();
    expect(lines).toContain('Bluesky: sent an answer that was too large');
    expect(lines.find((l) => l.startsWith('Hacker News:'))).toMatch(/^Hacker News: used its 600 requests for this hour; asking again in (49|50) min$/);
    expect(lines.join('\n')).not.toMatch(/narrative budget/i);
    // The hover text keeps the detail: the cap that stopped the read.
    expect(await errors.getByRole('listitem').filter({ hasText: 'Bluesky' }).getAttribute('title')).toMatch(/over the 5000000-byte limit/);
    // Hacker News was not asked at all; the other sources answered.
    expect(up.hackernews.requests.length).toBe(hnBefore);
    const sources = await popup.getByRole('region', { name: 'Sources' }).textContent();
    expect(sources).toContain('Mastodon');
    expect(sources).toContain('News');

    const flood = up.bluesky.floods.at(-1)!;
    await flood.done;
    expect(flood.finished).toBe(false);
    expect(flood.sent).toBeLessThan(40 * 1024 * 1024);
    await shot(popup, 'popup-hostile-upstream', { fullPage: true });
  });

  it('an Anthropic endpoint sending 300 MB: the stream is cut off at the cap, named, and the briefing written by code shown', async () => {
    const KEY = 'sk-ant-e2e-secret-0002';
    const api = await startFakeHostedApi({ postBase: `${pages.url}/posts` });
    const claude = await startFakeAnthropic({ apiKey: KEY });
    try {
      claude.setFault({ kind: 'flood', bytes: 300 * 1024 * 1024 }, '/v1/messages');
      ext = await launchExtension({
        settings: loopbackSettings({
          hostedApi: api.url,
          sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false },
          endpoints: { anthropic: claude.url },
        }),
        secrets: { anthropicApiKey: KEY },
      });
      const article = await ext.context.newPage();
      await article.goto(`${pages.url}/news/open-weights-release.html`);
      await ext.waitForTopic(article);
      const popup = await ext.openPopupFor(article);
      const errors = popup.getByTestId('source-errors');
      await errors.waitFor({ timeout: 30_000 });
      expect(await errors.getByRole('listitem').allTextContents()).toContain('Narrative: sent an answer that was too large');
      expect(await errors.getByRole('listitem').filter({ hasText: 'Narrative' }).getAttribute('title')).toMatch(/over the 2000000-byte limit/);
      // The narrative falls back to the briefing written by code; nothing from the flood is shown.
      expect(await popup.getByTestId('narrative').textContent()).toMatch(/Written by code from \d+ posts; no sentence was written by AI/);
      const flood = claude.floods.at(-1)!;
      await flood.done;
      expect(flood.finished).toBe(false);
      expect(flood.sent).toBeLessThan(40 * 1024 * 1024);
      await shot(popup, 'popup-hostile-claude', { fullPage: true });
    } finally {
      await Promise.all([api.close(), claude.close()]);
    }
  });
});
