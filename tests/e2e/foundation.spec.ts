// The foundation, as a user meets it: the built extension in Chromium, fixture pages on
// 127.0.0.1, a fake hosted API, and the popup for the tab.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, loopbackSettings, shot, startFixtureServer, type Extension } from './harness';
import { startFakeHostedApi, type FakeHostedApi } from '../fixtures/servers/hosted-api';

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let api: FakeHostedApi;
let ext: Extension | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
  api = await startFakeHostedApi({ apiKey: 'test-hosted-key' });
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
  api.setFault({ kind: 'none' });
});

describe('topic reporting', () => {
  it('reports an AI beat for a news article and nothing for a recipe', async () => {
    ext = await launchExtension({ settings: loopbackSettings() });
    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/news/open-weights-release.html`);
    const topic = (await ext.waitForTopic(article)) as { beat: { id: string } | null; entities: { id: string }[] } | null;
    expect(topic?.beat?.id).toBe('open-source-ai');
    expect(topic?.entities.map((e) => e.id)).toContain('hugging-face');

    const recipe = await ext.context.newPage();
    await recipe.goto(`${pages.url}/plain/sourdough.html`);
    expect(await ext.waitForTopic(recipe)).toBeNull();
  });
});
