// Feed mode as a person meets it on X, Bluesky, Reddit, Mastodon and Hacker News, in
// Chromium with the built extension: fixture feeds served at the real host names (mapped
// to loopback), scrolled with the real wheel; infinite scroll and virtualised lists.
// Every AI post in view gets exactly one chip, no other post gets one, chips survive
// re-renders, nothing shifts; a known name opens its hover card; the popup names the post
// in the middle of the screen. The recording proxy fails a test if post text or a handle
// leaves the machine, and the fake hosted API sees beat-level questions only.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, tid, type Extension } from './harness';
import { FEED_HOSTS, chipCount, chipTexts, feedBrowserArgs, layoutShifts, postsInPage, startFeedServer, type FeedFixture } from './feed-harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';
import { BEATS } from '../../utils/schema/beats';

declare const chrome: typeof import('wxt/browser').browser;

let feeds: Awaited<ReturnType<typeof startFeedServer>>;
let api: FakeHostedApi;
let ext: Extension | undefined;

beforeAll(async () => {
  feeds = await startFeedServer();
  api = await startFakeHostedApi();
});
afterAll(async () => {
  await feeds.close();
  await api.close();
});
afterEach(async () => {
  const closing = ext;
  ext = undefined;
  await closing?.close();
});

async function openFeed(site: FeedFixture, settings: Record<string, unknown> = {}): Promise<Page> {
  ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url, ...settings }), ...feedBrowserArgs() });
  const page = await ext.context.newPage();
  await page.goto(feeds.url(site));
  return page;
}

/** Waits until every AI post in view has exactly one chip, and no post at all has a chip it should not. */
async function chipsRight(page: Page, label: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const posts = await postsInPage(page);
        const wrong = posts.filter((p) => (p.ai ? p.chips > 1 || (p.inView && p.chips !== 1) : p.chips > 0));
        // Hosts outside any post would be chips in the wrong place.
        const stray = (await chipCount(page)) - posts.reduce((n, p) => n + p.chips, 0);
        return { wrong: wrong.map((p) => `${p.id}:${p.ai ? 'ai' : 'not-ai'}:${p.chips}`), stray, aiInView: posts.some((p) => p.ai && p.inView) };
      },
      { timeout: 20_000, message: label },
    )
    .toEqual({ wrong: [], stray: 0, aiInView: true });
}

/** Scrolls with the real wheel, `steps` times, checking the chips after each. */
async function scroll(page: Page, dy: number, steps: number, label: string): Promise<void> {
  await page.mouse.move(640, 450);
  for (let i = 0; i < steps; i++) {
    const before = await page.evaluate(() => scrollY);
    await page.mouse.wheel(0, dy);
    await page.waitForFunction((y) => scrollY !== y, before);
    await chipsRight(page, `${label}, step ${i + 1}`);
  }
}

const AUTHORS: Record<FeedFixture, string> = {
  x: '@adaquint',
  bluesky: '@adaquint.bsky.social',
  reddit: 'u/adaquint',
  mastodon: '@adaquint@mastodon.social',
  hackernews: 'adaquint',
};
/** The name hovered on each site, and its kind as the card announces it (Reddit's first title is a link: its body names Anthropic). */
const HOVER: Record<FeedFixture, [string, string]> = {
  x: ['DeepSeek V3', 'model'],
  bluesky: ['DeepSeek V3', 'model'],
  reddit: ['Anthropic', 'company or lab'],
  mastodon: ['DeepSeek V3', 'model'],
  hackernews: ['DeepSeek V3', 'model'],
};
/**
 * The post put in the middle of the screen for the popup: the fixture's 11th (about AI),
 * or on Hacker News, whose rows are short enough that the 11th cannot be scrolled to the
 * middle, its next copy on the third page.
 */
const FOCUS_ID: Record<FeedFixture, string> = { x: '1000010', bluesky: '1000010', reddit: '1000010', mastodon: '1000010', hackernews: '1000034' };
const HANDLES = ['adaquint', 'cliodelacroix', 'sambakes', 'ravimenon', 'policydesk', 'maraoy', 'tomaldridge'];

/** Puts a post in the middle of the viewport and waits until the background heard that it is the one on screen. */
async function centre(page: Page, id: string, excerpt: string): Promise<void> {
  await page.evaluate((pid) => document.querySelector(`[data-post="${pid}"]`)!.scrollIntoView({ block: 'center' }), id);
  await expect
    .poll(
      () =>
        ext!.sw.evaluate(async () => {
          const all = await chrome.storage.session.get(null);
          return Object.entries(all).flatMap(([k, v]) => (k.startsWith('feedFocus:') ? [(v as { focus: { post: { excerpt: string } } }).focus.post.excerpt] : []));
        }),
      { timeout: 15_000 },
    )
    .toEqual([expect.stringContaining(excerpt)]);
}

const beatNames = BEATS.map((b) => b.name);

describe.each([
  ['x', { virtual: true, rerender: true }],
  ['bluesky', { virtual: false, rerender: false }],
  ['reddit', { virtual: false, rerender: false }],
  ['mastodon', { virtual: true, rerender: false }],
  ['hackernews', { virtual: false, rerender: false }],
] as const)('%s feed', (site, shape) => {
  it('one chip per AI post as it scrolls into view, none on others, no layout shift; a name opens its card; the popup names the post in the middle', async () => {
    const page = await openFeed(site);
    await chipsRight(page, 'first screen');
    const initial = await page.evaluate(() => (window as unknown as { __feed: { items: unknown[] } }).__feed.items.length);

    // A known name in an AI post is underlined and opens the same card as on articles.
    const [name, kind] = HOVER[site];
    await expect.poll(async () => (await highlights(page)).map((h) => h.text), { timeout: 15_000 }).toContain(name);
    await hoverHighlight(page, name);
    const ui = pageUi(page);
    await ui.waitFor(tid('card-volume'), { timeout: 15_000 });
    expect(await ui.text(tid('card-announcer'))).toMatch(new RegExp(`^${name}, ${kind}: .* posts in the last 24 hours`));
    await shot(page, `feed-${site}-card`);
    await page.mouse.move(5, 5);
    await ui.waitFor(tid('card-volume'), { state: 'detached' });

    // Chips say the beat, and (for the beats the spend limits let through) mood and volume.
    await expect.poll(async () => (await chipTexts(page)).some((c) => /posts? today/.test(c.text)), { timeout: 20_000 }).toBe(true);
    const chips = await chipTexts(page);
    for (const c of chips) {
      expect(c.post).not.toBeNull();
      expect(beatNames.some((n) => c.text.startsWith(n)), c.text).toBe(true);
    }
    await shot(page, `feed-${site}-chips`, site === 'x' ? { docs: 'feed-x-chips' } : {});

    // Scroll down: the feed appends posts (and, virtualised, drops the far ones).
    await scroll(page, 900, 8, 'scrolling down');
    expect(await page.evaluate(() => (window as unknown as { __feed: { items: unknown[] } }).__feed.items.length)).toBeGreaterThan(initial);
    if (shape.virtual) {
      expect(await page.evaluate(() => (window as unknown as { __feed: { items: { post: { id: string } }[] } }).__feed.items.filter((i) => !document.querySelector(`[data-post="${i.post.id}"]`)).length)).toBeGreaterThan(0);
      // Back up: the posts the list rebuilt get their chips again, once.
      await scroll(page, -900, 8, 'scrolling back up');
    }
    if (shape.rerender) {
      await page.evaluate(() => (window as unknown as { rerender: () => void }).rerender());
      await chipsRight(page, 'after the page re-rendered the posts');
    }
    expect(await layoutShifts(page)).toEqual([]);

    // The popup follows the screen: the AI post in the middle, named by author and first words.
    await centre(page, FOCUS_ID[site], 'Anthropic says Claude agents');
    await shot(page, `feed-${site}-focus`);
    const popup = await ext!.openPopupFor(page);
    const post = popup.getByTestId('feed-post');
    await post.waitFor({ timeout: 20_000 });
    expect(await post.textContent()).toContain(AUTHORS[site]);
    expect(await post.textContent()).toContain('Anthropic says Claude agents now run');
    expect(await popup.getByTestId('feed-others').locator('li').count()).toBeGreaterThan(0);
    expect(await popup.getByTestId('beat-name').textContent()).toBe('Agents & Automation');
    await shot(popup, `feed-${site}-popup`, { fullPage: true });

    // What the hosted API was asked: gazetteer ids and beats, never a handle or a word of a post.
    const asked = api.requests.filter((r) => r.path === '/v1/context').map((r) => `${r.path}?${r.query}`);
    for (const q of asked) for (const h of HANDLES) expect(q).not.toContain(h);
    expect(asked.join('\n')).not.toMatch(/sourdough|goalkeeper|proofing|Anthropic says/i);
    // Nothing the proxy saw (every request but the TLS-served pages themselves) carries a handle, a post's words or the feed's address.
    for (const x of ext!.traffic) {
      if (x.url.includes(FEED_HOSTS[site].host)) continue; // the page and its own script
      const sent = `${decodeURIComponent(x.url)}\n${x.body}`;
      for (const h of HANDLES) expect(sent, x.url).not.toContain(h);
      expect(sent, x.url).not.toMatch(/sourdough|goalkeeper|Anthropic says|one million downloads/i);
    }
    await page.close();
  });
});

describe('feed settings', () => {
  it('feed mode off for a site: the feed script is not even injected there', async () => {
    const page = await openFeed('x', { ui: { feeds: { x: false } } });
    await ext!.waitForTopic(page);
    const injected = await ext!.sw.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: '*://x.com/*' });
      const [r] = await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, func: () => (globalThis as Record<string, unknown>).__undercurrentFeed === true });
      return r?.result;
    });
    expect(injected).toBe(false);
    expect(await chipCount(page)).toBe(0);
  });

  it('chips off: names are still underlined in AI posts, no chip anywhere', async () => {
    const page = await openFeed('bluesky', { ui: { feedChips: false } });
    await expect.poll(async () => (await highlights(page)).map((h) => h.text), { timeout: 15_000 }).toContain('DeepSeek V3');
    expect(await chipCount(page)).toBe(0);
  });
});
