// The `detect` command is the browser: the same saved pages, run through the CLI in Node
// and through the built extension in Chromium, give the same beat and the same entities;
// and the first look the background takes in the tab stops exactly the pages it stops in the CLI.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFile } from '../../scripts/detect';
import { launchExtension, loopbackSettings, ROOT, shot, startFixtureServer, type Extension } from './harness';

/** Pages under tests/fixtures/pages, saved without an address the CLI could use (or with one it must not need). */
const PAGES = [
  'news/open-weights-release.html',
  'news/short-declared.html',
  'news/ki-sprachmodell.html',
  'news/ia-modelo.html',
  'news/ia-modele.html',
  'ui/article.html',
  'plain/sourdough.html',
  'detect/news-article.html',
  'detect/blog-main.html',
  'detect/nonai-recipe.html',
];

// Functions passed to sw.evaluate run in the service worker, where `chrome` is global.
declare const chrome: typeof import('wxt/browser').browser;

interface Topic {
  beat: { id: string } | null;
  entities: { id: string }[];
}

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let ext: Extension;

beforeAll(async () => {
  server = await startFixtureServer();
  ext = await launchExtension({ settings: loopbackSettings() });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('npm run detect agrees with the extension in Chromium', () => {
  it.each(PAGES)('%s', async (path) => {
    const cli = await detectFile(join(ROOT, 'tests/fixtures/pages', path));
    const page = await ext.context.newPage();
    await page.goto(`${server.url}/${path}`);
    const topic = (await ext.waitForTopic(page)) as Topic | null;
    const browserBeat = topic?.beat?.id ?? null;
    const browserEntities = (topic?.entities ?? []).map((e) => e.id).sort();
    expect({ beat: browserBeat, entities: browserEntities }).toEqual({ beat: cli.beat?.id ?? null, entities: cli.entities.map((e) => e.id).sort() });
    // The first look in the tab is the CLI's: where it stops the CLI, the detector was never injected.
    const running = await ext.sw.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      const [r] = await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, func: () => (globalThis as Record<string, unknown>).__undercurrentDetector === true });
      return r?.result === true;
    }, page.url());
    expect({ stage: cli.stage, detectorInjected: running }).toEqual({ stage: cli.stage, detectorInjected: cli.stage !== 'first-look' });
    if (path === 'news/short-declared.html') {
      // The short declared brief gets its beat in both: the sidebar is there to see.
      expect(browserBeat).toBe('open-source-ai');
      await shot(page, 'cli-parity-short-declared');
    }
    await page.close();
  });
});
