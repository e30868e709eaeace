// `npm run demo`: starts the Undercurrent server on 127.0.0.1 replaying the recorded
// capture (tests/fixtures/capture) through the real ingest, builds the extension, and
// opens the bundled fixture article in Chromium with Undercurrent pointed at that
// server — figures computed by the real pipeline, labelled as a replay, no network.
// DEMO_SERVER=0 shows the embedded default instead (no server, no account, no key).
// The build is reused while it is newer than every source file; REBUILD=1 forces one,
// REBUILD=0 never builds (if a build exists). With no display (or HEADLESS=1) it runs
// headless and saves the article, the popup, the open sidebar and a hover card.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { highlightPassDone, hoverHighlight, launchExtension, loopbackSettings, pageUi, shot, startFixtureServer, tid } from '../tests/e2e/harness';
import { configFromEnv, startServer, type RunningServer } from '../server/server';
import { CAPTURE_FILE } from './capture';

const headless = process.env.HEADLESS === '1' || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const useServer = process.env.DEMO_SERVER !== '0';
const BUILT = '.output/chrome-mv3/manifest.json';
/** The newest modification time under the paths the extension is built from. */
function newestSource(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestSource(readdirSync(p).map((n) => join(p, n))));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json', 'tsconfig.json'];
const stale = !existsSync(BUILT) || newestSource(SOURCES) > statSync(BUILT).mtimeMs;
if (process.env.REBUILD === '1' || (stale && process.env.REBUILD !== '0') || !existsSync(BUILT)) execSync('npx wxt build', { stdio: 'inherit' });
else console.log(`Build:   reusing ${BUILT}${stale ? ' (older than the sources: REBUILD=0)' : ' (newer than every source file)'}`);

let server: RunningServer | undefined;
if (useServer) {
  server = await startServer({ ...configFromEnv(), port: Number(process.env.PORT ?? 8787), dataDir: 'memory://', ingest: 'replay', replayFile: process.env.REPLAY_FILE ?? CAPTURE_FILE });
  const r = await server.replayed;
  console.log(`Server:  ${server.url} (replayed ${r?.stored ?? 0} posts from ${process.env.REPLAY_FILE ?? CAPTURE_FILE})`);
  // The story writer runs right after the replay: wait for its first round, so "More stories" has them.
  if (server.stories) {
    await server.storiesWritten;
    console.log(`Stories: ${server.url}/v1/stories`);
  }
}
const pages = await startFixtureServer();
const noLive = { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false };
const settings = server ? loopbackSettings({ hostedApi: server.url, sources: noLive }) : process.env.DEMO_OFFLINE === '1' ? loopbackSettings() : undefined;
const ext = await launchExtension({ ...(settings ? { settings } : {}), headless });
const article = await ext.context.newPage();
await article.goto(`${pages.url}/news/open-weights-release.html`);
console.log(`Article: ${pages.url}/news/open-weights-release.html`);
console.log(`Popup:   chrome-extension://${ext.extensionId}/popup.html`);
const end = async () => {
  await ext.close().catch(() => {});
  await pages.close();
  await server?.close();
};
if (headless) {
  await ext.waitForTopic(article);
  const popup = await ext.openPopupFor(article, { width: 380, height: 900 });
  await popup.getByTestId('context').waitFor({ timeout: 30_000 });
  await popup.getByTestId('key-voice').first().waitFor({ timeout: 30_000 });
  await highlightPassDone(article, 30_000);
  console.log(`saved ${await shot(article, 'demo-article')}`);
  console.log(`saved ${await shot(popup, 'demo-popup', { fullPage: true })}`);
  // The sidebar, opened as a reader would (a real click on its tab).
  const ui = pageUi(article);
  await ui.click(tid('sidebar-tab'));
  await ui.waitFor(tid('key-voice'), { timeout: 30_000 });
  console.log(`saved ${await shot(article, 'demo-sidebar')}`);
  await ui.click(tid('sidebar-close'));
  await ui.waitFor(tid('sidebar'), { state: 'hidden' });
  // A hover card: the pointer resting on the first underlined model name.
  await hoverHighlight(article, 'DeepSeek V3');
  await ui.waitFor(`${tid('entity-card')} ${tid('freshness')}`, { timeout: 30_000 });
  console.log(`saved ${await shot(article, 'demo-card')}`);
  await end();
} else {
  console.log('Close the browser window to end the demo.');
  ext.context.on('close', () => void end().then(() => process.exit(0)));
}
