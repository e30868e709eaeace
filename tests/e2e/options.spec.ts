// The options page against real upstreams' fakes: keys typed in reach the background and
// its encrypted store (never shown back, never in storage.local), and each "test" button says in words what worked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, loopbackSettings, shot, type Extension } from './harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/servers/anthropic';
import { startFakeBluesky, DEFAULT_ACCOUNT, type FakeBluesky } from '../fixtures/servers/bluesky';

declare const chrome: typeof import('wxt/browser').browser;

const HOSTED_KEY = 'hosted-key-from-options';
const CLAUDE_KEY = 'sk-ant-from-options';
let api: FakeHostedApi;
let claude: FakeAnthropic;
let bsky: FakeBluesky;
let ext: Extension | undefined;

beforeAll(async () => {
  [api, claude, bsky] = await Promise.all([startFakeHostedApi({ apiKey: HOSTED_KEY }), startFakeAnthropic({ apiKey: CLAUDE_KEY }), startFakeBluesky()]);
});
afterAll(async () => {
  await Promise.all([api.close(), claude.close(), bsky.close()]);
});
afterEach(async () => {
  // Forget the browser before closing it: close() fails when the privacy check does.
  const closing = ext;
  ext = undefined;
  await closing?.close();
});

describe('options page', () => {
  it('saves keys without showing them back and tests the hosted API, Bluesky and Claude', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url, endpoints: { anthropic: claude.url, blueskyService: bsky.url } }) });
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 900, height: 1500 });
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByRole('heading', { name: 'Options' }).waitFor();

    // A wrong key first: the test says the key was refused.
    await page.locator('#hosted-key').fill('wrong-key');
    await page.getByTestId('test-hosted').click();
    await page.getByTestId('test-hosted-result').getByText(/refused the key \(401\)/).waitFor();

    await page.locator('#hosted-key').fill(HOSTED_KEY);
    await page.getByTestId('test-hosted').click();
    await page.getByTestId('test-hosted-result').getByText('Connected: 15 beats.').waitFor();
    expect(await page.getByTestId('hostedApiKey-state').textContent()).toBe('set');
    expect(await page.locator('#hosted-key').inputValue()).toBe(''); // never shown back

    await page.getByLabel('Handle').fill(DEFAULT_ACCOUNT.identifier);
    await page.locator('#bsky-password').fill(DEFAULT_ACCOUNT.password);
    await page.getByTestId('test-bluesky').click();
    await page.getByTestId('test-bluesky-result').filter({ hasText: /./ }).waitFor();
    await expect.poll(() => page.getByTestId('test-bluesky-result').textContent()).not.toMatch(/Testing/);
    expect(await page.getByTestId('test-bluesky-result').getAttribute('class')).toContain('uc-ok');

    await page.locator('#anthropic-key').fill(CLAUDE_KEY);
    await page.getByTestId('test-anthropic').click();
    await page.getByTestId('test-anthropic-result').getByText(/^Connected: /).waitFor();

    // The secrets are not in storage.local (content scripts can read it), and not in the exportable settings.
    const stored = JSON.stringify(await ext.sw.evaluate(async () => chrome.storage.local.get(null)));
    for (const secret of [HOSTED_KEY, CLAUDE_KEY, DEFAULT_ACCOUNT.password]) expect(stored).not.toContain(secret);
    for (const key of ['hostedApiKey', 'anthropicApiKey', 'blueskyAppPassword']) expect(await page.getByTestId(`${key}-state`).textContent()).toBe('set');
    expect(await page.content()).not.toContain(CLAUDE_KEY);
    await shot(page, 'options-tested', { fullPage: true });
  });
});
