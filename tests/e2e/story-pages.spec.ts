// The server's story pages in Chromium, as a reader opens them: a story and the index,
// light and dark, at 360 and 1280 px — axe-core finds nothing, nothing overflows sideways,
// the Content-Security-Policy blocks nothing the page needs (its stylesheet applies) and a
// hostile post runs nothing. Then the built extension pointed at the same server: the popup
// shows the beat's story and "More stories", and a story opens its page in a new tab.
// Screenshots of each go to test-results/screenshots.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, startServer, type RunningServer } from '../../server/server';
import { makeHostileStory, makeStory, saveStory } from '../fixtures/stories';
import { privacyViolations, startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { ROOT, launchExtension, loopbackSettings, shot, startFixtureServer } from './harness';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: RunningServer;
let proxy: RecordingProxy;
let browser: BrowserContext;
let profile: string;
/** What the console said about the Content-Security-Policy (a blocked stylesheet, a blocked script). */
const cspReports: string[] = [];

beforeAll(async () => {
  server = await startServer({ ...configFromEnv({}), port: 0, dataDir: 'memory://', ingest: 'off', log: () => {} });
  const now = Date.now();
  await saveStory(server.db, makeStory({ id: 'osai-lead', now, baseUrl: server.url, ageHours: 1 }));
  await saveStory(server.db, makeStory({ id: 'policy-1', beat: 'policy-regulation', now, baseUrl: server.url, ageHours: 3, headline: 'The EU code of practice splits the labs: two sign, one walks, and the open-weights camp asks for carve-outs', dek: 'Policy watchers on Bluesky read the split as a test of the AI Act; on Hacker News the argument is about who audits the auditors.', kind: 'extractive', importance: 3 }));
  await saveStory(server.db, makeStory({ id: 'labor-1', beat: 'labor-economy', now, baseUrl: server.url, ageHours: 9, headline: 'Agents arrive in the back office, and the layoffs talk moves from forecasts to payrolls', dek: 'Earnings calls name agents as a reason for flat hiring; union accounts on Mastodon answer with the numbers from their own members.', importance: 2 }));
  await saveStory(server.db, makeHostileStory({ id: 'hostile-1', beat: 'security-privacy', now, baseUrl: server.url, ageHours: 5 }));
  // Every browser of the suite goes through the recording proxy (the privacy witness).
  proxy = await startRecordingProxy();
  profile = mkdtempSync(join(tmpdir(), 'undercurrent-pages-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--proxy-server=${proxy.url}`, '--proxy-bypass-list=<-loopback>'],
  });
});
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await server?.close();
  expect(privacyViolations(proxy.exchanges)).toEqual([]);
});

async function open(path: string, scheme: 'light' | 'dark', width: number): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspReports.push(`${path}: ${m.text()}`);
  });
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(`${server.url}${path}`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'none'");
  return page;
}

/** axe-core's violations, injected through the DevTools protocol (the page's CSP rightly refuses script tags). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[]; help: string }[] }> } }).axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
  return result;
}

async function layout(page: Page) {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    h1Size: parseFloat(getComputedStyle(document.querySelector('h1')!).fontSize),
    background: getComputedStyle(document.body).backgroundColor,
    title: document.title,
  }));
}

describe('story pages in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [360, 1280]) {
      it(`a story reads well and is axe-clean, ${scheme}, ${width} px`, async () => {
        const page = await open('/stories/osai-lead', scheme, width);
        await page.getByRole('heading', { level: 1 }).waitFor();
        const l = await layout(page);
        expect(l.overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
        // The inline stylesheet applied (its hash is in the CSP): a styled headline, the scheme's background.
        expect(l.h1Size).toBeGreaterThanOrEqual(26);
        expect(l.background).toBe(scheme === 'dark' ? 'rgb(23, 25, 30)' : 'rgb(255, 255, 255)');
        expect(await axeViolations(page)).toEqual([]);
        // The parts a reader looks for, as they see them.
        await page.getByRole('img', { name: /^Mood: \d+% positive/ }).waitFor();
        await page.getByRole('list', { name: 'Posts by source' }).waitFor();
        await page.getByRole('img', { name: /^Posts per hour over the last/ }).waitFor();
        expect(await page.getByRole('link', { name: /^Source 1: / }).getAttribute('href')).toMatch(/^https:\/\//);
        await shot(page, `story-page-${scheme}-${width}`, { fullPage: true });
        await page.close();
      });

      it(`the index "All stories" is axe-clean and filters by beat, ${scheme}, ${width} px`, async () => {
        const page = await open('/stories', scheme, width);
        expect((await layout(page)).overflow).toBeLessThanOrEqual(0);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, `stories-index-${scheme}-${width}`, { fullPage: true });
        await page.getByRole('navigation', { name: 'Beats' }).getByRole('link', { name: 'AI Policy & Regulation' }).click();
        await page.waitForURL(/beat=policy-regulation/);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Stories on AI Policy & Regulation');
        expect(await page.getByTestId('story-item').count()).toBe(1);
        await page.getByRole('link', { name: /^The EU code of practice/ }).click();
        await page.waitForURL(/\/stories\/policy-1$/);
        expect(await axeViolations(page)).toEqual([]);
        await page.close();
      });
    }
  }

  it('a hostile story runs nothing and links only to http(s)', async () => {
    const page = await open('/stories/hostile-1', 'light', 1280);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect((await layout(page)).title).toMatch(/^Hostile <script>/);
    const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an unknown story is a 404 page with the way back, axe-clean', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/stories/no-such-story`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Story not found');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'See all stories' }).click();
    await page.waitForURL(/\/stories$/);
    await page.close();
    expect(cspReports).toEqual([]);
  });
});

describe('the popup\'s story and "More stories"', () => {
  it('shows the beat\'s story from the server and opens another beat\'s story page in a new tab', async () => {
    const fixtures = await startFixtureServer();
    const ext = await launchExtension({ settings: loopbackSettings({ hostedApi: server.url, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } }) });
    try {
      const article = await ext.context.newPage();
      await article.goto(`${fixtures.url}/news/open-weights-release.html`);
      await ext.waitForTopic(article);
      const popup = await ext.openPopupFor(article, { height: 900 });
      const story = popup.getByTestId('beat-story');
      await story.waitFor();
      expect(await story.getByRole('heading', { level: 3 }).textContent()).toBe(makeStory().narrative.headline);
      expect(await story.locator('[data-testid="narrative"] > p:not(.uc-disclosure):not(.uc-dek)').count()).toBe(4);
      expect(await popup.getByTestId('story-page-link').getAttribute('href')).toBe(`${server.url}/stories/osai-lead`);
      const more = popup.getByTestId('more-stories');
      await more.waitFor();
      const items = more.getByTestId('story-item');
      // The other beats' latest, most important first: this beat's own story is not repeated.
      expect(await items.locator('a').allTextContents()).toEqual([
        makeHostileStory().narrative.headline,
        'The EU code of practice splits the labs: two sign, one walks, and the open-weights camp asks for carve-outs',
        'Agents arrive in the back office, and the layoffs talk moves from forecasts to payrolls',
      ]);
      expect(await items.nth(1).textContent()).toMatch(/Policy Bluesky read the split|Policy watchers on Bluesky/);
      expect(await items.nth(1).textContent()).toMatch(/Policy · AI Policy & Regulation · ●●●○○importance 3 of 5 · 3 h ago/);
      await shot(popup, 'popup-more-stories', { fullPage: true });

      const [opened] = await Promise.all([ext.context.waitForEvent('page'), items.nth(1).getByRole('link').click()]);
      await opened.waitForURL(`${server.url}/stories/policy-1`);
      expect(await opened.getByRole('heading', { level: 1 }).textContent()).toBe('The EU code of practice splits the labs: two sign, one walks, and the open-weights camp asks for carve-outs');
      await shot(opened, 'story-page-from-popup');
    } finally {
      await ext.close();
      await fixtures.close();
    }
  });
});
