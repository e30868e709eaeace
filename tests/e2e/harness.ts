// End-to-end harness: the built extension in Debian's Chromium (playwright-core),
// fixture pages served from 127.0.0.1, settings pointed at fake upstreams, screenshots kept.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { privacyViolations, startRecordingProxy, type ProxiedExchange } from './recording-proxy';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');
// Functions passed to sw.evaluate run in the service worker, where `chrome` is global.
declare const chrome: typeof import('wxt/browser').browser;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let announced = false;

/**
 * Saves a screenshot under test-results/screenshots and returns its path; `docs` also
 * writes it to docs/screenshots/<docs>.png, so the README shows what the tests saw.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean; docs?: string } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  if (opts.docs) copyFileSync(path, join(ROOT, 'docs/screenshots', `${opts.docs}.png`));
  if (!announced) {
    announced = true;
    console.log(`[e2e] screenshots: ${SCREENSHOT_DIR}`);
  }
  return path;
}

export interface Extension {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  /** Replaces the stored settings (parsed with defaults by the extension). */
  setSettings(settings: unknown): Promise<void>;
  setSecrets(secrets: unknown): Promise<void>;
  /** Opens the popup for the tab showing `page`, in a tab of its own (popup.html?tabId=N). */
  openPopupFor(page: Page, opts?: { width?: number; height?: number }): Promise<Page>;
  /** Resolves once the tab of `page` has reported its topic (or null) to the background. */
  waitForTopic(page: Page): Promise<unknown>;
  /** Everything the browser sent so far, as the recording proxy saw it. */
  traffic: ProxiedExchange[];
  /** Closes the browser, then fails if the recording breaks README's privacy promise. */
  close(): Promise<void>;
}

/** Launches Chromium with the built extension and a fresh profile. */
export async function launchExtension(
  opts: {
    settings?: unknown;
    secrets?: unknown;
    headless?: boolean;
    /** Names this test's user chose to look up: allowed to leave the browser. */
    allowNames?: string[];
  } = {},
): Promise<Extension> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npx wxt build\` first (npm test does).`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'undercurrent-e2e-'));
  // All traffic, loopback included (`<-loopback>`), goes through the recording proxy.
  const proxy = await startRecordingProxy();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      `--proxy-server=${proxy.url}`,
      '--proxy-bypass-list=<-loopback>',
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;

  const setSettings = (settings: unknown) => sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
  const setSecrets = (secrets: unknown) => sw.evaluate((s) => chrome.storage.local.set({ secrets: s }), secrets);
  if (opts.settings) await setSettings(opts.settings);
  if (opts.secrets) await setSecrets(opts.secrets);

  const tabIdOf = async (page: Page): Promise<number> => {
    const url = page.url();
    for (let i = 0; i < 50; i++) {
      const id = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
      if (id !== null) return id;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`No tab found for ${url}`);
  };

  return {
    context,
    sw,
    extensionId,
    setSettings,
    setSecrets,
    async waitForTopic(page) {
      const tabId = await tabIdOf(page);
      for (let i = 0; i < 100; i++) {
        const entry = await sw.evaluate(async (id) => {
          const { tabTopics } = await chrome.storage.session.get('tabTopics');
          return (tabTopics as Record<string, { topic: unknown }> | undefined)?.[String(id)] ?? null;
        }, tabId);
        if (entry) return entry.topic;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Tab ${tabId} never reported a topic`);
    },
    async openPopupFor(page, size = {}) {
      const tabId = await tabIdOf(page);
      const popup = await context.newPage();
      await popup.setViewportSize({ width: size.width ?? 400, height: size.height ?? 640 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
      return popup;
    },
    traffic: proxy.exchanges,
    async close() {
      await context.close();
      await proxy.close();
      rmSync(userDataDir, { recursive: true, force: true });
      const violations = privacyViolations(proxy.exchanges, { allowNames: opts.allowNames });
      if (violations.length) {
        throw new Error(`Privacy: ${violations.length} request(s) carried what must stay on this machine:\n${violations.slice(0, 10).map((v) => `  ${v.what} → ${v.url}`).join('\n')}`);
      }
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves tests/fixtures/pages on 127.0.0.1. A file `X.html` may have `X.headers.json`
 * beside it with extra response headers (e.g. a strict Content-Security-Policy).
 */
export async function startFixtureServer(): Promise<{ url: string; close(): Promise<void> }> {
  const base = join(ROOT, 'tests/fixtures/pages');
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(base, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    // Client-side routes of the SPA fixtures fall back to their shell.
    if (!existsSync(file) && existsSync(join(base, path.split('/')[1] ?? '', 'index.html'))) file = join(base, path.split('/')[1]!, 'index.html');
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headersFile = file.replace(/\.html$/, '.headers.json');
    const extra = headersFile !== file && existsSync(headersFile) ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>) : {};
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...extra });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Settings that keep every upstream on loopback: a closed port unless a fake server is given. */
export function loopbackSettings(overrides: {
  hostedApi?: string;
  endpoints?: Partial<Record<'blueskyService' | 'hackernews' | 'gdelt' | 'mastodon' | 'huggingface' | 'anthropic', string>>;
  [k: string]: unknown;
} = {}): Record<string, unknown> {
  // Closed ports, one per upstream, so each fails at once as it would offline (a shared
  // host would queue the sources behind one another's rate limits).
  const dead = (port: number) => `http://127.0.0.1:${port}`;
  const { hostedApi, endpoints, ...rest } = overrides;
  return {
    hostedApi: { baseUrl: hostedApi ?? '' },
    endpoints: {
      blueskyService: dead(1),
      hackernews: dead(2),
      gdelt: dead(3),
      mastodon: dead(4),
      huggingface: dead(5),
      anthropic: dead(6),
      ...endpoints,
    },
    ...rest,
  };
}
