// The toolbar popup as a user meets it (issue: foundation): a news article with the
// hosted API configured, the API going down, a non-AI page, and a fresh offline install.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, loopbackSettings, shot, startFixtureServer, type Extension } from './harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let api: FakeHostedApi;
let ext: Extension | undefined;

const HOSTED_KEY = 'hosted-secret-key-123';
// Hosted API only: the live sources are switched off so the hosted answer is the one shown.
const hostedOnly = () =>
  loopbackSettings({ hostedApi: api.url, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } });

beforeAll(async () => {
  pages = await startFixtureServer();
  api = await startFakeHostedApi({ apiKey: HOSTED_KEY });
});
afterAll(async () => {
  await pages.close();
  await api.close();
});
afterEach(async () => {
  // Forget the browser before closing it: close() fails when the privacy check does.
  const closing = ext;
  ext = undefined;
  await closing?.close();
  api.setFault({ kind: 'none' });
});

async function openArticle(e: Extension): Promise<Page> {
  const article = await e.context.newPage();
  await article.goto(`${pages.url}/news/open-weights-release.html`);
  await e.waitForTopic(article);
  return article;
}

describe('popup', () => {
  it('shows the beat, mood, volume, sources and key voices from the hosted API', async () => {
    ext = await launchExtension({ settings: hostedOnly(), secrets: { hostedApiKey: HOSTED_KEY } });
    const popup = await ext.openPopupFor(await openArticle(ext));
    await popup.getByTestId('context').waitFor();
    expect(await popup.getByTestId('beat-name').textContent()).toBe('Open Source AI');
    expect(await popup.getByTestId('beat-category').textContent()).toBe('Industry');
    // The names the detector found on the page.
    const names = await popup.getByTestId('page-entities').locator('li').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['DeepSeek', 'DeepSeek V3', 'Hugging Face', 'Mistral AI']));
    await popup.getByText('52% positive').first().waitFor();
    expect(await popup.getByTestId('mood-shift').textContent()).toContain('Sharply more positive');
    expect(await popup.getByTestId('volume').textContent()).toMatch(/^2\.4k$/i);
    const voices = popup.getByTestId('key-voice');
    expect(await voices.count()).toBeGreaterThanOrEqual(3);
    const first = await voices.first().textContent();
    expect(first).toContain('Dana Whitaker');
    expect(first).toContain('The 70B fits on two consumer GPUs at 4-bit');
    expect(await popup.getByTestId('freshness').textContent()).toMatch(/from the hosted API/);
    // The key went to the hosted API, and nowhere near the page.
    expect(api.requests.some((r) => r.headers.authorization === `Bearer ${HOSTED_KEY}`)).toBe(true);
    await shot(popup, 'popup-hosted', { fullPage: true });
  });

  it('shows the cached context marked stale, and says what failed, when the hosted API goes down', async () => {
    ext = await launchExtension({ settings: hostedOnly(), secrets: { hostedApiKey: HOSTED_KEY } });
    const article = await openArticle(ext);
    const popup = await ext.openPopupFor(article);
    await popup.getByTestId('context').waitFor();
    api.setFault({ kind: 'status', status: 500 });
    await popup.getByRole('button', { name: /refresh/i }).click();
    await popup.getByTestId('freshness').getByText(/stale/i).waitFor();
    expect(await popup.getByTestId('key-voice').first().textContent()).toContain('Dana Whitaker');
    expect(await popup.getByTestId('source-errors').textContent()).toMatch(/hosted api/i);
    await shot(popup, 'popup-hosted-down-stale', { fullPage: true });

    // A fresh popup later still shows the last good data, not a blank panel.
    await popup.close();
    const again = await ext.openPopupFor(article);
    expect(await again.getByTestId('key-voice').first().textContent()).toContain('Dana Whitaker');
  });

  it('shows the empty state on a page that is not about AI', async () => {
    ext = await launchExtension({ settings: hostedOnly() });
    const before = api.requests.length;
    const recipe = await ext.context.newPage();
    await recipe.goto(`${pages.url}/plain/sourdough.html`);
    await ext.waitForTopic(recipe);
    const popup = await ext.openPopupFor(recipe);
    await popup.getByTestId('empty').waitFor();
    expect(await popup.getByTestId('empty').textContent()).toMatch(/isn.t about AI|not about AI/i);
    expect(await popup.getByTestId('context').count()).toBe(0);
    // Nothing about a non-AI page is sent anywhere.
    expect(api.requests.slice(before).filter((r) => r.path === '/v1/context')).toEqual([]);
    await shot(popup, 'popup-empty');
  });

  it('shows the bundled sample pack, labelled as sample data, on a fresh offline profile', async () => {
    // No hosted API; every live source points at a closed loopback port (offline).
    ext = await launchExtension({ settings: loopbackSettings() });
    const popup = await ext.openPopupFor(await openArticle(ext));
    await popup.getByTestId('context').waitFor();
    expect(await popup.getByTestId('beat-name').textContent()).toBe('Open Source AI');
    expect(await popup.getByTestId('sample-label').textContent()).toBe('Sample data from 20 November 2026 — not about this page');
    expect(await popup.getByTestId('freshness').textContent()).toBe('Source: the sample bundled with Undercurrent');
    expect(await popup.getByTestId('key-voice').first().textContent()).toContain('Priya Raman');
    expect(await popup.getByTestId('narrative').textContent()).toContain('reopens the fight over');
    await shot(popup, 'popup-sample-offline', { fullPage: true });
  });
});
