// Honest labels and calm reading, in Chromium with the built extension: the sample pack
// labelled at the top of the popup and sidebar when no source answers, hover cards that
// never show the sample's figures under a name, the underline policy (first mention per
// section by default, all, none), and turning a site off with an undo.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { highlightPassDone, highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';

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
