// Feed mode while scrolling a 500-post X-shaped feed (tests/fixtures/pages/feeds/x.html:
// virtualised, appends as it scrolls), with the extension against a browser without it.
// Scrolled with the real wheel, a screen at a time, waiting after each step until the AI
// posts in view have their chips (a reader's pace). Reported: the longest task and tasks
// over 50 ms in both browsers, each post's detection + chip + underline time (the feed
// script's own user-timing marks), and the extra main-thread time per 100 posts
// (Chromium's TaskDuration metric, with minus without). `npm run bench -- feeds`.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EXTENSION_DIR, loopbackSettings } from '../tests/e2e/harness';
import { feedBrowserArgs, startFeedServer } from '../tests/e2e/feed-harness';
import { startFakeHostedApi } from '../tests/fixtures/servers/hosted-api';
import type { BenchRow } from './types';

const POSTS = Number(process.env.UC_FEED_POSTS ?? 500);
const ROUNDS = Number(process.env.UC_FEED_ROUNDS ?? 2);
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
}

async function browser(ext: boolean, hostedApi: string): Promise<{ ctx: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'uc-bench-feeds-'));
  const { args } = feedBrowserArgs();
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [...ARGS, ...args, ...(ext ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : [])],
  });
  if (ext) {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    await sw.evaluate((s) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({ settings: s }), loopbackSettings({ hostedApi, ...(process.env.UC_FEED_NO_NAMES ? { ui: { highlights: false } } : {}) }));
  }
  return { ctx, close: async () => { await ctx.close(); rmSync(dir, { recursive: true, force: true }); } };
}

interface Run {
  taskMs: number;
  longest: number;
  over50: number;
  posts: number;
  postMs: number[];
  sliceMs: number[];
}

/** Scrolls the whole feed once; returns what the page and Chromium measured. */
async function scrollFeed(page: Page, url: string, ext: boolean): Promise<Run> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __feed?: unknown }).__feed);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
  // Long tasks of the page's own load are not the scroll's.
  await page.evaluate(() => ((window as unknown as { __long: number[] }).__long.length = 0));
  const before = await metric();
  await page.mouse.move(640, 450);
  for (let step = 0; step < 400; step++) {
    const { y, end } = await page.evaluate((max) => ({ y: scrollY, end: (window as unknown as { __feed: { items: unknown[] } }).__feed.items.length >= max && scrollY + innerHeight >= document.documentElement.scrollHeight - 2 }), POSTS);
    if (end) break;
    await page.mouse.wheel(0, 800);
    await page.waitForFunction((was) => scrollY !== was, y);
    if (ext) {
      // A reader's pace: the AI posts in view have their chips before the next screen.
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-ai="true"]')).every((el) => {
          const r = el.getBoundingClientRect();
          return r.bottom <= 0 || r.top >= innerHeight || el.querySelector('undercurrent-chip');
        }),
      );
    } else {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
  }
  const taskMs = (await metric()) - before;
  const out = await page.evaluate(() => {
    const slices = performance.getEntriesByName('undercurrent:feed-slice').map((m) => (m as PerformanceMark).detail as { items: number; ms: number; postMs: number[] });
    const long = (window as unknown as { __long: number[] }).__long;
    return { long, posts: slices.reduce((n, s) => n + s.items, 0), postMs: slices.flatMap((s) => s.postMs), sliceMs: slices.map((s) => s.ms), items: (window as unknown as { __feed: { items: unknown[] } }).__feed.items.length };
  });
  await cdp.detach();
  return { taskMs, longest: Math.max(0, ...out.long), over50: out.long.filter((d) => d > 50).length, posts: ext ? out.posts : out.items, postMs: out.postMs, sliceMs: out.sliceMs };
}

export default async function run(): Promise<BenchRow[]> {
  const feeds = await startFeedServer();
  const api = await startFakeHostedApi();
  const ours = await browser(true, api.url);
  const plain = await browser(false, api.url);
  const url = feeds.url('x', `?max=${POSTS}&virtual=1`);
  const runs = { ours: [] as Run[], plain: [] as Run[] };
  try {
    // Warm the beat figures' cache (a reader's second feed of the day), then measure in turns.
    const warm = await ours.ctx.newPage();
    await warm.goto(url);
    await warm.waitForFunction(() => document.querySelector('undercurrent-chip'), undefined, { timeout: 30_000 });
    await warm.close();
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, b] of [['plain', plain], ['ours', ours]] as const) {
        const page = await b.ctx.newPage();
        runs[name].push(await scrollFeed(page, url, name === 'ours'));
        await page.close();
      }
    }
  } finally {
    await ours.close();
    await plain.close();
    await feeds.close();
    await api.close();
  }
  const postMs = runs.ours.flatMap((r) => r.postMs);
  const per100 = runs.ours.map((r, i) => ((r.taskMs - runs.plain[i]!.taskMs) / r.posts) * 100);
  const sizes = (f: string) => gzipSync(readFileSync(join(EXTENSION_DIR, 'content-scripts', f))).length / 1024;
  const range = (xs: number[], d = 1) => `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}`;
  return [
    { name: 'feeds: posts read per scroll of the 500-post feed', value: Math.round(runs.ours.reduce((n, r) => n + r.posts, 0) / runs.ours.length), unit: 'posts', note: `${ROUNDS} rounds` },
    { name: 'feeds: detection + chip + underlines per post (median)', value: quantile(postMs, 0.5), unit: 'ms', budget: '≤ 0.3', note: `p95 ${quantile(postMs, 0.95).toFixed(3)} ms, max ${Math.max(...postMs).toFixed(2)} ms, ${postMs.length} posts` },
    { name: 'feeds: longest feed slice', value: Math.max(...runs.ours.flatMap((r) => r.sliceMs)), unit: 'ms', note: 'idle-time slices of ≤ 4 ms planned' },
    { name: 'feeds: tasks over 50 ms while scrolling, with Undercurrent', value: runs.ours.reduce((n, r) => n + r.over50, 0), unit: 'tasks', budget: '0', note: `without: ${runs.plain.reduce((n, r) => n + r.over50, 0)} (all ${ROUNDS} rounds)` },
    { name: 'feeds: longest task while scrolling, with / without Undercurrent', value: Math.max(...runs.ours.map((r) => r.longest)), unit: 'ms', note: `without ${Math.max(...runs.plain.map((r) => r.longest)).toFixed(0)} ms (0 = no task over 50 ms)` },
    { name: 'feeds: extra main-thread time per 100 posts scrolled', value: per100.reduce((a, b) => a + b, 0) / per100.length, unit: 'ms', budget: '≤ 30', note: `rounds ${range(per100)} ms; TaskDuration with ${range(runs.ours.map((r) => r.taskMs), 0)} / without ${range(runs.plain.map((r) => r.taskMs), 0)} ms` },
    { name: 'feeds: feed script, gzipped (injected on the five sites only)', value: sizes('feed.js'), unit: 'KB' },
    { name: 'feeds: always-on detector script, gzipped', value: sizes('content.js'), unit: 'KB', budget: '≤ 15' },
  ];
}
