// End-to-end harness for Firefox: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core, the built .output/firefox-mv3 installed as a temporary add-on, fixture
// pages and fake upstreams on 127.0.0.1 (shared with the Chromium harness).
//
// Why puppeteer-core and not web-ext: web-ext installs the add-on over Firefox's remote
// debugging protocol but drives no page, and Playwright's patched Firefox cannot be
// downloaded here. puppeteer-core launches the system Firefox (`executablePath`, no browser
// download), installs the add-on with BiDi's webExtension.install, and drives pages,
// mouse and keyboard with real input events.
//
// Two Firefox facts shape it:
// - BiDi hides extension documents (Firefox bug 1755014): a moz-extension:// navigation is
//   refused without --remote-allow-system-access and, with it, sends no load events. So an
//   extension page is opened by navigating a tab without waiting, then polling its document.
// - The add-on's moz-extension UUID is random per profile; the pref
//   extensions.webextensions.uuids pins it, so the tests know popup.html's address.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { ROOT, SCREENSHOT_DIR } from './harness';

export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'undercurrent@undercurrent.dev';

// `chrome` is the WebExtension global in the extension pages these callbacks run in (Firefox's
// MV3 `chrome.*` returns promises). Not `browser`: WxtVitest rewrites that name in test code.
declare const chrome: typeof import('wxt/browser').browser;

/** Polls `check` until it returns a value other than undefined/false; fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Saves test-results/screenshots/firefox-<name>.png and returns its path. */
export async function firefoxShot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `firefox-${name}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage: opts.fullPage ?? false });
  return path;
}

/**
 * The shadow root of the page UI's host, open or closed. WebDriver BiDi serialises an
 * element's shadow root whatever its mode (as a test driver may), so this reaches the UI
 * a person sees without the page, or the extension, opening anything up.
 */
export async function shadowRootOf(host: ElementHandle<Element>): Promise<ElementHandle<Node>> {
  const remote = (host as unknown as { remoteValue(): { value?: { shadowRoot?: unknown } } }).remoteValue();
  const root = remote.value?.shadowRoot;
  if (!root) throw new Error('The element has no shadow root');
  // BidiElementHandle.from(remoteValue, realm): the same class makes a handle for the root.
  const Handle = host.constructor as unknown as { from(value: unknown, realm: unknown): ElementHandle<Node> };
  return Handle.from(root, (host as unknown as { realm: unknown }).realm);
}

/** Where the text `needle` first appears inside `scope` (a selector) of the page's own DOM, in viewport pixels. */
export async function textPoint(page: Page, scope: string, needle: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    (scopeSel, text) => {
      const root = document.querySelector(scopeSel);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(text);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + text.length);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    },
    scope,
    needle,
  );
}

export interface FirefoxExtension {
  browser: Browser;
  /** The add-on's moz-extension host (pinned per launch). */
  uuid: string;
  /** Firefox's version, e.g. "153.8.0". */
  version: string;
  /** An extension page kept open to call extension APIs (storage, tabs, permissions) from. */
  control: Page;
  /** Runs `fn(arg)` in the control page, where `chrome` is the WebExtension API. */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  setSettings(settings: unknown): Promise<void>;
  setSecrets(secrets: unknown): Promise<void>;
  /** Sends a protocol message to the background as an extension page does. */
  send(name: string, data: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** A new tab showing `url` (a web page), loaded. */
  openPage(url: string, size?: { width: number; height: number }): Promise<Page>;
  /** A new tab showing the extension page `path` (e.g. "options.html"), loaded. */
  openExtensionPage(path: string, size?: { width: number; height: number }): Promise<Page>;
  /** The extension's tab id for `page`. */
  tabIdOf(page: Page): Promise<number>;
  /** Resolves once the tab of `page` has reported its topic (or null) to the background. */
  waitForTopic(page: Page): Promise<unknown>;
  /** Opens the popup for the tab showing `page`, in a tab of its own (popup.html?tabId=N). */
  openPopupFor(page: Page, size?: { width: number; height: number }): Promise<Page>;
  /** The event page's state as Firefox keeps it ("running", "stopped", …). */
  backgroundState(): Promise<string>;
  /**
   * Suspends the event page as Firefox does after it idles (about:debugging's "Terminate
   * background script"); the next event or message wakes it from scratch.
   */
  terminateBackground(): Promise<void>;
  close(): Promise<void>;
}

/** Launches firefox-esr with a fresh profile and the built add-on installed. */
export async function launchFirefox(opts: { settings?: unknown; secrets?: unknown; prefs?: Record<string, unknown> } = {}): Promise<FirefoxExtension> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npx wxt build -b firefox --mv3\` first (npm test does).`);
  }
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: \`apt-get install firefox-esr\` (.ci/run does) or set FIREFOX_PATH.`);
  const uuid = randomUUID();
  const ff = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    // Lets BiDi navigate a tab to moz-extension:// pages (see the file's head).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      ...opts.prefs,
    },
  });
  try {
    const version = (await ff.version()).replace(/^firefox\//i, '');
    await ff.installExtension(FIREFOX_EXTENSION_DIR);

    const openExtensionPage = async (path: string, size = { width: 1280, height: 900 }): Promise<Page> => {
      const page = await ff.newPage();
      await page.setViewport(size);
      const url = `moz-extension://${uuid}/${path.replace(/^\//, '')}`;
      // No load event comes back for an extension document: don't wait for one.
      page.goto(url, { timeout: 60_000 }).catch(() => {});
      await until(`${url} to load`, () =>
        page.evaluate((want) => location.href === want && document.readyState === 'complete', url),
      );
      return page;
    };

    const control = await openExtensionPage('options.html');
    const inExtension = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> =>
      (control.evaluate as (f: unknown, a: unknown) => Promise<unknown>)(fn, arg) as Promise<R>;
    const setSettings = (settings: unknown) => inExtension((s) => chrome.storage.local.set({ settings: s }), settings);
    // Secrets go the way the options page sends them (the background keeps them encrypted
    // in its IndexedDB, bound to the endpoints set now), not into storage.local.
    const setSecrets = async (secrets: unknown) => {
      const reply = (await inExtension((s) => chrome.runtime.sendMessage({ channel: 'undercurrent', name: 'saveSecrets', data: { secrets: s } }), secrets)) as { ok?: boolean } | undefined;
      if (!reply?.ok) throw new Error(`saveSecrets was refused: ${JSON.stringify(reply)}`);
    };
    if (opts.settings) await setSettings(opts.settings);
    if (opts.secrets) await setSecrets(opts.secrets);

    const tabIdOf = async (page: Page) => {
      // Tab URLs are visible to the add-on through its host permissions; without them
      // (withheld), the page's tab is found as the active one once brought to the front.
      const access = await inExtension(() => chrome.permissions.contains({ origins: ['http://*/*', 'https://*/*'] }), null);
      if (!access) {
        await page.bringToFront();
        return until('the active tab', async () => (await inExtension(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null, null)) ?? undefined);
      }
      return until(`a tab for ${page.url()}`, async () => {
        const id = await inExtension(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, page.url());
        return id ?? undefined;
      });
    };

    // The add-on's parent-process object, reached from Firefox's chrome window (system access).
    const inParent = async (body: string): Promise<unknown> => {
      const connection = (ff as unknown as { connection: { send(method: string, params: unknown): Promise<{ result: any }> } }).connection;
      const { result: tree } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
      const context = (tree.contexts as { context: string; url: string }[]).find((c) => c.url.startsWith('chrome://browser/'))!.context;
      const expression = `(async () => { const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs'); const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}); ${body} })()`;
      const { result } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
      if (result.type !== 'success') throw new Error(`In Firefox's parent process: ${JSON.stringify(result.exceptionDetails?.text ?? result)}`);
      return result.result.value;
    };

    return {
      browser: ff,
      uuid,
      version,
      control,
      inExtension,
      setSettings,
      setSecrets,
      send: (name, data) => inExtension((m) => chrome.runtime.sendMessage({ channel: 'undercurrent', name: m.name, data: m.data }), { name, data }) as never,
      async openPage(url, size = { width: 1280, height: 900 }) {
        const page = await ff.newPage();
        await page.setViewport(size);
        await page.goto(url, { waitUntil: 'load' });
        return page;
      },
      openExtensionPage,
      tabIdOf,
      async waitForTopic(page) {
        const tabId = await tabIdOf(page);
        const entry = await until(`tab ${tabId} to report its topic`, async () => {
          const e = await inExtension(async (id) => {
            // One session key per tab (utils/context/tab-topics.ts).
            const key = `tabTopic:${id}`;
            return ((await chrome.storage.session.get(key))[key] as { topic: unknown } | undefined) ?? null;
          }, tabId);
          return e ?? undefined;
        });
        return entry.topic;
      },
      async openPopupFor(page, size = { width: 400, height: 640 }) {
        return openExtensionPage(`popup.html?tabId=${await tabIdOf(page)}`, size);
      },
      backgroundState: async () => String(await inParent('return String(ext.backgroundState);')),
      async terminateBackground() {
        await inParent('await ext.terminateBackground(); return null;');
      },
      async close() {
        await ff.close();
      },
    };
  } catch (err) {
    await ff.close();
    throw err;
  }
}
