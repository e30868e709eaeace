// The real Undercurrent server (not a fake) on loopback, fed by a replay of the committed
// capture through the real ingest, with the built extension in Chromium pointed at it:
// the popup shows the server's own figures, its beat records, and sources including X
// and YouTube; the freshness line names the server and says it is a replay.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscourseContext } from '../../utils/schema';
import { sourceName } from '../../components/format';
import { configFromEnv, startServer, type RunningServer } from '../../server/server';
import { CAPTURE_FILE } from '../../scripts/capture';
import { launchExtension, loopbackSettings, shot, startFixtureServer, type Extension } from './harness';

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
