// `npm run demo`: builds the extension, serves the bundled fixture article on
// 127.0.0.1 and opens it in Chromium with Undercurrent loaded (embedded default: no
// account, no key, no server). With no display (or HEADLESS=1) it runs headless and
// saves screenshots of the article and the popup instead.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchExtension, loopbackSettings, shot, startFixtureServer } from '../tests/e2e/harness';

const headless = process.env.HEADLESS === '1' || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
if (!existsSync('.output/chrome-mv3/manifest.json') || process.env.REBUILD !== '0') execSync('npx wxt build', { stdio: 'inherit' });

const pages = await startFixtureServer();
const ext = await launchExtension({ ...(process.env.DEMO_OFFLINE === '1' ? { settings: loopbackSettings() } : {}), headless });
const article = await ext.context.newPage();
await article.goto(`${pages.url}/news/open-weights-release.html`);
console.log(`Article: ${pages.url}/news/open-weights-release.html`);
console.log(`Popup:   chrome-extension://${ext.extensionId}/popup.html`);
if (headless) {
  await ext.waitForTopic(article);
  await article.waitForTimeout(1500);
  console.log(`saved ${await shot(article, 'demo-article')}`);
  const popup = await ext.openPopupFor(article);
  await popup.waitForTimeout(1500);
  console.log(`saved ${await shot(popup, 'demo-popup', { fullPage: true })}`);
  await ext.close();
  await pages.close();
} else {
  console.log('Close the browser window to end the demo.');
  ext.context.on('close', () => void pages.close().then(() => process.exit(0)));
}
