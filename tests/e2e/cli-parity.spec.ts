// The `detect` command is the browser: the same saved pages, run through the CLI in Node
// and through the built extension in Chromium, give the same beat and the same entities.
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
    if (path === 'news/short-declared.html') {
      // The short declared brief gets its beat in both: the sidebar is there to see.
      expect(browserBeat).toBe('open-source-ai');
      await shot(page, 'cli-parity-short-declared');
    }
    await page.close();
  });
});
