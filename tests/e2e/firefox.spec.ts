// The user-level scenarios of the Chromium tests, in Firefox (Debian's firefox-esr) with the
// Firefox MV3 build: the detector on an AI article and a non-AI page, the popup for that tab
// (fresh offline profile with the sample pack, then the hosted API), the sidebar and a hover
// card, and the options page saving a key. One Firefox for the whole file; the tests run in
// order and each sets the settings it needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { loopbackSettings, startFixtureServer } from './harness';
import { firefoxShot, launchFirefox, shadowRootOf, textPoint, until, type FirefoxExtension } from './firefox-harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';

// `chrome` is the WebExtension global of the extension page the inExtension callbacks run in
// (not `browser`, which WxtVitest rewrites in test code).
declare const chrome: typeof import('wxt/browser').browser;

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let api: FakeHostedApi;
let ff: FirefoxExtension;

const HOSTED_KEY = 'firefox-hosted-key-42';
const ARTICLE = '/news/open-weights-release.html';

beforeAll(async () => {
  [pages, api] = await Promise.all([startFixtureServer(), startFakeHostedApi({ apiKey: HOSTED_KEY })]);
  // Offline: no hosted API, every live source on a closed loopback port.
  ff = await launchFirefox({ settings: loopbackSettings() });
});
afterAll(async () => {
  await ff?.close();
  await Promise.all([pages?.close(), api?.close()]);
});

const text = (el: ElementHandle<Node> | null) => el?.evaluate((n) => n.textContent ?? '') ?? Promise.resolve(null);

/** The page UI's shadow root, once the background has injected the UI into the tab. */
async function pageUi(page: Page): Promise<ElementHandle<Node>> {
  const host = await page.waitForSelector('undercurrent-ui', { timeout: 15_000 });
  return shadowRootOf(host!);
}

describe('Firefox', () => {
  it('runs the add-on as an MV3 event page at or above its stated minimum version', async () => {
    const manifest = await ff.inExtension(() => chrome.runtime.getManifest(), null);
    expect(manifest.manifest_version).toBe(3);
    const min = manifest.browser_specific_settings?.gecko?.strict_min_version;
    expect(min).toMatch(/^\d+\.\d+$/);
    expect(Number.parseFloat(ff.version)).toBeGreaterThanOrEqual(Number.parseFloat(min!));
    // An event page (background.scripts), not a service worker, in Firefox.
    expect(manifest.background).toMatchObject({ scripts: [`moz-extension://${ff.uuid}/background.js`] });
    expect((manifest.background as { service_worker?: unknown }).service_worker ?? null).toBeNull();
    // What the minimum version promises is there.
    const apis = await ff.inExtension(
      () => ({
        session: typeof chrome.storage.session?.get === 'function',
        scripting: typeof chrome.scripting?.executeScript === 'function',
        highlights: typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function',
      }),
      null,
    );
    expect(apis).toEqual({ session: true, scripting: true, highlights: true });
  });

  it('detects the beat on an AI article and nothing on a recipe', async () => {
    const article = await ff.openPage(`${pages.url}${ARTICLE}`);
    const topic = (await ff.waitForTopic(article)) as { beat: { id: string } | null; entities: { id: string }[] };
    expect(topic.beat?.id).toBe('open-source-ai');
    expect(topic.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['deepseek-v3', 'mistral-ai']));

    const recipe = await ff.openPage(`${pages.url}/plain/sourdough.html`);
    const none = (await ff.waitForTopic(recipe)) as { beat: unknown } | null;
    expect(none?.beat ?? null).toBeNull();
    // The UI is injected only into AI pages.
    expect(await recipe.$('undercurrent-ui')).toBeNull();
    const popup = await ff.openPopupFor(recipe);
    const empty = await popup.waitForSelector('[data-testid="empty"]', { timeout: 15_000 });
    expect(await text(empty)).toMatch(/isn.t about AI/);
    await firefoxShot(popup, 'popup-empty');
    await Promise.all([popup.close(), recipe.close(), article.close()]);
  });

  it('shows the sample pack, labelled, in the popup of a fresh offline profile', async () => {
    const article = await ff.openPage(`${pages.url}${ARTICLE}`);
    await ff.waitForTopic(article);
    const popup = await ff.openPopupFor(article);
    await popup.waitForSelector('[data-testid="context"]', { timeout: 20_000 });
    expect(await text(await popup.$('[data-testid="beat-name"]'))).toBe('Open Source AI');
    expect(await text(await popup.$('[data-testid="sample-label"]'))).toBe('Sample data from 20 November 2026 — not about this page');
    expect(await text(await popup.$('[data-testid="freshness"]'))).toBe('Source: the sample bundled with Undercurrent');
    expect(await text(await popup.$('[data-testid="key-voice"]'))).toContain('Priya Raman');
    expect(await text(await popup.$('[data-testid="narrative"]'))).toContain('reopens the fight over');
    await firefoxShot(popup, 'popup-sample-offline', { fullPage: true });
    await Promise.all([popup.close(), article.close()]);
  });

  it('shows the sidebar and a hover card on an article', async () => {
    const page = await ff.openPage(`${pages.url}/ui/article.html`);
    const ui = await pageUi(page);
    const tab = await ui.waitForSelector('[data-testid="sidebar-tab"]', { timeout: 15_000 });
    await tab!.click();
    const beat = await ui.waitForSelector('[data-testid="sidebar"] [data-testid="beat-name"]', { visible: true, timeout: 15_000 });
    expect(await text(beat)).toBe('Open Source AI');
    await ui.waitForSelector('[data-testid="sidebar"] [data-testid="key-voice"]', { timeout: 15_000 });
    // The panel overlays the page at its right edge (Firefox keeps a classic scrollbar there).
    const box = await (await ui.$('[data-testid="sidebar"]'))!.boundingBox();
    expect(Math.round(box!.x + box!.width)).toBe(await page.evaluate(() => document.documentElement.clientWidth));
    await firefoxShot(page, 'sidebar');
    await page.keyboard.press('Escape');
    await until('the sidebar to close', async () => !(await (await ui.$('[data-testid="sidebar"]'))?.isVisible()));

    // Hover the name where a person sees it in the article text (however it is marked).
    const at = await until('the name "DeepSeek V3" in the article', () => textPoint(page, 'main article', 'DeepSeek V3').then((p) => p ?? undefined));
    const card = await until('a card for DeepSeek V3', async () => {
      await page.mouse.move(at.x, at.y);
      const c = await ui.$('[role="dialog"][data-testid="entity-card"]');
      return c && (await text(c))?.includes('DeepSeek V3') ? c : undefined;
    });
    await ui.waitForSelector('[data-testid="card-volume"]', { timeout: 10_000 });
    const cardBox = (await card.boundingBox())!;
    expect(cardBox.x).toBeGreaterThanOrEqual(0);
    expect(cardBox.y).toBeGreaterThanOrEqual(0);
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(1280);
    expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(900);
    await firefoxShot(page, 'card');
    await page.keyboard.press('Escape');
    await until('the card to close', async () => !(await (await ui.$('[data-testid="entity-card"]'))?.isVisible()));
    await page.close();
  });

  it('saves a key on the options page without showing it back', async () => {
    await ff.setSettings(loopbackSettings({ hostedApi: api.url }));
    const page = await ff.openExtensionPage('options.html', { width: 900, height: 1500 });
    await page.waitForSelector('#hosted-key');
    await page.type('#hosted-key', HOSTED_KEY);
    await page.click('[data-testid="test-hosted"]');
    await until('the hosted API test to pass', async () => /Connected: 15 beats\./.test((await text(await page.$('[data-testid="test-hosted-result"]'))) ?? ''));
    expect(await text(await page.$('[data-testid="hostedApiKey-state"]'))).toBe('set');
    expect(await page.$eval('#hosted-key', (el) => (el as HTMLInputElement).value)).toBe('');
    // The key is kept by the background (encrypted IndexedDB), not in storage.local, which content scripts can read.
    const stored = await ff.inExtension(() => chrome.storage.local.get(null), null);
    expect(JSON.stringify(stored)).not.toContain(HOSTED_KEY);
    expect(await page.content()).not.toContain(HOSTED_KEY);
    await firefoxShot(page, 'options-saved', { fullPage: true });
    await page.close();
  });

  it('keeps working after Firefox suspends the event page', async () => {
    const first = await ff.openPage(`${pages.url}${ARTICLE}`);
    await ff.waitForTopic(first);
    expect(await ff.backgroundState()).toBe('running');
    await ff.terminateBackground();
    expect(await ff.backgroundState()).not.toBe('running');
    // A page load wakes it (tabs.onUpdated): the new page is read and gets the page UI.
    const page = await ff.openPage(`${pages.url}/ui/article.html`);
    const topic = (await ff.waitForTopic(page)) as { beat: { id: string } | null };
    expect(topic.beat?.id).toBe('open-source-ai');
    await pageUi(page);
    expect(await ff.backgroundState()).toBe('running');
    // Suspended again: the popup's message wakes it, and the tab read before still has its topic.
    await ff.terminateBackground();
    const popup = await ff.openPopupFor(first);
    const beat = await popup.waitForSelector('[data-testid="beat-name"]', { timeout: 20_000 });
    expect(await text(beat)).toBe('Open Source AI');
    await Promise.all([popup.close(), page.close(), first.close()]);
  });

  it('shows the hosted API answer in the popup, with the key sent as a bearer token', async () => {
    // Hosted API only (the key was saved by the options page above).
    await ff.setSettings(loopbackSettings({ hostedApi: api.url, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } }));
    expect((await ff.send('clearCache', {})).ok).toBe(true);
    const article = await ff.openPage(`${pages.url}${ARTICLE}`);
    await ff.waitForTopic(article);
    const popup = await ff.openPopupFor(article);
    await until('the hosted answer in the popup', async () => /from the hosted API/.test((await text(await popup.$('[data-testid="freshness"]'))) ?? ''), 20_000);
    expect(await text(await popup.$('[data-testid="beat-name"]'))).toBe('Open Source AI');
    expect(await text(await popup.$('[data-testid="volume"]'))).toMatch(/^2\.4k$/i);
    expect(await text(await popup.$('[data-testid="key-voice"]'))).toContain('Dana Whitaker');
    expect(api.requests.some((r) => r.path === '/v1/context' && r.headers.authorization === `Bearer ${HOSTED_KEY}`)).toBe(true);
    await firefoxShot(popup, 'popup-hosted', { fullPage: true });
    await Promise.all([popup.close(), article.close()]);
  });
});
