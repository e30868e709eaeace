// End-to-end harness: the built extension in Debian's Chromium (playwright-core),
// fixture pages served from 127.0.0.1, settings pointed at fake upstreams, screenshots kept.
//
// Reading the page UI (sidebar, hover cards, names list). It lives in a CLOSED shadow
// root on <undercurrent-ui>, so neither page scripts nor Playwright's CSS locators nor
// page.evaluate can reach into it. Tests go through the DevTools protocol instead, which
// does not weaken the product: `const ui = pageUi(page)`, then, with CSS selectors matched
// inside the shadow root (`tid('beat-name')` is `[data-testid="beat-name"]`):
//   await ui.waitFor(tid('sidebar'))               // exists and is visible ({ state: 'attached' | 'hidden' | 'detached' })
//   await ui.text(tid('beat-name'))                // textContent of the first match, or null
//   await ui.count(tid('key-voice'))               // how many match
//   await ui.visible(tid('sidebar'))               // laid out, not hidden
//   await ui.box(tid('sidebar'))                   // viewport box {x, y, width, height}, or null
//   await ui.click(tid('sidebar-tab'))             // a real (trusted) mouse click at its centre
//   await ui.hover(sel) / ui.focus(sel)            // real pointer move / DOM focus
//   await ui.evaluate(sel, (el, arg) => …, arg)    // runs in a harness-only world; returns JSON
//   await ui.activeTestId()                        // data-testid of the focused element inside the root
//   await ui.attached()                            // whether <undercurrent-ui> is in the page
// Underlines are CSS Custom Highlight ranges, not elements: `highlights(page)` lists the
// highlighted texts with where they sit, read in a harness-only world (the page's patched
// built-ins cannot interfere). Keys go through `page.keyboard` as usual.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { privacyViolations, startRecordingProxy, type ProxiedExchange } from './recording-proxy';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The built extension; `E2E_EXTENSION_DIR` points the tests at another build (e.g. an older commit's, to see a regression test fail). */
export const EXTENSION_DIR = process.env.E2E_EXTENSION_DIR || join(ROOT, '.output/chrome-mv3');
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
  /** Saves secrets through the background (as the options page does), bound to the endpoints set now. */
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
    /** Extra Chromium switches, e.g. `--host-resolver-rules=MAP memo.corp 127.0.0.1` (the recording proxy follows its MAP rules). */
    args?: string[];
    /** Names this test's user chose to look up: allowed to leave the browser. */
    allowNames?: string[];
    /** Hosts reached directly, not through the recording proxy (HSTS-preloaded names served over TLS from loopback); the test checks their traffic itself. */
    proxyBypass?: string[];
  } = {},
): Promise<Extension> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npx wxt build\` first (npm test does).`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'undercurrent-e2e-'));
  // All traffic, loopback included (`<-loopback>`), goes through the recording proxy.
  // With a proxy, names are resolved by the proxy: it follows the test's MAP rules.
  const hostMap = Object.fromEntries(
    (opts.args ?? [])
      .filter((a) => a.startsWith('--host-resolver-rules='))
      .flatMap((a) => a.slice('--host-resolver-rules='.length).split(','))
      .map((rule) => rule.trim().split(/\s+/))
      .filter((r) => r[0] === 'MAP' && r.length === 3)
      .map((r) => [r[1]!, r[2]!]),
  );
  const proxy = await startRecordingProxy({ hostMap });
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
      ...(opts.args ?? []),
      `--proxy-server=${proxy.url}`,
      `--proxy-bypass-list=${['<-loopback>', ...(opts.proxyBypass ?? [])].join(';')}`,
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;

  const setSettings = (settings: unknown) => sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
  // Secrets go the way the options page sends them: a saveSecrets message from an
  // extension page, bound by the background to the endpoints in the settings now.
  const setSecrets = async (secrets: unknown) => {
    const page = await context.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      const reply = (await page.evaluate((s) => chrome.runtime.sendMessage({ channel: 'undercurrent', name: 'saveSecrets', data: { secrets: s } }), secrets)) as { ok?: boolean } | undefined;
      if (!reply?.ok) throw new Error(`saveSecrets was refused: ${JSON.stringify(reply)}`);
    } finally {
      await page.close();
    }
  };
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
          const key = `tabTopic:${id}`;
          return ((await chrome.storage.session.get(key))[key] as { topic: unknown } | undefined) ?? null;
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
 * beside it with extra response headers (e.g. a strict Content-Security-Policy). A request
 * for a mapped host (`--host-resolver-rules=MAP news.ycombinator.com 127.0.0.1`) is served
 * from `sites/<host>/` when that folder exists, and `/item` from `item.html` there, so a
 * fixture can stand at a real site's address and path.
 */
export async function startFixtureServer(): Promise<{ url: string; close(): Promise<void> }> {
  const root = join(ROOT, 'tests/fixtures/pages');
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const site = /^[a-z0-9.-]+$/.test(host) && !host.startsWith('.') ? join(root, 'sites', host) : '';
    const base = site && existsSync(site) ? site : root;
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(base, path);
    if (base !== root && !existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
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

/** A CSS selector for a `data-testid`. */
export const tid = (id: string) => `[data-testid="${id}"]`;

type Box = { x: number; y: number; width: number; height: number };

/** The page UI inside its closed shadow root, read and driven through the DevTools protocol (see the top of this file). */
export interface PageUiHandle {
  attached(): Promise<boolean>;
  /** Resolves when `selector` is in the state (default `visible`); throws after `timeout` ms (default 10 s). */
  waitFor(selector: string, opts?: { state?: 'attached' | 'visible' | 'hidden' | 'detached'; timeout?: number }): Promise<void>;
  count(selector: string): Promise<number>;
  text(selector: string): Promise<string | null>;
  visible(selector: string): Promise<boolean>;
  box(selector: string): Promise<Box | null>;
  click(selector: string): Promise<void>;
  hover(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  evaluate<T, A = undefined>(selector: string, fn: (el: Element, arg: A) => T, arg?: A): Promise<T>;
  activeTestId(): Promise<string | null>;
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdpOf(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  return s;
}

/** An execution context of the harness's own in the page's main frame: page scripts cannot patch its built-ins. */
async function harnessWorld(cdp: CDPSession): Promise<number> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'undercurrent-e2e-harness' });
  return executionContextId;
}

/** Runs `fn` in the harness world of the page (not the page's, not the extension's) and returns its JSON value. */
export async function evaluateInHarnessWorld<T, A = undefined>(page: Page, fn: (arg: A) => T, arg?: A): Promise<T> {
  const cdp = await cdpOf(page);
  const contextId = await harnessWorld(cdp);
  const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
    functionDeclaration: fn.toString(),
    executionContextId: contextId,
    arguments: [{ value: arg ?? null }],
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(`evaluateInHarnessWorld: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

/** Reaches the closed shadow root of `<undercurrent-ui>` in `page`. */
export function pageUi(page: Page): PageUiHandle {
  const shadowRootId = async (cdp: CDPSession): Promise<number | null> => {
    // pierce: the protocol reports closed shadow roots too.
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack: CdpNode[] = [root as CdpNode];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.nodeName === 'UNDERCURRENT-UI') return n.shadowRoots?.[0]?.nodeId ?? null;
      stack.push(...(n.children ?? []));
    }
    return null;
  };
  const nodes = async (selector: string): Promise<{ cdp: CDPSession; ids: number[] }> => {
    const cdp = await cdpOf(page);
    const root = await shadowRootId(cdp);
    if (root === null) return { cdp, ids: [] };
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root, selector });
    return { cdp, ids: nodeIds };
  };
  const callOn = async <T,>(selector: string, fn: string, arg: unknown): Promise<T | undefined> => {
    const { cdp, ids } = await nodes(selector);
    if (!ids.length) return undefined;
    const contextId = await harnessWorld(cdp);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: ids[0], executionContextId: contextId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: fn,
      objectId: object.objectId,
      arguments: [{ objectId: object.objectId }, { value: arg ?? null }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`pageUi(${selector}): ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  const isVisible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !(el as HTMLElement).closest('[hidden]');
  };
  const ui: PageUiHandle = {
    async attached() {
      const cdp = await cdpOf(page);
      return (await shadowRootId(cdp)) !== null;
    },
    async count(selector) {
      return (await nodes(selector)).ids.length;
    },
    async text(selector) {
      return (await callOn<string | null>(selector, 'function (el) { return el.textContent; }', null)) ?? null;
    },
    async visible(selector) {
      return (await callOn<boolean>(selector, `function (el) { return (${isVisible.toString()})(el); }`, null)) ?? false;
    },
    async box(selector) {
      return (
        (await callOn<Box>(selector, 'function (el) { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }', null)) ?? null
      );
    },
    async waitFor(selector, opts = {}) {
      const state = opts.state ?? 'visible';
      const deadline = Date.now() + (opts.timeout ?? 10_000);
      for (;;) {
        const n = await ui.count(selector);
        const ok =
          state === 'attached' ? n > 0 : state === 'detached' ? n === 0 : state === 'visible' ? n > 0 && (await ui.visible(selector)) : n === 0 || !(await ui.visible(selector));
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`pageUi: ${selector} never became ${state}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async click(selector) {
      await ui.waitFor(selector);
      await callOn(selector, "function (el) { el.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }", null);
      const b = (await ui.box(selector))!;
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    },
    async hover(selector) {
      await ui.waitFor(selector);
      const b = (await ui.box(selector))!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 3 });
    },
    async focus(selector) {
      const { cdp, ids } = await nodes(selector);
      if (!ids.length) throw new Error(`pageUi: nothing matches ${selector}`);
      await cdp.send('DOM.focus', { nodeId: ids[0] });
    },
    async evaluate(selector, fn, arg) {
      if (!(await ui.count(selector))) throw new Error(`pageUi: nothing matches ${selector}`);
      return (await callOn(selector, `function (el, arg) { return (${fn.toString()})(el, arg); }`, arg)) as never;
    },
    async activeTestId() {
      // The shadow root's activeElement, read through the root node itself.
      const cdp = await cdpOf(page);
      const root = await shadowRootId(cdp);
      if (root === null) return null;
      const contextId = await harnessWorld(cdp);
      const { object } = await cdp.send('DOM.resolveNode', { nodeId: root, executionContextId: contextId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: 'function () { const a = this.activeElement; return a ? (a.getAttribute("data-testid") ?? a.tagName.toLowerCase()) : null; }',
        objectId: object.objectId,
        returnByValue: true,
      });
      return result.value as string | null;
    },
  };
  return ui;
}

/** One highlighted (underlined) text in the page, from the CSS Custom Highlight registry. */
export interface HighlightedText {
  /** The highlight it is in: `undercurrent` (known names) or `undercurrent-new`. */
  highlight: string;
  text: string;
  /** Tag names from the text's parent up to <body>, to check where underlines sit. */
  path: string[];
  /** Whether the text is inside an editable area. */
  editable: boolean;
  /** Viewport box of the first line of the text. */
  box: Box | null;
}

/** Every text the extension's highlights cover (only inside `within`, a CSS selector, if given), read in the harness world. */
export function highlights(page: Page, within?: string): Promise<HighlightedText[]> {
  return evaluateInHarnessWorld(
    page,
    (sel) => {
    const out: { highlight: string; text: string; path: string[]; editable: boolean; box: { x: number; y: number; width: number; height: number } | null }[] = [];
    const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    if (!reg) return out;
    for (const name of ['undercurrent', 'undercurrent-new']) {
      const h = reg.get(name);
      if (!h) continue;
      for (const r of h) {
        if (sel && !r.startContainer.parentElement?.closest(sel)) continue;
        const path: string[] = [];
        for (let el = r.startContainer.parentElement; el && el !== document.body; el = el.parentElement) path.push(el.tagName.toLowerCase());
        const rect = r.getClientRects()[0];
        const editable = !!r.startContainer.parentElement?.closest('[contenteditable]:not([contenteditable="false"])');
        out.push({ highlight: name, text: r.toString(), path, editable, box: rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null });
      }
    }
    return out;
    },
    within ?? null,
  );
}

/** Moves the real pointer to the middle of the first highlighted occurrence of `text` (inside `within`, if given), scrolled into view. */
export async function hoverHighlight(page: Page, text: string, within?: string): Promise<Box> {
  await evaluateInHarnessWorld(
    page,
    ({ t, sel }) => {
      const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
      for (const name of ['undercurrent', 'undercurrent-new'])
        for (const r of reg?.get(name) ?? []) if (r.toString() === t && (!sel || r.startContainer.parentElement?.closest(sel))) return r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    },
    { t: text, sel: within ?? null },
  );
  const found = (await highlights(page, within)).find((h) => h.text === text && h.box);
  if (!found?.box) throw new Error(`hoverHighlight: no highlighted "${text}" on the page`);
  const { x, y, width, height } = found.box;
  await page.mouse.move(x + width / 2, y + height / 2, { steps: 4 });
  return found.box;
}

/** Moves the real pointer to the middle of the first occurrence of `text` in the page's text (inside `within`), scrolled into view; whether or not it is highlighted. */
export async function pointAtText(page: Page, text: string, within = 'body'): Promise<Box> {
  const box = await evaluateInHarnessWorld(
    page,
    ({ t, sel }) => {
      const root = document.querySelector(sel);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const i = n.data.indexOf(t);
        if (i < 0) continue;
        n.parentElement?.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + t.length);
        const rect = r.getClientRects()[0];
        return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
      }
      return null;
    },
    { t: text, sel: within },
  );
  if (!box) throw new Error(`pointAtText: no "${text}" in ${within}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  return box;
}

/** Resolves once the UI script's first highlight pass has finished (its user-timing mark). */
export async function highlightPassDone(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('undercurrent:highlight-end').length > 0, undefined, { timeout });
}
