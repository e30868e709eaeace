// Every surface at the widths people use, in Chromium with the built extension: the popup in
// a 360 px and its real 380 px frame, the sidebar and a hover card in 360 px and 1280 px
// windows; each with no sideways overflow, no text cut off by its box and no button label
// on two lines (layout-check.ts), and a screenshot of each under test-results/screenshots.
// Two sets of data: the real Undercurrent server replaying its capture (long freshness
// label, beat records) and a fresh offline profile (the sample pack).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, startServer, type RunningServer } from '../../server/server';
import { CAPTURE_FILE } from '../../scripts/capture';
import { DiscourseContext } from '../../utils/schema';
import { compact } from '../../components/format';
import { highlightPassDone, highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';
import { layoutProblems } from './layout-check';

const ARTICLE = '/news/open-weights-release.html';
const POPUP_WIDTHS = [360, 380] as const;
const PAGE_WIDTHS = [360, 1280] as const;

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let server: RunningServer;
let ext: Extension | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
  server = await startServer({ ...configFromEnv({}), port: 0, dataDir: 'memory://', ingest: 'replay', replayFile: CAPTURE_FILE, log: () => {} });
  await server.replayed;
});
afterAll(async () => {
  await server.close();
  await pages.close();
});
afterEach(async () => {
  // Forget the browser before closing it: close() fails when the privacy check does.
  const closing = ext;
  ext = undefined;
  await closing?.close();
});

const noLive = { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false };

/** The popup's layout problems (its whole document). */
const popupProblems = (popup: Page) => popup.locator('main').evaluate(layoutProblems);

/** Opens the article at `width` and waits for the page UI and its underlines. */
async function article(e: Extension, width: number): Promise<Page> {
  const page = await e.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.goto(`${pages.url}${ARTICLE}`);
  await expect.poll(() => pageUi(page).attached(), { timeout: 15_000 }).toBe(true);
  await highlightPassDone(page);
  return page;
}

/** Opens the sidebar, checks it, and hovers a name to check its card. */
async function sidebarAndCard(page: Page, width: number, set: string, name: string): Promise<void> {
  const ui = pageUi(page);
  await ui.click(tid('sidebar-tab'));
  await ui.waitFor(tid('key-voice'), { timeout: 15_000 });
  const box = (await ui.box(tid('sidebar')))!;
  expect(box.x, 'the panel starts inside the window').toBeGreaterThanOrEqual(0);
  expect(Math.round(box.x + box.width)).toBe(width);
  expect(await ui.evaluate(tid('sidebar'), layoutProblems)).toEqual([]);
  await shot(page, `layout-${set}-sidebar-${width}`, set === 'server' ? { docs: `sidebar-${width}` } : {});
  // The foot of the panel too: the freshness line, Refresh and the quiet turn-off.
  await ui.evaluate(tid('sidebar'), (el) => el.scrollTo(0, el.scrollHeight));
  await shot(page, `layout-${set}-sidebar-foot-${width}`);
  expect(await ui.evaluate(`${tid('sidebar')} .uc-footer .uc-btn`, (el) => el.getBoundingClientRect().height)).toBeLessThan(30);

  await ui.click(tid('sidebar-close'));
  await ui.waitFor(tid('sidebar'), { state: 'hidden' });
  await hoverHighlight(page, name);
  await ui.waitFor(tid('entity-card'), { timeout: 10_000 });
  await ui.waitFor(`${tid('entity-card')} ${tid('freshness')}`, { timeout: 10_000 });
  const card = (await ui.box(tid('entity-card')))!;
  expect(card.x).toBeGreaterThanOrEqual(0);
  expect(card.x + card.width).toBeLessThanOrEqual(width);
  expect(await ui.evaluate(tid('entity-card'), layoutProblems)).toEqual([]);
  await shot(page, `layout-${set}-card-${width}`, set === 'server' ? { docs: `card-${width}` } : {});
  await page.mouse.move(2, 2);
  await ui.waitFor(tid('entity-card'), { state: 'detached' });
}

describe('on the Undercurrent server (replay)', () => {
  it('popup at 360 and 380 px: nothing clipped; the window and the beat records are named and explained', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: server.url, sources: noLive }) });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}${ARTICLE}`);
    await ext.waitForTopic(page);
    for (const width of POPUP_WIDTHS) {
      const popup = await ext.openPopupFor(page, { width, height: 700 });
      await popup.getByTestId('beat-records').waitFor({ timeout: 15_000 });
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await popupProblems(popup)).toEqual([]);
      // Read back the figures the server gave, and check the words around them.
      const { snapshot } = DiscourseContext.parse(await popup.evaluate(async () => {
        const tabId = Number(new URLSearchParams(location.search).get('tabId'));
        const r = (await chrome.runtime.sendMessage({ channel: 'undercurrent', name: 'getTabContext', data: { tabId, force: false } })) as { ok: boolean; value: { context: unknown } };
        return r.value.context;
      }));
      expect(snapshot.windowHours).toBe(168);
      expect(await popup.getByTestId('window-total').textContent()).toBe(`${compact(snapshot.totalRecords)} posts in the last 7 days`);
      expect(await popup.getByTestId('beat-records').textContent()).toBe(`Beat records: ${compact(snapshot.beatRecords!)} posts on Open Source AI, all time`);
      await shot(popup, `layout-server-popup-${width}`, { fullPage: true, docs: `popup-${width}` });
      if (width === 380) {
        // The explanation is reachable by keyboard: Tab to it, open it with Enter.
        const summary = popup.getByTestId('counts-explained').locator('summary');
        for (let i = 0; i < 30 && !(await summary.evaluate((el) => el === document.activeElement)); i++) await popup.keyboard.press('Tab');
        await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
        await popup.keyboard.press('Enter');
        const text = popup.getByTestId('counts-explained').locator('p');
        await text.waitFor();
        expect(await text.textContent()).toMatch(/posts in the last 7 days are all the posts the sources returned for this topic in that window/);
        expect(await text.textContent()).toContain('Beat records count every post the server has filed under Open Source AI');
        expect(await popupProblems(popup)).toEqual([]);
        await shot(popup, 'layout-server-popup-explained', { fullPage: true, docs: 'popup-counts-explained' });
      }
      await popup.close();
    }
  });

  it.each(PAGE_WIDTHS)('sidebar and hover card in a %i px window', async (width) => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: server.url, sources: noLive }) });
    const page = await article(ext, width);
    // The long freshness label of a replaying server sits beside Refresh in the panel's foot.
    await sidebarAndCard(page, width, 'server', 'DeepSeek V3');
  });
});

describe('offline, the sample pack', () => {
  it('popup at 360 and 380 px, and its empty and off states', async () => {
    ext = await launchExtension({ settings: loopbackSettings() });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}${ARTICLE}`);
    await ext.waitForTopic(page);
    const plain = await ext.context.newPage();
    await plain.goto(`${pages.url}/plain/sourdough.html`);
    await ext.waitForTopic(plain);
    for (const width of POPUP_WIDTHS) {
      const popup = await ext.openPopupFor(page, { width, height: 700 });
      await popup.getByTestId('sample-label').waitFor();
      await popup.getByTestId('narrative').waitFor();
      expect(await popupProblems(popup)).toEqual([]);
      // One label, at the top; the foot names the source instead of repeating it.
      expect(await popup.getByText(/Sample data from/).count()).toBe(1);
      expect(await popup.getByTestId('freshness').textContent()).toBe('Source: the sample bundled with Undercurrent');
      expect(await popup.getByTestId('window-total').textContent()).toMatch(/^[\d.]+k? posts in the last 7 days$/);
      expect(await popup.getByTestId('beat-records').count()).toBe(0);
      await shot(popup, `layout-sample-popup-${width}`, { fullPage: true, docs: `popup-sample-${width}` });
      await popup.close();

      const empty = await ext.openPopupFor(plain, { width, height: 260 });
      await empty.getByTestId('empty').waitFor();
      expect(await popupProblems(empty)).toEqual([]);
      await shot(empty, `layout-empty-popup-${width}`);
      await empty.close();
    }
    // Turned off on the site: one line and a way back.
    await ext.setSettings(loopbackSettings({ ui: { sites: { '127.0.0.1': 'deny' } } }));
    for (const width of POPUP_WIDTHS) {
      const off = await ext.openPopupFor(page, { width, height: 200 });
      await off.getByTestId('site-off').waitFor();
      expect(await popupProblems(off)).toEqual([]);
      await shot(off, `layout-off-popup-${width}`);
      await off.close();
    }
  });

  it.each(PAGE_WIDTHS)('sidebar and hover card in a %i px window', async (width) => {
    ext = await launchExtension({ settings: loopbackSettings() });
    const page = await article(ext, width);
    expect((await highlights(page)).map((h) => h.text)).toContain('DeepSeek V3');
    await sidebarAndCard(page, width, 'sample', 'DeepSeek V3');
  });
});

declare const chrome: typeof import('wxt/browser').browser;
