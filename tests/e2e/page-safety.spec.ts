// A hostile or merely busy page against the page UI (SECURITY.md, "A hostile page"):
// page-made marks and synthetic events open nothing and send nothing upstream; the UI's
// shadow root is closed to page scripts; forged lifecycle messages neither remove the UI
// nor are answered, and no page-visible message carries the extension id; and a page
// whose framework re-renders the underlined paragraph every 100 ms keeps exactly its text.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { highlightPassDone, highlights, launchExtension, pointAtText, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';
import { startAllFakeUpstreams, type FakeUpstreams } from '../fixtures/servers/upstreams';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let up: FakeUpstreams;
let api: FakeHostedApi;
let ext: Extension | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
  up = await startAllFakeUpstreams();
  api = await startFakeHostedApi();
});
afterAll(async () => {
  await pages.close();
  await up.close();
  await api.close();
});
afterEach(async () => {
  // Forget the browser before closing it: close() fails when the privacy check does.
  const closing = ext;
  ext = undefined;
  await closing?.close();
});

interface HostileLog {
  messages: string[];
  captured: number;
  shadowRoot: string;
  hostText: string | null;
  rewrite: string;
  open: string;
  forgedSeen: boolean;
}
const hostileLog = (page: Page) => page.evaluate(() => (window as unknown as { __hostile: HostileLog }).__hostile);

/** Every request any fake upstream (live sources and hosted API) has seen, as path + query. */
function upstreamRequests(): string[] {
  return [up.bluesky, up.hackernews, up.gdelt, up.mastodon, up.huggingface, api].flatMap((s) => s.requests.map((r) => `${r.path}?${r.query.toString()} ${r.body}`));
}

describe('a page that forges marks and events', () => {
  it('opens no card and sends nothing upstream for page-made marks or synthetic events; a real hover still works', async () => {
    // Cards only (no sidebar, which fetches its own context): every upstream request would come from a card.
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url, endpoints: up.endpoints, ui: { sidebar: false, highlights: true, sites: {} } }) });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/ui/forged.html`);
    const ui = pageUi(page);
    await highlightPassDone(page);
    const before = upstreamRequests().length;

    await page.evaluate(() => (window as unknown as { __attack: { forgeMarks(): void } }).__attack.forgeMarks());
    // A real hover afterwards: its card is the only one that opens, and the only thing asked for.
    await pointAtText(page, 'Mistral', 'article');
    await ui.waitFor('[role="dialog"]', { timeout: 10_000 });
    await ui.waitFor(tid('card-volume'), { timeout: 15_000 });
    expect(await ui.text('[role="dialog"] h2')).toMatch(/^Mistral/);
    expect(await ui.count('[role="dialog"]')).toBe(1);
    const sent = upstreamRequests().slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) {
      expect(decodeURIComponent(r)).not.toMatch(/someone@example\.com|private search terms|from:/);
      expect(decodeURIComponent(r)).not.toMatch(/DeepSeek/); // the synthetic pointer over the real "DeepSeek V3" opened nothing either
    }
    // The page's fake marks were left as the page made them and are not ours.
    expect(await page.evaluate(() => document.querySelectorAll('[data-undercurrent]').length)).toBe(2);
    await shot(page, 'forged-marks-real-card');
  });
});

describe('a page that reaches for the UI', () => {
  it('cannot read, rewrite or open the sidebar: the shadow root is closed to it', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url }) });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/ui/forged.html`);
    const ui = pageUi(page);
    await ui.waitFor(tid('sidebar-tab'), { timeout: 15_000 });
    await page.evaluate(() => (window as unknown as { __attack: { readUi(): void } }).__attack.readUi());
    const log = await hostileLog(page);
    expect(log.shadowRoot).toBe('null');
    expect(log.hostText).toBe('');
    expect(log.rewrite).toMatch(/^failed: /);
    expect(log.open).toMatch(/^failed: /);
    // No shadow root was made through the page's own (patched) attachShadow.
    expect(log.captured).toBe(0);
    expect(await page.evaluate(() => document.querySelector('undercurrent-ui')?.shadowRoot ?? null)).toBeNull();
    // The sidebar is still closed, and opens for a person, with what the extension wrote.
    expect(await ui.visible(tid('sidebar'))).toBe(false);
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('beat-name'), { timeout: 10_000 });
    expect(await ui.text(tid('sidebar'))).not.toMatch(/arrested|deepseek-v3-download/);
  });
});

describe('a page that forges lifecycle events', () => {
  it('sees no message carrying the extension id, and its forged "content-script-started" leaves the UI in place', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url }) });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/ui/forged.html`);
    const ui = pageUi(page);
    await ui.waitFor(tid('sidebar-tab'), { timeout: 15_000 });
    await highlightPassDone(page);
    // Both scripts (detector and UI) have started by now; nothing they did reached the page's listener.
    const id = ext.extensionId;
    expect((await hostileLog(page)).messages.filter((m) => m.includes(id))).toEqual([]);

    // The attacker learned the id some other way and forges WXT's lifecycle traffic.
    await page.evaluate((extId) => (window as unknown as { __attack: { forgeLifecycle(id: string): void } }).__attack.forgeLifecycle(extId), id);
    await expect.poll(async () => (await hostileLog(page)).forgedSeen).toBe(true);
    expect(await ui.attached()).toBe(true);
    // Still alive, not a leftover: it opens and loads the context.
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('beat-name'), { timeout: 10_000 });
    // Only the page's own forged messages were ever seen.
    const others = (await hostileLog(page)).messages.filter((m) => !m.includes('forged'));
    expect(others).toEqual([]);
  });
});

describe('a page whose framework re-renders the underlined paragraph every 100 ms', () => {
  it('keeps exactly the text the page wrote, keeps the underline, and the name opens its card', async () => {
    ext = await launchExtension({ settings: loopbackSettings({ hostedApi: api.url }) });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/ui/live-update.html`);
    const ui = pageUi(page);
    await highlightPassDone(page);
    const live = () => page.evaluate(() => (window as unknown as { __live: { renders: number; mismatches: number; firstMismatch: string | null; expected: string } }).__live);
    // Thirty more re-renders with the highlighter at work.
    const start = (await live()).renders;
    await expect.poll(async () => (await live()).renders, { timeout: 20_000 }).toBeGreaterThan(start + 30);
    const status = await live();
    expect(status.firstMismatch).toBeNull();
    expect(status.mismatches).toBe(0);
    // What a person sees is what the page wrote, and the name is still underlined in it.
    const shown = await page.locator('#live').textContent();
    expect(shown).toMatch(/^Update \d+: DeepSeek V3 weights downloaded \d+ times as the debate spreads\.$/);
    expect(await highlights(page, '#live')).toEqual([expect.objectContaining({ text: 'DeepSeek V3', highlight: 'undercurrent' })]);

    // A paragraph replaced wholesale on every render keeps its underline too: sampled after ten renders.
    for (let i = 0; i < 10; i++) {
      const at = (await live()).renders;
      await expect.poll(async () => (await live()).renders).toBeGreaterThan(at);
      expect((await highlights(page, '#live-html')).map((h) => h.text)).toEqual(['Mistral AI']);
    }

    await pointAtText(page, 'DeepSeek V3', '#live');
    await ui.waitFor('[role="dialog"]', { timeout: 10_000 });
    expect(await ui.text('[role="dialog"] h2')).toBe('DeepSeek V3');
    await ui.waitFor(tid('card-volume'), { timeout: 10_000 });
    // The card sits by the live paragraph's name.
    const card = (await ui.box('[role="dialog"]'))!;
    const name = (await highlights(page, '#live'))[0]!.box!;
    expect(Math.abs(card.x - name.x)).toBeLessThan(2);
    expect((await live()).mismatches).toBe(0);
    await shot(page, 'live-update-card');
  });
});
