// `npm run demo`: starts the Undercurrent server on 127.0.0.1 replaying the recorded
// capture (tests/fixtures/capture) through the real ingest, builds the extension, and
// opens the bundled fixture article in Chromium with Undercurrent pointed at that
// server — figures computed by the real pipeline, labelled as a replay, no network.
// DEMO_SERVER=0 shows the embedded default instead (no server, no account, no key).
// With no display (or HEADLESS=1) it runs headless and saves screenshots.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchExtension, loopbackSettings, shot, startFixtureServer } from '../tests/e2e/harness';
import { configFromEnv, startServer, type RunningServer } from '../server/server';
import { CAPTURE_FILE } from './capture';

const headless = process.env.HEADLESS === '1' || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const useServer = process.env.DEMO_SERVER !== '0';
if (!existsSync('.output/chrome-mv3/manifest.json') || process.env.REBUILD !== '0') execSync('npx wxt build', { stdio: 'inherit' });

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
  const popup = await ext.openPopupFor(article);
  await popup.getByTestId('context').waitFor({ timeout: 30_000 });
  console.log(`saved ${await shot(article, 'demo-article')}`);
  console.log(`saved ${await shot(popup, 'demo-popup', { fullPage: true })}`);
  await end();
} else {
  console.log('Close the browser window to end the demo.');
  ext.context.on('close', () => void end().then(() => process.exit(0)));
}
