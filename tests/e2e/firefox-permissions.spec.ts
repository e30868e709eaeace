// Firefox MV3 lets a person withhold an add-on's access to websites at install or take it
// back later (about:addons → Permissions). The popup must say so and ask for it, and
// Undercurrent must work once it is given, without reloading the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackSettings, startFixtureServer } from './harness';
import { firefoxShot, launchFirefox, until, type FirefoxExtension } from './firefox-harness';
import { HOST_ORIGINS } from '../../utils/host-access';

// `chrome` is the WebExtension global of the extension page the inExtension callbacks run in
// (not `browser`, which WxtVitest rewrites in test code).
declare const chrome: typeof import('wxt/browser').browser;

let pages: Awaited<ReturnType<typeof startFixtureServer>>;
let ff: FirefoxExtension;

beforeAll(async () => {
  pages = await startFixtureServer();
  ff = await launchFirefox({
    settings: loopbackSettings(),
    // Firefox's own switch for automation: a permissions.request() made from a click is
    // granted without showing the doorhanger a person would answer.
    prefs: { 'extensions.webextOptionalPermissionPrompts': false },
  });
});
afterAll(async () => {
  await ff?.close();
  await pages?.close();
});

describe('Firefox, access to websites withheld', () => {
  it('says so in the popup, asks with a button, and works once access is given', async () => {
    // What the add-ons manager's switch does: take the host permissions back.
    expect(await ff.inExtension((origins) => chrome.permissions.remove({ origins }), [...HOST_ORIGINS])).toBe(true);
    expect(await ff.inExtension((origins) => chrome.permissions.contains({ origins }), [...HOST_ORIGINS])).toBe(false);

    const article = await ff.openPage(`${pages.url}/ui/article.html`);
    const popup = await ff.openPopupFor(article);
    const notice = await popup.waitForSelector('[data-testid="host-access"]', { timeout: 15_000 });
    expect(await notice!.evaluate((n) => n.textContent)).toMatch(/can’t read web pages/);
    // Nothing ran in the page: the background could not inject the detector.
    expect(await article.$('undercurrent-ui')).toBeNull();
    await firefoxShot(popup, 'popup-host-access');

    await popup.click('[data-testid="grant-host-access"]');
    // Granted: the popup shows the context for the tab, read now without a reload.
    const beat = await popup.waitForSelector('[data-testid="beat-name"]', { timeout: 20_000 });
    expect(await beat!.evaluate((n) => n.textContent)).toBe('Open Source AI');
    expect(await ff.inExtension((origins) => chrome.permissions.contains({ origins }), [...HOST_ORIGINS])).toBe(true);
    expect(await popup.$('[data-testid="host-access"]')).toBeNull();
    await firefoxShot(popup, 'popup-host-access-granted', { fullPage: true });
    // And the page UI arrives in the article.
    await article.waitForSelector('undercurrent-ui', { timeout: 15_000 });
  });
});
