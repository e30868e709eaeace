// The three surfaces as a person meets them, in Chromium with the built extension: the
// sidebar and underlined names on an article, hover and keyboard cards, a non-AI page
// left untouched, a hostile page, client-side navigation on X- and Bluesky-like posts,
// and the popup and options pages, light and dark.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchExtension, loopbackSettings, shot, startFixtureServer, type Extension } from './harness';
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
  await ext?.close();
  ext = undefined;
});

async function open(path: string, settings: Record<string, unknown> = loopbackSettings({ hostedApi: api.url })) {
  ext ??= await launchExtension({ settings });
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}${path}`);
  return page;
}

/** The UI script's shadow host: present only once the background injected the UI. */
const host = (page: Page) => page.locator('undercurrent-ui');

async function markIds(page: Page): Promise<string[]> {
  // A plain loop: the hostile fixture patches Array.prototype.map in the page's world.
  return page.evaluate(() => {
    const out: string[] = [];
    const marks = document.querySelectorAll('[data-undercurrent]');
    for (let i = 0; i < marks.length; i++) out.push(marks[i]!.getAttribute('data-undercurrent')!);
    return out;
  });
}

describe('article', () => {
  it('shows the sidebar tab and underlines names in the article text only', async () => {
    const page = await open('/ui/article.html');
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    // The pass runs in slices: wait until it has reached every name, not just the first.
    await expect.poll(() => markIds(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(['deepseek-v3', 'deepseek', 'mistral-ai', 'hugging-face']));
    await page.waitForFunction(() => performance.getEntriesByName('undercurrent:highlight-end').length > 0);
    const ids = await markIds(page);
    // At most three per name.
    for (const id of new Set(ids)) expect(ids.filter((x) => x === id).length).toBeLessThanOrEqual(3);
    // Never in navigation, links, code, inputs, editable areas or the page footer.
    const misplaced = await page.evaluate(() =>
      document.querySelectorAll('nav [data-undercurrent], a [data-undercurrent], pre [data-undercurrent], code [data-undercurrent], [contenteditable] [data-undercurrent], footer [data-undercurrent], form [data-undercurrent]').length,
    );
    expect(misplaced).toBe(0);
    expect(await page.inputValue('input[name="q"]')).toBe('Mistral Small 3 vs DeepSeek V3');
    expect(await page.locator('.notes').textContent()).toBe('Your notes on DeepSeek V3 stay here.');

    // Opening the sidebar overlays: the article does not move.
    const before = await page.locator('main > article').boundingBox();
    await page.getByTestId('sidebar-tab').click();
    const panel = page.getByTestId('sidebar');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await page.getByTestId('beat-name').waitFor();
    const beat = await page.getByTestId('beat-name').textContent();
    expect(beat).toBe(beatById('open-source-ai')!.name);
    await page.getByTestId('key-voice').first().waitFor();
    expect(await page.locator('main > article').boundingBox()).toEqual(before);
    const box = (await panel.boundingBox())!;
    expect(Math.round(box.x + box.width)).toBe(1280);
    await keep(page, 'sidebar-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await keep(page, 'sidebar-dark');
    const bg = await panel.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(23, 25, 30)');

    // Keyboard: Escape closes the panel and focus returns to the tab.
    await panel.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => (document.querySelector('undercurrent-ui')!.shadowRoot!.activeElement as HTMLElement | null)?.dataset.testid)).toBe('sidebar-tab');
  });

  it('opens a card on hover and on focus; Escape closes it', async () => {
    const page = await open('/ui/article.html');
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    const mark = page.locator('[data-undercurrent="deepseek-v3"]').first();
    await mark.waitFor({ timeout: 10_000 });
    await mark.hover();
    const card = page.getByRole('dialog', { name: 'DeepSeek V3' });
    await card.waitFor({ timeout: 5_000 });
    await page.getByTestId('card-volume').waitFor();
    expect(await mark.getAttribute('aria-expanded')).toBe('true');
    // Inside the viewport.
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    expect(await page.getByTestId('card-announcer').textContent()).toMatch(/^DeepSeek V3, model: .* posts in the last 24 hours/);
    await keep(page, 'card-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await keep(page, 'card-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await expect.poll(() => card.isVisible()).toBe(false);

    // Keyboard only: Tab to the first underlined name of a company.
    await page.mouse.move(5, 890);
    const target = page.locator('[data-undercurrent="mistral-ai"]').first();
    await target.focus();
    const companyCard = page.getByRole('dialog', { name: /Mistral/ });
    await companyCard.waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => companyCard.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-undercurrent'))).toBe('mistral-ai');
  });

  it('remembers the open sidebar per site and can be turned off for the site', async () => {
    const page = await open('/ui/article.html');
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('sidebar-tab').click();
    await page.getByTestId('beat-name').waitFor();
    await page.reload();
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('beat-name').waitFor({ timeout: 10_000 }); // open again without a click

    await page.getByTestId('disable-site').click();
    await expect.poll(() => host(page).count()).toBe(0);
    await expect.poll(() => markIds(page)).toEqual([]);
    const sites = await ext!.sw.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { ui?: { sites?: Record<string, string> } }).ui?.sites);
    expect(sites).toEqual({ '127.0.0.1': 'deny' });
    await page.reload();
    await ext!.waitForTopic(page);
    await page.waitForTimeout(1500);
    expect(await host(page).count()).toBe(0);
    expect(await markIds(page)).toEqual([]);
  });
});

declare const chrome: typeof import('wxt/browser').browser;

describe('pages without an AI topic', () => {
  it('get no injected element and no changes', async () => {
    const page = await open('/ui/plain.html');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(await ext!.waitForTopic(page)).toBeNull();
    await page.waitForTimeout(1500);
    expect(await host(page).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(html);
  });
});

describe('hostile page', () => {
  it('still shows a correct sidebar under global CSS, a strict CSP and patched built-ins', async () => {
    const page = await open('/ui/hostile.html');
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    await expect.poll(() => markIds(page), { timeout: 10_000 }).toContain('deepseek-v3');
    // The page's own text is still all there and visible around our marks.
    expect(await page.locator('h1').textContent()).toBe('DeepSeek V3 open weights spark a licence debate');
    await page.getByTestId('sidebar-tab').click();
    const panel = page.getByTestId('sidebar');
    await page.getByTestId('beat-name').waitFor({ timeout: 10_000 });
    const style = await panel.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, color: s.color, font: s.fontFamily, position: s.position, width: el.getBoundingClientRect().width };
    });
    expect(style).toEqual({ bg: 'rgb(255, 255, 255)', color: 'rgb(22, 24, 29)', font: expect.stringContaining('system-ui'), position: 'fixed', width: 380 });
    const box = (await panel.boundingBox())!;
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
    const first = (await ext!.waitForTopic(page)) as { beat: { id: string } | null; url: string; entities: { id: string }[] } | null;
    expect(first?.beat?.id).toBeTruthy();
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    await expect.poll(() => markIds(page), { timeout: 10_000 }).not.toEqual([]);
    const firstMarks = new Set(await markIds(page));
    for (const id of firstMarks) expect(first!.entities.map((e) => e.id)).toContain(id);

    await page.getByText(link).click();
    const topicNow = async () => ((await ext!.waitForTopic(page)) as { url: string; beat: { id: string } | null; entities: { id: string }[] } | null);
    await expect.poll(async () => (await topicNow())?.url, { timeout: 15_000 }).toBe(page.url());
    const second = (await topicNow())!;
    expect(second.beat?.id).not.toBe(first!.beat!.id);
    // Underlines now belong to the new post's names.
    await expect.poll(async () => (await markIds(page)).filter((id) => second.entities.some((e) => e.id === id)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    for (const id of await markIds(page)) expect(second.entities.map((e) => e.id)).toContain(id);
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
    expect(await popup.getByTestId('freshness').textContent()).toMatch(/^Sample data \(written \d{4}-\d{2}-\d{2}\)/);
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
