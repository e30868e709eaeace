// Context about the page in front of you, in Chromium with the built extension: on an
// article about one release that keeps comparing it with a famous model, the figures are
// asked for and labelled by the release's names; on a Hacker News item page the title link
// and the comments are read, the name in the link is underlined and the link still
// navigates; datasets are shown as datasets.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { highlightPassDone, highlights, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid, type Extension } from './harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let api: FakeHostedApi;
let ext: Extension | undefined;

// The hosted API answers; the live sources are off so its answer is the one shown.
const hostedOnly = () => loopbackSettings({ hostedApi: api.url, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } });

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

type Topic = { beat: { id: string } | null; entities: { id: string; name: string; kind: string }[] } | null;

/** The /v1/context requests the fake hosted API has seen, as (entities, q) pairs. */
function contextQueries(): { entities: string; q: string }[] {
  return api.requests.filter((r) => r.path === '/v1/context').map((r) => ({ entities: r.query.get('entities') ?? '', q: r.query.get('q') ?? '' }));
}

const card = '[role="dialog"]';

describe('subject salience on a multi-model article', () => {
  it('asks for and labels the figures by the release in the title and dek, not the model the body names most', async () => {
    api.requests.length = 0;
    ext = await launchExtension({ settings: hostedOnly() });
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/news/fully-open-release.html`);
    const topic = (await ext.waitForTopic(page)) as Topic;
    expect(topic?.beat?.id).toBe('open-source-ai');
    // Llama 3.1 is named eleven times, OLMo 3 five: the title and dek decide.
    expect(topic!.entities[0]!.id).toBe('olmo-3');
    expect(topic!.entities.find((e) => e.id === 'dolma-3')?.kind).toBe('dataset');

    const popup = await ext.openPopupFor(page);
    await popup.getByTestId('context').waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId('about').textContent()).toBe('About: OLMo 3, Ai2, Dolma 3');
    // What the fake upstream on loopback was asked: the release's ids, never the comparison model.
    const asked = contextQueries();
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) {
      expect(q).toEqual({ entities: 'olmo-3,ai2,dolma-3', q: 'OLMo 3' });
    }
    // The names list says what Dolma 3 is.
    expect(await popup.getByTestId('page-entities').locator('li', { hasText: 'Dolma 3' }).textContent()).toBe('Dolma 3 dataset');
    await shot(popup, 'relevance-popup-about', { fullPage: true });
    await popup.close();

    // The sidebar says the same.
    const ui = pageUi(page);
    await expect.poll(() => ui.attached(), { timeout: 15_000 }).toBe(true);
    await ui.click(tid('sidebar-tab'));
    await ui.waitFor(tid('about'));
    expect(await ui.text(tid('about'))).toBe('About: OLMo 3, Ai2, Dolma 3');
    await shot(page, 'relevance-sidebar-about');

    // The dataset's card says Dataset.
    await ui.focus(tid('sidebar'));
    await page.keyboard.press('Escape');
    await ui.waitFor(tid('sidebar'), { state: 'hidden' });
    await highlightPassDone(page);
    await hoverHighlight(page, 'Dolma 3');
    await ui.waitFor(card, { timeout: 5_000 });
    expect(await ui.text(`${card} h2`)).toBe('Dolma 3');
    expect(await ui.text(`${card} .uc-chip`)).toBe('Dataset');
    expect(await ui.text(tid('card-announcer'))).toMatch(/^Dolma 3, dataset: /);
    await shot(page, 'relevance-card-dataset');
  });
});

describe('a Hacker News item page', () => {
  async function openItem(): Promise<Page> {
    const port = new URL(pages.url).port;
    ext = await launchExtension({ settings: hostedOnly(), args: ['--host-resolver-rules=MAP news.ycombinator.com 127.0.0.1'] });
    const page = await ext.context.newPage();
    // Where the title link goes: answered in the browser, so the click's navigation is seen without a network.
    await page.route('http://allenai.org/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>OLMo 3 | Ai2</title><h1>OLMo 3</h1>' }));
    await page.goto(`http://news.ycombinator.com:${port}/item?id=46100100`);
    return page;
  }

  it('reads the title link and the comments: a beat, the name underlined inside the link, a card on hover, and the link still navigates', async () => {
    const page = await openItem();
    const topic = (await ext!.waitForTopic(page)) as Topic;
    expect(topic?.beat?.id).toBe('open-source-ai');
    expect(topic!.entities[0]!.id).toBe('olmo-3');
    // Names only the comments carry were found too.
    expect(topic!.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['qwen3', 'dolma-3', 'mmlu']));

    const ui = pageUi(page);
    await expect.poll(() => ui.attached(), { timeout: 15_000 }).toBe(true);
    await highlightPassDone(page);
    // The title's name is underlined inside its link; the comments' names inside the comments.
    const inTitle = await highlights(page, '.titleline');
    expect(inTitle.map((h) => h.text)).toEqual(['OLMo 3']);
    expect(inTitle[0]!.path.slice(0, 2)).toEqual(['a', 'span']);
    const inComments = (await highlights(page, '.comment-tree')).map((h) => h.text);
    expect(inComments).toEqual(expect.arrayContaining(['Dolma 3', 'Qwen3', 'MMLU']));
    // The link is the page's own, untouched.
    expect(await page.locator('.titleline > a').evaluate((a) => a.outerHTML)).toBe('<a href="http://allenai.org/blog/olmo3">OLMo 3: A fully open 32B model, with its training data</a>');

    // Hovering the name in the link opens its card.
    await hoverHighlight(page, 'OLMo 3', '.titleline');
    await ui.waitFor(card, { timeout: 5_000 });
    expect(await ui.text(`${card} h2`)).toBe('OLMo 3');
    expect(await ui.text(`${card} .uc-chip`)).toBe('Model');
    await shot(page, 'relevance-hn-card');

    // A dataset in a comment is a dataset.
    await page.mouse.move(5, 5);
    await ui.waitFor(card, { state: 'detached' });
    await hoverHighlight(page, 'Dolma 3', '.comment-tree');
    await ui.waitFor(card, { timeout: 5_000 });
    expect(await ui.text(`${card} .uc-chip`)).toBe('Dataset');

    // The popup's figures are about the item's name.
    const popup = await ext!.openPopupFor(page);
    await popup.getByTestId('context').waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId('about').textContent()).toBe('About: OLMo 3');
    await popup.close();

    // A click on the underlined name follows the link.
    await page.mouse.move(5, 5);
    await ui.waitFor(card, { state: 'detached' });
    const box = (await highlights(page, '.titleline'))[0]!.box!;
    await Promise.all([page.waitForURL('http://allenai.org/blog/olmo3'), page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)]);
    expect(await page.locator('h1').textContent()).toBe('OLMo 3');
  });
});
