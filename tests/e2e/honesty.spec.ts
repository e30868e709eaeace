// Honest labels and calm reading, in Chromium with the built extension: the sample pack
// labelled at the top of the popup and sidebar when no source answers, hover cards that
// never show the sample's figures under a name, the underline policy (first mention per
// section by default, all, none), and turning a site off with an undo.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BEATS, type BeatId } from '../../utils/schema';
import { ROOT, highlightPassDone, highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let ext: Extension | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
});
afterAll(async () => {
  await pages.close();
});
afterEach(async () => {
  // Forget the browser before closing it: close() fails when the privacy check does.
  const closing = ext;
  ext = undefined;
  await closing?.close();
});

/** Offline: no hosted API, every live source on a closed loopback port. */
async function open(path: string, settings: Record<string, unknown> = loopbackSettings()): Promise<Page> {
  ext ??= await launchExtension({ settings });
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}${path}`);
  return page;
}

async function waitForUi(page: Page): Promise<void> {
  await expect.poll(() => pageUi(page).attached(), { timeout: 15_000 }).toBe(true);
}

async function sites(): Promise<Record<string, string> | undefined> {
  return ext!.sw.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { ui?: { sites?: Record<string, string> } }).ui?.sites);
}

const LABEL = 'Sample data from 20 November 2026 — not about this page';

/**
 * One article per beat, made of the hand-written corpus items of that beat
 * (tests/fixtures/corpus): the first headline on top, the others as section heads.
 */
function beatArticles(): Map<BeatId, string> {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const items = new Map<BeatId, { title: string; text: string }[]>();
  for (const file of ['industry', 'technical', 'philosophical', 'society']) {
    for (const line of readFileSync(join(ROOT, 'tests/fixtures/corpus', `${file}.jsonl`), 'utf8').split('\n').filter(Boolean)) {
      const item = JSON.parse(line) as { beat: BeatId | null; title: string; text: string };
      if (item.beat) (items.get(item.beat) ?? items.set(item.beat, []).get(item.beat)!).push(item);
    }
  }
  const out = new Map<BeatId, string>();
  for (const [beat, list] of items) {
    const title = list.find((i) => i.title)!.title;
    const body = list.map((i) => `${i.title && i.title !== title ? `<h2>${esc(i.title)}</h2>` : ''}<p>${esc(i.text)}</p>`).join('\n');
    out.set(beat, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><meta property="og:type" content="article"></head><body><main><article><h1>${esc(title)}</h1>\n${body}</article></main></body></html>`);
  }
  return out;
}

describe('offline, with the sample pack', () => {
  it('labels the sample at the top of the popup and the sidebar, and says that no source could be reached', async () => {
    const page = await open('/news/open-weights-release.html');
    await ext!.waitForTopic(page);
    // The popup is 380 px wide (a toolbar popup takes its content's width).
    const popup = await ext!.openPopupFor(page, { width: 380, height: 640 });
    await popup.getByTestId('context').waitFor();
    const label = popup.getByTestId('sample-label');
    expect(await label.textContent()).toBe(LABEL);
    // At the top: above the beat name, in the first screenful.
    const labelBox = (await label.boundingBox())!;
    expect(labelBox.y).toBeLessThan((await popup.getByTestId('beat-name').boundingBox())!.y);
    expect(labelBox.y).toBeLessThan(60);
    expect(await popup.getByTestId('source-errors-heading').textContent()).toBe('No source could be reached — showing sample data');
    expect(await popup.getByTestId('context').textContent()).not.toContain('Some sources did not answer');
    await shot(popup, 'honesty-popup-sample');

    const ui = pageUi(page);
    await waitForUi(page);
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('sample-label'));
    expect(await ui.text(tid('sample-label'))).toBe(LABEL);
    expect((await ui.box(tid('sample-label')))!.y).toBeLessThan((await ui.box(tid('beat-name')))!.y);
    expect(await ui.text(tid('source-errors-heading'))).toBe('No source could be reached — showing sample data');
    await shot(page, 'honesty-sidebar-sample');
  });

  it("never shows the sample's figures under a name: a card says it has none and offers the beat's, labelled", async () => {
    const page = await open('/news/open-weights-release.html');
    const ui = pageUi(page);
    await waitForUi(page);
    await highlightPassDone(page);
    const card = tid('entity-card');
    for (const name of ['DeepSeek V3', 'Mistral AI']) {
      await hoverHighlight(page, name);
      await ui.waitFor(tid('card-no-figures'), { timeout: 10_000 });
      expect(await ui.text(`${card} h2`)).toBe(name);
      expect(await ui.text(tid('card-no-figures'))).toBe(`No discourse figures for ${name}: no source could be reached.`);
      // The beat's sample figures are there only folded away, under the beat's name.
      // (A closed <details> keeps its content laid out but not rendered: ask the browser whether it is seen.)
      expect(await ui.evaluate(tid('card-volume'), (el) => el.checkVisibility())).toBe(false);
      expect(await ui.text(`${tid('card-beat-figures')} summary`)).toBe('Show the beat’s sample figures');
      if (name === 'DeepSeek V3') await shot(page, 'honesty-card-no-figures');
      await page.mouse.move(5, 5);
      await ui.waitFor(card, { state: 'detached' });
    }
    // Opened on request, the figures say whose they are.
    await hoverHighlight(page, 'DeepSeek V3');
    await ui.waitFor(tid('card-beat-figures'), { timeout: 10_000 });
    await ui.click(`${tid('card-beat-figures')} summary`);
    await expect.poll(() => ui.evaluate(tid('card-volume'), (el) => el.checkVisibility())).toBe(true);
    expect(await ui.text(tid('card-beat-label'))).toBe(`${LABEL}: the whole Open Source AI beat, not DeepSeek V3.`);
    await shot(page, 'honesty-card-beat-figures');
  });
});

describe('the sample on every beat', () => {
  it('is labelled at the top of the popup and the sidebar, and never shown under a name in a card', async () => {
    const articles = beatArticles();
    expect([...articles.keys()].sort()).toEqual(BEATS.map((b) => b.id).sort());
    const site = createServer((req, res) => {
      const html = articles.get((req.url ?? '').replace(/^\/beat\/|\.html$/g, '') as BeatId);
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    ext = await launchExtension({ settings: loopbackSettings() });
    let cards = 0;
    try {
      for (const beat of BEATS) {
        const page = await ext.context.newPage();
        await page.goto(`${base}/beat/${beat.id}.html`);
        const topic = (await ext.waitForTopic(page)) as { beat: { id: string } | null; kind: string };
        expect(topic.beat?.id, 'the page is read as its beat').toBe(beat.id);

        const popup = await ext.openPopupFor(page, { width: 380, height: 640 });
        await popup.getByTestId('context').waitFor();
        expect(await popup.getByTestId('beat-name').textContent()).toBe(beat.name);
        expect(await popup.getByTestId('sample-label').textContent(), beat.id).toBe(LABEL);
        expect((await popup.getByTestId('sample-label').boundingBox())!.y).toBeLessThan(60);
        // Said once: the foot names the source instead.
        expect(await popup.getByText(/Sample data/).count()).toBe(1);
        expect(await popup.getByTestId('freshness').textContent()).toBe('Source: the sample bundled with Undercurrent');
        if (beat.id === 'healthcare') await shot(popup, 'honesty-popup-sample-healthcare', { fullPage: true });
        await popup.close();

        const ui = pageUi(page);
        await expect.poll(() => ui.attached(), { timeout: 15_000 }).toBe(true);
        await highlightPassDone(page);
        await ui.click(tid('sidebar-tab'));
        await ui.waitFor(tid('sample-label'));
        expect(await ui.text(tid('sample-label'))).toBe(LABEL);
        expect((await ui.box(tid('sample-label')))!.y).toBeLessThan((await ui.box(tid('beat-name')))!.y);
        expect(await ui.text(tid('beat-name'))).toBe(beat.name);
        await ui.click(tid('sidebar-close'));
        await ui.waitFor(tid('sidebar'), { state: 'hidden' });

        // A known name's card: no figures under the name; the beat's only folded away, labelled.
        const known = (await highlights(page, 'article')).find((h) => h.highlight === 'undercurrent');
        if (known) {
          cards++;
          await hoverHighlight(page, known.text, 'article');
          await ui.waitFor(tid('card-no-figures'), { timeout: 10_000 });
          expect(await ui.evaluate(tid('entity-card'), (el) => Array.from(el.querySelectorAll('[data-testid="card-volume"]')).filter((v) => v.checkVisibility()).length)).toBe(0);
          await page.mouse.move(2, 2);
          await ui.waitFor(tid('entity-card'), { state: 'detached' });
        }
        await page.close();
      }
    } finally {
      await new Promise<void>((r) => site.close(() => r()));
    }
    // The corpus names companies and models on (nearly) every beat: the cards were really checked.
    expect(cards).toBeGreaterThanOrEqual(12);
  }, 420_000);
});

describe('keyboard path', () => {
  it('Alt+Shift+N focuses "Names on this page"; a name opens its card, Escape closes it and focus stays on the name', async () => {
    const page = await open('/news/open-weights-release.html');
    const ui = pageUi(page);
    await waitForUi(page);
    await highlightPassDone(page);
    // The list is out of sight until it has focus.
    expect((await ui.box(tid('names-list')))!.width).toBeLessThanOrEqual(1);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Alt+Shift+KeyN');
    await expect.poll(() => ui.activeTestId()).toBe('names-item');
    expect((await ui.box(tid('names-list')))!.width).toBeGreaterThan(100);
    const first = await ui.text(tid('names-item'));
    await ui.waitFor(tid('entity-card'), { timeout: 5_000 });
    expect(await ui.text(`${tid('entity-card')} h2`)).toBe(first);
    await ui.waitFor(`${tid('entity-card')} ${tid('freshness')}`, { timeout: 10_000 });
    await shot(page, 'keyboard-names-list', { docs: 'names-list' });
    // Tab walks the names (one stop each), not the dozens of underlines in the text.
    await page.keyboard.press('Escape');
    await ui.waitFor(tid('entity-card'), { state: 'detached' });
    expect(await ui.activeTestId()).toBe('names-item');
    await page.keyboard.press('Tab');
    await expect.poll(() => ui.evaluate(tid('names-list'), (el) => (el.getRootNode() as ShadowRoot).activeElement?.textContent ?? '')).not.toBe(first);
    expect(await ui.activeTestId()).toBe('names-item');
    // Typing in a field of the page is left alone.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'typing';
      document.querySelector('article')!.prepend(input);
    });
    await page.locator('#typing').focus();
    await page.keyboard.press('Alt+Shift+KeyN');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('typing');
  });
});

describe('underline policy', () => {
  /** How many underlines each name has, per section (the nearest h1/h2 above it). */
  async function perSection(page: Page): Promise<Record<string, number>> {
    const found = await highlights(page, 'article');
    const out: Record<string, number> = {};
    for (const h of found) out[h.text] = (out[h.text] ?? 0) + 1;
    return out;
  }

  it('underlines the first mention of each name per section by default, every mention on "all", none on "none"', async () => {
    const page = await open('/news/sections-article.html');
    await waitForUi(page);
    await highlightPassDone(page);
    // Four sections (the lead and three under h2s), each naming all four: one underline per name per section.
    const first = await perSection(page);
    expect(first).toMatchObject({ DeepSeek: 4, Mistral: 4, Llama: 4, 'Hugging Face': 4 });
    await shot(page, 'honesty-underline-first', { fullPage: true });

    await ext!.setSettings(loopbackSettings({ ui: { underline: 'all' } }));
    await page.reload();
    await waitForUi(page);
    await highlightPassDone(page);
    const all = await perSection(page);
    const mentions = await page.evaluate(() => (document.querySelector('article')!.textContent!.match(/DeepSeek/g) ?? []).length);
    expect(all.DeepSeek).toBe(mentions);
    expect(all.DeepSeek).toBeGreaterThan(first.DeepSeek!);

    await ext!.setSettings(loopbackSettings({ ui: { underline: 'none' } }));
    await page.reload();
    await waitForUi(page);
    // The sidebar is there; no pass runs, so nothing is ever underlined.
    await pageUi(page).waitFor(tid('sidebar-tab'));
    expect(await highlights(page)).toEqual([]);
    expect(await page.evaluate(() => performance.getEntriesByName('undercurrent:highlight-start').length)).toBe(0);
  });
});

describe('turning a site off', () => {
  it('is a quiet action with an undo, and the popup then says "Off on this site · Turn on"', async () => {
    const page = await open('/news/open-weights-release.html');
    const ui = pageUi(page);
    await waitForUi(page);
    await highlightPassDone(page);
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('beat-name'));
    // Not the first control in the panel: the close button is; the switch sits at the foot.
    expect(await ui.evaluate(tid('sidebar'), (el) => el.querySelector('button')?.getAttribute('data-testid') ?? null)).toBe('sidebar-close');
    expect((await ui.box(tid('disable-site')))!.y).toBeGreaterThan((await ui.box(tid('beat-name')))!.y);

    await ui.click(tid('disable-site'));
    await ui.waitFor(tid('off-toast'));
    expect(await ui.text(tid('off-toast'))).toContain('Undercurrent is off on 127.0.0.1.');
    expect(await ui.activeTestId()).toBe('off-undo');
    await expect.poll(() => highlights(page)).toEqual([]);
    await expect.poll(sites).toEqual({ '127.0.0.1': 'deny' });
    expect(await ui.count(tid('sidebar'))).toBe(0);
    await shot(page, 'honesty-off-toast');

    // Undo: the switch is as it was and the page UI is back.
    await ui.click(tid('off-undo'));
    await expect.poll(sites).toEqual({});
    await ui.waitFor(tid('sidebar'), { state: 'attached', timeout: 10_000 });
    await expect.poll(() => highlights(page), { timeout: 10_000 }).not.toEqual([]);

    // Off again, and dismissed: the UI goes; the popup says so and can turn it back on.
    await ui.click(tid('disable-site')).catch(async () => {
      await ui.click(tid('sidebar-tab'));
      await ui.click(tid('disable-site'));
    });
    await ui.waitFor(tid('off-toast'));
    await ui.click(tid('off-dismiss'));
    await expect.poll(() => ui.attached()).toBe(false);
    await expect.poll(sites).toEqual({ '127.0.0.1': 'deny' });

    const popup = await ext!.openPopupFor(page, { width: 380, height: 200 });
    await popup.getByTestId('site-off').waitFor();
    expect(await popup.getByTestId('site-off').textContent()).toBe('Off on this site·Turn on');
    expect(await popup.getByTestId('context').count()).toBe(0);
    await shot(popup, 'honesty-popup-off');
    await popup.getByTestId('site-turn-on').click();
    await popup.getByTestId('context').waitFor();
    await expect.poll(sites).toEqual({});
  });
});
