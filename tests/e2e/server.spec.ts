// The real Undercurrent server (not a fake) on loopback, fed by a replay of the committed
// capture through the real ingest, with the built extension in Chromium pointed at it:
// the popup, the sidebar and a hover card show the server's own figures, its beat records,
// and sources including X and YouTube; the freshness line names the server and says it is
// a replay.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscourseContext } from '../../utils/schema';
import { sourceName } from '../../components/format';
import { configFromEnv, startServer, type RunningServer } from '../../server/server';
import { CAPTURE_FILE } from '../../scripts/capture';
import { highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let server: RunningServer;
let proxy: Server;
let proxyUrl: string;
/** The /v1/context URLs the extension asked for. */
const asked: string[] = [];
let ext: Extension | undefined;
// Functions passed to sw.evaluate run in the service worker, where `chrome` is global.
declare const chrome: typeof import('wxt/browser').browser;

beforeAll(async () => {
  pages = await startFixtureServer();
  server = await startServer({ ...configFromEnv({}), port: 0, dataDir: 'memory://', ingest: 'replay', replayFile: CAPTURE_FILE, log: () => {} });
  await server.replayed;
  // A pass-through that records what the extension asks, so the test can ask the same.
  proxy = createServer((req, res) => {
    if (req.url?.startsWith('/v1/context')) asked.push(req.url);
    const up = request(`${server.url}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await ext?.close();
  await new Promise<void>((r) => proxy.close(() => r()));
  await server.close();
  await pages.close();
});

describe('the extension on the real server', () => {
  it('the popup shows the server\'s figures, beat records and sources including X and YouTube', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: proxyUrl, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } }) });
    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/news/open-weights-release.html`);
    await ext.waitForTopic(article);
    const popup = await ext.openPopupFor(article);
    await popup.getByTestId('context').waitFor();
    await popup.getByTestId('beat-records').waitFor();

    expect(asked.length).toBeGreaterThan(0);
    const ctx = DiscourseContext.parse(await (await fetch(`${server.url}${asked.at(-1)}`)).json());
    expect(ctx.snapshot.beat).toBe('open-source-ai');
    const sources = ctx.snapshot.bySource.map((s) => s.source);
    expect(sources).toEqual(expect.arrayContaining(['x', 'youtube', 'bluesky']));

    expect(await popup.getByTestId('beat-name').textContent()).toBe('Open Source AI');
    expect(await popup.getByTestId('volume').textContent()).toBe(String(ctx.snapshot.volume24h));
    expect(await popup.getByTestId('beat-records').textContent()).toBe(`Beat records: ${ctx.snapshot.beatRecords} posts on Open Source AI, all time`);
    const rows = await popup.getByRole('list', { name: 'Posts by source' }).locator('li > span:first-child').allTextContents();
    expect(rows).toEqual(ctx.snapshot.bySource.map((s) => sourceName(s.source)));
    expect(rows).toEqual(expect.arrayContaining(['X', 'YouTube']));
    const voices = popup.getByTestId('key-voice');
    const shown = await voices.allTextContents();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    shown.forEach((text, i) => expect(text).toContain(ctx.snapshot.keyVoices[i]!.quote.slice(0, 60)));
    expect(await popup.getByTestId('freshness').textContent()).toMatch(/from Undercurrent server \(replay of a recorded capture\)/);
    await shot(popup, 'popup-server-replay', { fullPage: true });
  });

  it('the sidebar and a hover card show the server\'s figures for the page and for the name', async () => {
    await ext?.close();
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: proxyUrl, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } }) });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/news/open-weights-release.html`);
    await expect.poll(() => pageUi(page).attached(), { timeout: 15_000 }).toBe(true);
    const ui = pageUi(page);
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('sidebar'));
    await ui.waitFor(tid('beat-records'));
    await ui.waitFor(tid('key-voice'));

    // The same query the extension sent, asked of the server directly.
    expect(asked.length).toBeGreaterThan(0);
    const pageQuery = asked.at(-1)!;
    const beforeHover = asked.length;
    const ctx = DiscourseContext.parse(await (await fetch(`${server.url}${pageQuery}`)).json());
    expect(ctx.snapshot.beat).toBe('open-source-ai');
    expect(ctx.snapshot.bySource.map((s) => s.source)).toEqual(expect.arrayContaining(['x', 'youtube']));
    expect(await ui.text(tid('beat-name'))).toBe('Open Source AI');
    expect(await ui.text(tid('volume'))).toBe(String(ctx.snapshot.volume24h));
    expect(await ui.text(tid('beat-records'))).toBe(`Beat records: ${ctx.snapshot.beatRecords} posts on Open Source AI, all time`);
    const sourceRows = await ui.evaluate('[aria-label="Posts by source"]', (el) => Array.from(el.querySelectorAll('li > span:first-child'), (s) => s.textContent ?? ''));
    expect(sourceRows).toEqual(ctx.snapshot.bySource.map((s) => sourceName(s.source)));
    expect(sourceRows).toEqual(expect.arrayContaining(['X', 'YouTube']));
    const voices = await ui.evaluate(tid('sidebar'), (el) => Array.from(el.querySelectorAll('[data-testid="key-voice"]'), (v) => v.textContent ?? ''));
    expect(voices.length).toBeGreaterThanOrEqual(3);
    voices.forEach((text, i) => expect(text).toContain(ctx.snapshot.keyVoices[i]!.quote.slice(0, 60)));
    expect(await ui.text(`${tid('sidebar')} ${tid('freshness')}`)).toMatch(/from Undercurrent server \(replay of a recorded capture\)/);
    await shot(page, 'sidebar-server-replay');

    // Close the sidebar, then rest the pointer on a name: its card reads the server too.
    await ui.click(tid('sidebar-close'));
    await ui.waitFor(tid('sidebar'), { state: 'hidden' });
    await expect.poll(async () => (await highlights(page)).map((h) => h.text), { timeout: 10_000 }).toContain('DeepSeek');
    await hoverHighlight(page, 'DeepSeek');
    await ui.waitFor(tid('entity-card'), { timeout: 10_000 });
    await ui.waitFor(tid('card-volume'), { timeout: 10_000 });
    const cardQuery = asked.slice(beforeHover).at(-1)!;
    expect(new URL(cardQuery, 'http://x').searchParams.get('entities')).toBe('deepseek');
    const card = DiscourseContext.parse(await (await fetch(`${server.url}${cardQuery}`)).json());
    // The name's own figures: part of the page's (which add up every name on it).
    expect(card.snapshot.volume24h).toBeGreaterThan(0);
    expect(card.snapshot.volume24h).toBeLessThan(ctx.snapshot.volume24h);
    expect(await ui.text(tid('card-volume'))).toBe(String(card.snapshot.volume24h));
    expect(await ui.text(`${tid('entity-card')} blockquote`)).toContain(card.snapshot.keyVoices[0]!.quote.slice(0, 60));
    expect(await ui.text(`${tid('entity-card')} ${tid('freshness')}`)).toMatch(/from Undercurrent server \(replay of a recorded capture\)/);
    await shot(page, 'card-server-replay');
  });

  it('the options page points the extension at the server on this machine in one click', async () => {
    await ext?.close();
    ext = await launchExtension({ settings: loopbackSettings() });
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByRole('heading', { name: 'Options' }).waitFor();
    expect(await page.locator('#hosted-url').inputValue()).toBe('');
    await page.getByTestId('use-local-server').click();
    expect(await page.locator('#hosted-url').inputValue()).toBe('http://127.0.0.1:8787');
    await page.getByTestId('save').click();
    await expect
      .poll(() => ext!.sw.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { hostedApi: { baseUrl: string } }).hostedApi.baseUrl))
      .toBe('http://127.0.0.1:8787');
  });
});
