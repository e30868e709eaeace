// Issue 9, items 1 and 6, in real Chromium: a hostile settings file or a content script
// that rewrites the stored settings cannot redirect the user's keys (an "attacker" proxy
// on 127.0.0.1 records every request and must never see one), the import shows a diff and
// asks first, loopback http endpoints are flagged, and the content-script world can
// neither read the secrets nor drive the background.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, loopbackSettings, shot, startFixtureServer, type Extension } from './harness';
import { contentWorld } from './content-world';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/servers/anthropic';
import { startFakeBluesky, DEFAULT_ACCOUNT, type FakeBluesky } from '../fixtures/servers/bluesky';
import { startFakeHackerNews, type FakeHackerNews } from '../fixtures/servers/hackernews';
import { startAttackerRelay, type AttackerRelay } from '../fixtures/servers/attacker-relay';

declare const chrome: typeof import('wxt/browser').browser;

const HOSTED_KEY = 'hosted-key-e2e-7f3a91';
const CLAUDE_KEY = 'sk-ant-e2e-9c2b44d1';
const APP_PASSWORD = DEFAULT_ACCOUNT.password;
const SECRETS = { hostedApiKey: HOSTED_KEY, anthropicApiKey: CLAUDE_KEY, blueskyAppPassword: APP_PASSWORD };

const DRAFT = {
  headline: 'Builders cheer the open weights while critics read the licence',
  dek: 'About 2,412 posts in the last 24 hours, with the mood turning sharply more positive.',
  paragraphs: [{ text: 'On Bluesky, Dana Whitaker said the model "is genuinely competitive" after running it at home.', citations: ['bluesky:hosted-0'] }],
};

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let api: FakeHostedApi;
let claude: FakeAnthropic;
let bsky: FakeBluesky;
let hn: FakeHackerNews;
let attacker: AttackerRelay;
let ext: Extension | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
  [api, claude, bsky, hn] = await Promise.all([
    startFakeHostedApi({ apiKey: HOSTED_KEY, postBase: `${pages.url}/posts` }),
    startFakeAnthropic({ apiKey: CLAUDE_KEY }),
    startFakeBluesky(),
    startFakeHackerNews(),
  ]);
  claude.setHandler(() => ({ kind: 'json', value: DRAFT, chunkChars: 40 }));
  // A man in the middle: passes every request on to the real fake, keeping a copy.
  attacker = await startAttackerRelay((path) => (path.startsWith('/xrpc/') ? bsky.url : path.startsWith('/v1/messages') ? claude.url : api.url));
});
afterAll(async () => {
  await Promise.all([pages.close(), api.close(), claude.close(), bsky.close(), hn.close(), attacker.close()]);
});
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

/** The user's real setup: hosted API, Claude and Bluesky on their (fake) servers, Hacker News as a live source. */
function userSettings() {
  return loopbackSettings({
    hostedApi: api.url,
    endpoints: { anthropic: claude.url, blueskyService: bsky.url, hackernews: hn.url },
    sources: { bluesky: true, hackernews: true, news: false, mastodon: false, huggingface: false },
    bluesky: { handle: DEFAULT_ACCOUNT.identifier },
    anthropic: { model: 'claude-sonnet-5-5' },
  });
}

async function openOptions(e: Extension): Promise<Page> {
  const page = await e.context.newPage();
  await page.setViewportSize({ width: 900, height: 1400 });
  await page.goto(`chrome-extension://${e.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Options' }).waitFor();
  return page;
}

/** Runs the three connection tests and waits for each answer: each one would use its key. */
async function useEveryKey(options: Page): Promise<void> {
  for (const target of ['hosted', 'anthropic', 'bluesky'] as const) {
    await options.getByTestId(`test-${target}`).click();
    await expect.poll(() => options.getByTestId(`test-${target}-result`).textContent(), { timeout: 20_000 }).not.toMatch(/^(Testing…)?$/);
  }
}

/** Opens an AI article and its popup, and waits for the narrative (Claude's, or quoted posts without a usable key). */
async function readAnArticle(e: Extension): Promise<Page> {
  const article = await e.context.newPage();
  await article.goto(`${pages.url}/news/open-weights-release.html`);
  await e.waitForTopic(article);
  const popup = await e.openPopupFor(article);
  await popup.getByTestId('narrative').waitFor({ timeout: 30_000 });
  return popup;
}

const storedSettings = (e: Extension) => e.sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings);

function expectNoSecretAtTheAttacker(): void {
  expect(attacker.requests.length).toBeGreaterThan(0); // the redirect took effect: the test can fail
  for (const [name, value] of Object.entries(SECRETS)) expect(attacker.saw(value), `${name} reached the attacker`).toBe(false);
}

describe('secrets go only where the user saved them', () => {
  it('a content script that rewrites the stored endpoints gets no key sent anywhere new', async () => {
    attacker.requests.length = 0;
    ext = await launchExtension({ settings: userSettings(), secrets: SECRETS });
    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/news/open-weights-release.html`);
    await ext.waitForTopic(article);

    // Content scripts share storage.local with the extension: point every secret's endpoint at the attacker from there.
    const world = await contentWorld(article, ext.extensionId);
    await world.evaluate(`(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.hostedApi = { baseUrl: ${JSON.stringify(attacker.url)} };
      settings.endpoints = { ...settings.endpoints, anthropic: ${JSON.stringify(attacker.url)}, blueskyService: ${JSON.stringify(attacker.url)} };
      await chrome.storage.local.set({ settings });
      return true;
    })()`);
    await world.close();

    const options = await openOptions(ext);
    await useEveryKey(options);
    // The context was fetched (with the key, legitimately) when the sidebar mounted: refresh it, now through the attacker.
    const popup = await readAnArticle(ext);
    await popup.getByRole('button', { name: 'Refresh the discourse context' }).click();
    await expect.poll(() => attacker.requests.some((r) => r.path.startsWith('/v1/context')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => popup.getByText('refreshing…').count(), { timeout: 30_000 }).toBe(0);
    await popup.getByTestId('narrative').waitFor();
    expectNoSecretAtTheAttacker();
    // The page says where each key was saved for, and that it is not sent to the new endpoint.
    expect(await options.getByTestId('anthropicApiKey-state').textContent()).toBe(`saved for ${claude.url} — not sent to ${attacker.url}; enter it again to use it there`);
    expect(await options.getByTestId('hostedApiKey-state').textContent()).toContain(`saved for ${api.url}`);
    expect(await options.getByTestId('blueskyAppPassword-state').textContent()).toContain(`saved for ${bsky.url}`);
    expect(await options.getByTestId('test-anthropic-result').textContent()).toBe(`The key is saved for ${claude.url} and is not sent to this endpoint. Enter it again to use it here.`);
    await shot(options, 'options-keys-bound-elsewhere', { fullPage: true });
  });

  it('an imported file shows its changes, leaves endpoints alone unless ticked, and never redirects the keys', async () => {
    attacker.requests.length = 0;
    ext = await launchExtension({ settings: userSettings(), secrets: SECRETS });
    const options = await openOptions(ext);
    const before = await storedSettings(ext);
    const hostile = JSON.stringify({
      cacheTtlMinutes: 45,
      hostedApi: { baseUrl: attacker.url },
      endpoints: { anthropic: attacker.url, blueskyService: attacker.url },
      secrets: { anthropicApiKey: 'sk-ant-attacker' },
    });
    const choose = () => options.getByTestId('import').setInputFiles({ name: 'undercurrent-settings.json', mimeType: 'application/json', buffer: Buffer.from(hostile) });

    // 1. The review: the plain change in the diff, the endpoints apart and not ticked, nothing saved yet.
    await choose();
    const review = options.getByTestId('import-review');
    await review.waitFor();
    expect(await options.getByTestId('import-diff').textContent()).toContain('cacheTtlMinutes3045');
    const endpoints = options.getByTestId('import-endpoints');
    for (const path of ['hostedApi.baseUrl', 'endpoints.anthropic', 'endpoints.blueskyService']) expect(await endpoints.textContent()).toContain(path);
    expect(await options.getByTestId('import-endpoints-opt-in').isChecked()).toBe(false);
    expect(await review.textContent()).toContain('Ignored (keys and passwords are never imported): secrets.');
    expect(await storedSettings(ext)).toEqual(before);
    await shot(options, 'options-import-review', { fullPage: true });

    // 2. Confirmed as it is: the plain change applies, the endpoints stay.
    await options.getByTestId('import-confirm').click();
    await options.getByTestId('status').getByText('Settings imported: 1 change.').waitFor();
    expect(await options.locator('#anthropic-url').inputValue()).toBe(claude.url);
    expect(await options.locator('#hosted-url').inputValue()).toBe(api.url);

    // 3. A user talked into ticking the box: the endpoints move, the page warns, and the keys stay bound to their origins.
    await choose();
    await review.waitFor();
    await options.getByTestId('import-endpoints-opt-in').check();
    expect(await options.getByTestId('import-stranded').textContent()).toContain(`Anthropic API key (saved for ${claude.url})`);
    await options.getByTestId('import-confirm').click();
    await options.getByTestId('status').getByText('Settings imported: 3 changes.').waitFor();
    expect(await options.locator('#anthropic-url').inputValue()).toBe(attacker.url);
    expect(await options.getByTestId('anthropicApiKey-state').textContent()).toContain(`saved for ${claude.url} — not sent to ${attacker.url}`);
    // Plain http to loopback is allowed for local development, and flagged as such.
    expect(await options.getByTestId('anthropic-url-local').textContent()).toBe('Local development: plain http to this computer');
    expect(await options.getByTestId('bsky-service-local').isVisible()).toBe(true);
    await shot(options, 'options-import-endpoints-ticked', { fullPage: true });

    await useEveryKey(options);
    await readAnArticle(ext);
    expectNoSecretAtTheAttacker();
  });

  it('refuses a hostile file with a clear error and changes nothing', async () => {
    ext = await launchExtension({ settings: userSettings(), secrets: SECRETS });
    const options = await openOptions(ext);
    const before = await storedSettings(ext);
    await options.getByTestId('import').setInputFiles({
      name: 'evil.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ cacheTtlMinutes: 45, endpoints: { anthropic: 'http://attacker.example' } })),
    });
    await options.getByTestId('status').getByText(/^Not imported: endpoints\.anthropic: plain http is allowed only to this computer/).waitFor();
    expect(await options.getByTestId('import-review').count()).toBe(0);
    expect(await storedSettings(ext)).toEqual(before);
    // An endpoint typed by hand is judged the same way, before saving.
    await options.locator('#endpoint-hackernews').fill('http://hn.example.org');
    expect(await options.getByTestId('endpoint-hackernews-note').textContent()).toMatch(/^Not allowed: plain http is allowed only to this computer/);
  });
});

describe('the content-script world', () => {
  it('cannot read the secrets, cannot drive the background, and its topic carries no query or fragment', async () => {
    ext = await launchExtension({ settings: userSettings(), secrets: SECRETS });
    const other = await ext.context.newPage();
    await other.goto(`${pages.url}/news/open-weights-release.html?session=other-tab-token#private-anchor`);
    await ext.waitForTopic(other);
    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/news/open-weights-release.html?utm_source=mail&token=abc123#section-2`);
    const topic = (await ext.waitForTopic(article)) as { url: string };
    expect(topic.url).toBe(`${pages.url}/news/open-weights-release.html`);

    const world = await contentWorld(article, ext.extensionId);
    // Everything storage.local holds, as a content script sees it: no key, password or session.
    const local = JSON.stringify(await world.evaluate('chrome.storage.local.get(null)'));
    for (const value of Object.values(SECRETS)) expect(local).not.toContain(value);
    expect(local).not.toMatch(/blueskySession|"secrets"/);
    // The page origin's IndexedDB is not the extension's: the secret store is not there.
    expect(await world.evaluate('indexedDB.databases().then((d) => d.map((x) => x.name))')).not.toContain('undercurrent-secrets');

    const tabIds = await ext.sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => ({ id: t.id, url: t.url })));
    const ownTab = tabIds.find((t) => t.url?.includes('utm_source'))!.id!;
    const otherTab = tabIds.find((t) => t.url?.includes('other-tab-token'))!.id!;

    const refused = async (name: string, data: unknown) => {
      const reply = (await world.send(name, data)) as { ok: boolean; error?: { code: string; message: string } };
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      return reply.error!.message;
    };
    expect(await refused('saveSecrets', { secrets: { anthropicApiKey: 'sk-ant-attacker' } })).toMatch(/not allowed from a web page/);
    await refused('saveSettings', { settings: {} });
    await refused('getOptions', {});
    await refused('testConnection', { target: 'anthropic' });
    expect(await refused('getTabContext', { tabId: otherTab })).toMatch(/only ask about its own tab/);
    // The channel itself works: its own tab is answered, without the query string or fragment.
    const own = (await world.send('getTabContext', { tabId: ownTab })) as { ok: boolean; value?: { topic: { url: string } | null } };
    expect(own.ok).toBe(true);
    expect(own.value?.topic?.url).toBe(`${pages.url}/news/open-weights-release.html`);
    await world.close();

    // Nothing was changed by the refused messages: the keys are still usable where they were saved.
    const options = await openOptions(ext);
    expect(await options.getByTestId('anthropicApiKey-state').textContent()).toBe('set');
    // The popup (an extension page) may still ask about any tab.
    const popup = await ext.openPopupFor(other);
    await popup.getByTestId('narrative').waitFor({ timeout: 30_000 });
  });
});
