// The three surfaces as a person meets them, in Chromium with the built extension: the
// sidebar and underlined names on an article, hover and keyboard cards, a non-AI page
// left untouched, a hostile page, client-side navigation on X- and Bluesky-like posts,
// and the popup and options pages, light and dark.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';
import { beatById } from '../../utils/schema/beats';

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let api: FakeHostedApi;
let ext: Extension | undefined;

const DOCS = join(ROOT, 'docs/screenshots');

/** A screenshot for the test record, copied to docs/screenshots for the README. */
async function keep(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const path = await shot(page, name, opts);
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(path, join(DOCS, `${name}.png`));
}

beforeAll(async () => {
  pages = await startFixtureServer();
  api = await startFakeHostedApi();
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
});

async function open(path: string, settings: Record<string, unknown> = loopbackSettings({ hostedApi: api.url })) {
  ext ??= await launchExtension({ settings });
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}${path}`);
  return page;
}

/** Whether the UI script's shadow host is in the page (only once the background injected the UI). */
const attached = (page: Page) => pageUi(page).attached();
async function waitForUi(page: Page): Promise<void> {
  await expect.poll(() => attached(page), { timeout: 15_000 }).toBe(true);
}

/** The underlined texts in the page (CSS highlight ranges). */
async function underlined(page: Page): Promise<string[]> {
  return (await highlights(page)).map((h) => h.text);
}

/** The names in the UI's "names on this page" list: the entities that have an underline now. */
async function listedNames(page: Page): Promise<string[]> {
  const ui = pageUi(page);
  if (!(await ui.count(tid('names-list')))) return [];
  return ui.evaluate(tid('names-list'), (el) => Array.from(el.querySelectorAll('button'), (b) => b.textContent ?? ''));
}

describe('article', () => {
  it('shows the sidebar tab and underlines names in the article text only, without changing the page', async () => {
    const page = await open('/ui/article.html');
    await waitForUi(page);
    // The pass runs in slices: wait until it has reached every name, not just the first.
    // ("Mistral AI" later in the text is the same name as the headline's "Mistral": not underlined twice.)
    await expect.poll(() => underlined(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(['DeepSeek V3', 'DeepSeek', 'Mistral', 'Hugging Face']));
    await page.waitForFunction(() => performance.getEntriesByName('undercurrent:highlight-end').length > 0);
    const found = await highlights(page);
    // The default policy: the first mention of each name per section, and this article is one section.
    for (const t of new Set(found.map((h) => h.text))) expect(found.filter((h) => h.text === t).length, t).toBe(1);
    // Never in navigation, code, inputs, editable areas or the page footer (a link in the text may be underlined: see threads.spec.ts).
    const misplaced = found.filter((h) => h.editable || h.path.some((tag) => ['nav', 'pre', 'code', 'footer', 'form'].includes(tag)));
    expect(misplaced).toEqual([]);
    // The page's DOM is untouched: no element of ours inside it, the text nodes as served.
    expect(await page.evaluate(() => document.body.querySelectorAll('undercurrent-mark, [data-undercurrent]').length)).toBe(0);
    expect(await page.inputValue('input[name="q"]')).toBe('Mistral Small 3 vs DeepSeek V3');
    expect(await page.locator('.notes').textContent()).toBe('Your notes on DeepSeek V3 stay here.');

    // Opening the sidebar overlays: the article does not move.
    const ui = pageUi(page);
    const before = await page.locator('main > article').boundingBox();
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('sidebar'));
    await ui.waitFor(tid('beat-name'));
    expect(await ui.text(tid('beat-name'))).toBe(beatById('open-source-ai')!.name);
    await ui.waitFor(tid('key-voice'));
    expect(await page.locator('main > article').boundingBox()).toEqual(before);
    const box = (await ui.box(tid('sidebar')))!;
    expect(Math.round(box.x + box.width)).toBe(1280);
    await keep(page, 'sidebar-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await keep(page, 'sidebar-dark');
    expect(await ui.evaluate(tid('sidebar'), (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(23, 25, 30)');

    // Keyboard: Escape closes the panel and focus returns to the tab.
    await ui.focus(tid('sidebar'));
    await page.keyboard.press('Escape');
    await ui.waitFor(tid('sidebar'), { state: 'hidden' });
    expect(await ui.activeTestId()).toBe('sidebar-tab');
  });

  it('opens a card when the pointer rests on a name, and from the names list by keyboard; Escape closes it', async () => {
    const page = await open('/ui/article.html');
    const ui = pageUi(page);
    await waitForUi(page);
    await expect.poll(() => underlined(page), { timeout: 10_000 }).toContain('DeepSeek V3');
    await hoverHighlight(page, 'DeepSeek V3');
    const card = '[role="dialog"]';
    await ui.waitFor(card, { timeout: 5_000 });
    expect(await ui.text(`${card} h2`)).toBe('DeepSeek V3');
    await ui.waitFor(tid('card-volume'));
    // Inside the viewport.
    const box = (await ui.box(card))!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    expect(await ui.text(tid('card-announcer'))).toMatch(/^DeepSeek V3, model: .* posts in the last 24 hours/);
    await keep(page, 'card-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await keep(page, 'card-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await ui.waitFor(card, { state: 'detached' });
    // Moving off the name and back: the pointer alone, no element in the page to hover.
    await page.mouse.move(5, 890);

    // Keyboard only: the names list is the last stop in the page's tab order (Shift+Tab from the top).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let focused = '';
    for (let i = 0; i < 8 && !focused.startsWith('Mistral'); i++) {
      await page.keyboard.press('Shift+Tab');
      focused = (await ui.activeTestId()) === 'names-item' ? ((await ui.evaluate(tid('names-list'), (el) => (el.getRootNode() as ShadowRoot).activeElement?.textContent ?? '')) as string) : '';
    }
    expect(focused).toMatch(/^Mistral/);
    await ui.waitFor(card, { timeout: 5_000 });
    expect(await ui.text(`${card} h2`)).toMatch(/^Mistral/);
    expect(await ui.visible(tid('names-list'))).toBe(true);
    await shot(page, 'card-keyboard');
    await page.keyboard.press('Escape');
    await ui.waitFor(card, { state: 'detached' });
    expect(await ui.activeTestId()).toBe('names-item');
  });

  it('remembers the open sidebar per site and can be turned off for the site', async () => {
    const page = await open('/ui/article.html');
    const ui = pageUi(page);
    await waitForUi(page);
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('beat-name'));
    await page.reload();
    await waitForUi(page);
    await ui.waitFor(tid('beat-name'), { timeout: 10_000 }); // open again without a click

    await expect.poll(() => underlined(page), { timeout: 10_000 }).not.toEqual([]);
    await ui.click(tid('disable-site'));
    // Underlines go at once; the UI stays only for the undo toast, and goes when it is dismissed.
    await expect.poll(() => underlined(page)).toEqual([]);
    await ui.click(tid('off-dismiss'));
    await expect.poll(() => attached(page)).toBe(false);
    const sites = await ext!.sw.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { ui?: { sites?: Record<string, string> } }).ui?.sites);
    expect(sites).toEqual({ '127.0.0.1': 'deny' });
    await page.reload();
    await ext!.waitForTopic(page);
    await page.waitForTimeout(1500);
    expect(await attached(page)).toBe(false);
    expect(await underlined(page)).toEqual([]);
  });
});

declare const chrome: typeof import('wxt/browser').browser;

describe('pages without an AI topic', () => {
  it('get no injected element and no changes', async () => {
    const page = await open('/ui/plain.html');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(await ext!.waitForTopic(page)).toBeNull();
    await page.waitForTimeout(1500);
    expect(await attached(page)).toBe(false);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(html);
  });
});

describe('hostile page', () => {
  it('still shows a correct sidebar under global CSS, a strict CSP and patched built-ins', async () => {
    const page = await open('/ui/hostile.html');
    const ui = pageUi(page);
    await waitForUi(page);
    await expect.poll(() => underlined(page), { timeout: 10_000 }).toContain('DeepSeek V3');
    // The page's own text is still all there.
    expect(await page.locator('h1').textContent()).toBe('DeepSeek V3 open weights spark a licence debate');
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('beat-name'), { timeout: 10_000 });
    const style = await ui.evaluate(tid('sidebar'), (el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, color: s.color, font: s.fontFamily, position: s.position, width: el.getBoundingClientRect().width };
    });
    expect(style).toEqual({ bg: 'rgb(255, 255, 255)', color: 'rgb(22, 24, 29)', font: expect.stringContaining('system-ui'), position: 'fixed', width: 380 });
    const box = (await ui.box(tid('sidebar')))!;
    expect(Math.round(box.x + box.width)).toBe(1280);
    expect(box.y).toBe(0);
    await keep(page, 'hostile-sidebar');
  });
});

describe('client-side navigation', () => {
  it.each([
    ['X-like', '/ui/x/', 'Next post'],
    ['Bluesky-like', '/ui/bsky/', 'Next post'],
  ])('%s post: the topic, the underlines and the popup follow the new URL', async (_name, path, link) => {
    const page = await open(path);
    const first = (await ext!.waitForTopic(page)) as { beat: { id: string } | null; url: string; entities: { id: string; name: string }[] } | null;
    expect(first?.beat?.id).toBeTruthy();
    await waitForUi(page);
    await expect.poll(() => listedNames(page), { timeout: 10_000 }).not.toEqual([]);
    expect(await underlined(page)).not.toEqual([]);
    for (const name of await listedNames(page)) expect(first!.entities.map((e) => e.name)).toContain(name);

    await page.getByText(link).click();
    const topicNow = async () => ((await ext!.waitForTopic(page)) as { url: string; beat: { id: string } | null; entities: { id: string; name: string }[] } | null);
    await expect.poll(async () => (await topicNow())?.url, { timeout: 15_000 }).toBe(page.url());
    const second = (await topicNow())!;
    expect(second.beat?.id).not.toBe(first!.beat!.id);
    // Underlines now belong to the new post's names.
    await expect.poll(async () => (await listedNames(page)).filter((n) => second.entities.some((e) => e.name === n)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    for (const name of await listedNames(page)) expect(second.entities.map((e) => e.name)).toContain(name);
    const popup = await ext!.openPopupFor(page);
    await popup.getByTestId('beat-name').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('beat-name').textContent()).toBe(beatById(second.beat!.id)!.name);
  });
});

describe('popup and options', () => {
  it('popup for an article from the hosted API', async () => {
    const page = await open('/ui/article.html');
    await ext!.waitForTopic(page);
    const popup = await ext!.openPopupFor(page, { width: 380, height: 1100 });
    await popup.getByTestId('key-voice').first().waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('beat-name').textContent()).toBe('Open Source AI');
    expect(await popup.getByTestId('freshness').textContent()).toMatch(/from the hosted API/);
    await keep(popup, 'popup-hosted', { fullPage: true });
  });

  it('popup on a fresh profile (sample pack), light and dark, and the empty state', async () => {
    const page = await open('/ui/article.html', loopbackSettings());
    await ext!.waitForTopic(page);
    const popup = await ext!.openPopupFor(page, { width: 380, height: 1400 });
    await popup.getByTestId('narrative').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('beat-name').textContent()).toBe('Open Source AI');
    expect(await popup.getByTestId('key-voice').count()).toBeGreaterThan(0);
    expect(await popup.getByTestId('freshness').textContent()).toBe('Source: the sample bundled with Undercurrent');
    const cite = popup.locator('[data-testid="narrative"] a.uc-cite').first();
    expect(await cite.getAttribute('href')).toMatch(/^https:\/\//);
    await keep(popup, 'popup-light', { fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await keep(popup, 'popup-dark', { fullPage: true });

    const plain = await ext!.context.newPage();
    await plain.goto(`${pages.url}/ui/plain.html`);
    await ext!.waitForTopic(plain);
    const empty = await ext!.openPopupFor(plain, { width: 380, height: 260 });
    await empty.getByTestId('empty').waitFor();
    expect(await empty.getByRole('heading', { level: 1 }).textContent()).toBe('This page isn’t about AI');
    await keep(empty, 'popup-empty');
  });

  it('options page, light and dark', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url }) });
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 900, height: 1500 });
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByRole('heading', { name: 'Options' }).waitFor();
    expect(await page.getByLabel('Base URL').inputValue()).toBe(api.url);
    expect(await page.getByTestId('hostedApiKey-state').textContent()).toBe('not set');
    await keep(page, 'options-light', { fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await keep(page, 'options-dark', { fullPage: true });
  });
});
