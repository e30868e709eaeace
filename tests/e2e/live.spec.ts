// Live discourse computed in the extension (issue: live discourse): no server, the real
// clients (@atproto/api, fetch) in the service worker against fake Bluesky, Hacker News,
// GDELT, Mastodon and Hugging Face on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';
import { startAllFakeUpstreams, type FakeUpstreams } from '../fixtures/servers/upstreams';

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

async function popupForArticle(e: Extension) {
  const article = await e.context.newPage();
  await article.goto(`${pages.url}/news/open-weights-release.html`);
  const topic = (await e.waitForTopic(article)) as { query: string } | null;
  expect(topic?.query).toBe('DeepSeek V3');
  const popup = await e.openPopupFor(article);
  await popup.getByTestId('context').waitFor({ timeout: 20_000 });
  return popup;
}

describe('live pipeline in the popup', () => {
  it('shows volume, sources, mood and key voices computed from the public sources', async () => {
    ext = await launchExtension({
      settings: loopbackSettings({ endpoints: up.endpoints, bluesky: { handle: up.blueskyLogin.handle } }),
      secrets: { blueskyAppPassword: up.blueskyLogin.appPassword },
    });
    const popup = await popupForArticle(ext);
    expect(await popup.getByTestId('freshness').textContent()).toMatch(/from live sources/);
    expect(Number(await popup.getByTestId('volume').textContent())).toBeGreaterThan(5);
    const sources = await popup.getByRole('region', { name: 'Sources' }).textContent();
    for (const name of ['Bluesky', 'Hacker News', 'Mastodon', 'News']) expect(sources).toContain(name);
    expect(await popup.getByTestId('mood-shift').count()).toBe(1);
    const voices = (await popup.getByTestId('key-voice').allTextContents()).join('\n');
    expect(voices).toContain('Andrei Kovalenko'); // the most-engaged Bluesky post
    expect(voices).toContain('DeepSeek V3 trained for a fraction of the usual compute budget.');
    expect(await popup.getByTestId('source-errors').count()).toBe(0);
    // Searched through the user's own session, for the topic query only.
    expect(up.bluesky.calls('com.atproto.server.createSession')).toBe(1);
    const searches = up.bluesky.requests.filter((r) => r.path.endsWith('app.bsky.feed.searchPosts'));
    expect(searches[0]?.query.get('q')).toBe('DeepSeek V3');
    await shot(popup, 'popup-live', { fullPage: true, docs: 'popup-live' });
  });

  it('names the source that failed and still shows the others', async () => {
    // No Bluesky login, and Hacker News answering 500.
    ext = await launchExtension({ settings: loopbackSettings({ endpoints: up.endpoints }) });
    up.hackernews.setFault({ kind: 'status', status: 500 });
    const popup = await popupForArticle(ext);
    const errors = await popup.getByTestId('source-errors').textContent();
    expect(errors).toMatch(/Bluesky/);
    expect(errors).toMatch(/options page/);
    expect(errors).toMatch(/Hacker News/);
    const sources = await popup.getByRole('region', { name: 'Sources' }).textContent();
    expect(sources).toContain('Mastodon');
    expect(await popup.getByTestId('key-voice').count()).toBeGreaterThan(0);
    await shot(popup, 'popup-live-partial', { fullPage: true });
  });

  it('shows the Hugging Face figures of a model on its hover card', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ endpoints: up.endpoints }) });
    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/news/open-weights-release.html`);
    const ui = pageUi(article);
    await expect.poll(async () => (await highlights(article)).map((h) => h.text), { timeout: 15_000 }).toContain('DeepSeek V3');
    const m = await hoverHighlight(article, 'DeepSeek V3');
    const card = '[role="dialog"]';
    await ui.waitFor(card, { timeout: 10_000 });
    expect(await ui.text(`${card} h2`)).toBe('DeepSeek V3');
    await ui.waitFor(tid('card-downloads'), { timeout: 15_000 });
    expect(await ui.text(tid('card-downloads'))).toMatch(/^1\.8M$/i);
    const text = (await ui.text(card))!;
    expect(text).toContain('deepseek-ai/DeepSeek-V3');
    expect(text).toContain('mit');
    expect(text).toContain('Open weights');
    expect(up.huggingface.requests.some((r) => r.path === '/api/models/deepseek-ai/DeepSeek-V3')).toBe(true);
    // The card opens by its name (below it, left-aligned with it), not somewhere else on the page.
    const c = (await ui.box(card))!;
    expect(Math.abs(c.x - m.x)).toBeLessThan(2);
    expect(c.y).toBeGreaterThanOrEqual(m.y + m.height);
    expect(c.y - (m.y + m.height)).toBeLessThan(12);
    await shot(article, 'card-live-huggingface');
  });
});
