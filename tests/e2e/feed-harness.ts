// Feed fixtures served as the real sites: one loopback server answers for x.com, bsky.app,
// www.reddit.com, mastodon.social and news.ycombinator.com (Chromium is told to resolve
// those names to 127.0.0.1, and so is the recording proxy), each host getting its page
// shaped like that site's feed. Plus readers for the chips, whose contents sit in closed
// shadow roots (read through the DevTools protocol, as pageUi does).
//
// bsky.app and reddit.com are on Chromium's HSTS preload list: the browser only ever asks
// for them over https, which the recording proxy does not intercept. Those two are served
// over TLS (a throwaway self-signed certificate, accepted with --ignore-certificate-errors)
// and reached directly; the spec then checks every request the proxy saw against their
// posts and handles itself.
import { createServer, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT } from './harness';

export const FEED_HOSTS = {
  x: { host: 'x.com', path: '/home', file: 'x.html', tls: false },
  bluesky: { host: 'bsky.app', path: '/', file: 'bluesky.html', tls: true },
  reddit: { host: 'www.reddit.com', path: '/r/technology/', file: 'reddit.html', tls: true },
  mastodon: { host: 'mastodon.social', path: '/home', file: 'mastodon.html', tls: false },
  hackernews: { host: 'news.ycombinator.com', path: '/news', file: 'hackernews.html', tls: false },
} as const;

/** Launch options for a browser that reaches the fixture feeds at their real names. */
export function feedBrowserArgs(): { args: string[]; proxyBypass: string[] } {
  return {
    args: [`--host-resolver-rules=${Object.values(FEED_HOSTS).map((s) => `MAP ${s.host} 127.0.0.1`).join(',')}`, '--ignore-certificate-errors'],
    proxyBypass: Object.values(FEED_HOSTS).filter((s) => s.tls).map((s) => s.host),
  };
}

/** A self-signed certificate for the TLS-served hosts, made for this run. */
function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'undercurrent-feeds-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=undercurrent-feed-fixtures', '-addext', `subjectAltName=${Object.values(FEED_HOSTS).map((s) => `DNS:${s.host}`).join(',')}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
export type FeedFixture = keyof typeof FEED_HOSTS;

const DIR = join(ROOT, 'tests/fixtures/pages/feeds');

/** Serves each site's fixture feed for any path on its host name; `/_feeds/posts.js` on all. */
export async function startFeedServer(): Promise<{ url(site: FeedFixture, query?: string): string; close(): Promise<void> }> {
  const handler: RequestListener = (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/_feeds/posts.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(DIR, 'posts.js')));
      return;
    }
    const site = Object.values(FEED_HOSTS).find((s) => s.host === host);
    if (!site || path.includes('.')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(DIR, site.file)));
  };
  const plain = createServer(handler);
  const tls = createTlsServer(throwawayCertificate(), handler);
  await Promise.all([plain, tls].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  const port = (plain.address() as AddressInfo).port;
  const tlsPort = (tls.address() as AddressInfo).port;
  return {
    url: (site, query = '') => {
      const s = FEED_HOSTS[site];
      return s.tls ? `https://${s.host}:${tlsPort}${s.path}${query}` : `http://${s.host}:${port}${s.path}${query}`;
    },
    close: async () => {
      await Promise.all([plain, tls].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

/** Posts in the page now: their fixture id, whether the fixture says it is about AI, how many chip hosts it holds, and whether it is in the viewport. */
export function postsInPage(page: Page): Promise<{ id: string; ai: boolean; chips: number; inView: boolean }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-post]'), (el) => {
      // Mastodon's data-post is on the inner .status; the others on the post container.
      const r = el.getBoundingClientRect();
      return { id: el.dataset.post!, ai: el.dataset.ai === 'true', chips: el.querySelectorAll('undercurrent-chip').length, inView: r.bottom > 0 && r.top < innerHeight && r.height > 0 };
    }),
  );
}

/** Chip hosts anywhere in the page (inside a post or not). */
export const chipCount = (page: Page) => page.evaluate(() => document.querySelectorAll('undercurrent-chip').length);

/** Layout shifts the page recorded (its own PerformanceObserver, from before the first paint). */
export const layoutShifts = (page: Page) => page.evaluate(() => (window as unknown as { __layoutShifts: { value: number; sources: string[] }[] }).__layoutShifts);

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** The text of every chip (read from its closed shadow root) with the fixture id of its post. */
export async function chipTexts(page: Page): Promise<{ post: string | null; text: string }[]> {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  const cdp = await s;
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const out: { post: string | null; text: string }[] = [];
  const textOf = (n: CdpNode): string => (n.nodeName === 'STYLE' ? '' : n.nodeName === '#text' ? (n.nodeValue ?? '') : (n.children ?? []).map(textOf).join(''));
  const stack: CdpNode[] = [root as CdpNode];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeName === 'UNDERCURRENT-CHIP') {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: n.backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        functionDeclaration: 'function () { const p = this.closest("[data-post]") || this.closest("article, shreddit-post, tr")?.querySelector("[data-post]"); return p ? p.getAttribute("data-post") : null; }',
        returnByValue: true,
      });
      out.push({ post: (result.value as string | null) ?? null, text: (n.shadowRoots ?? []).map(textOf).join('').replace(/\s+/g, ' ').trim() });
    }
    stack.push(...(n.children ?? []), ...(n.shadowRoots ?? []));
  }
  return out;
}
