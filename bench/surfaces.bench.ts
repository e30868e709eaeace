// What a person feels in Chromium, side by side in one run: page load with the extension
// and without it (a non-AI page and the AI article with its sidebar), cached context →
// painted sidebar, popup first paint with a cached context, and the highlight pass on a
// 5,000-node page (with the longest main-thread task). Reads the user-timing marks the UI
// sets (`undercurrent:*`).
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EXTENSION_DIR, ROOT, launchExtension, loopbackSettings, startFixtureServer } from '../tests/e2e/harness';
import { startFakeHostedApi } from '../tests/fixtures/servers/hosted-api';
import type { BenchRow } from './types';

const ROUNDS = 12;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function loadTime(ctx: BrowserContext, url: string): Promise<number> {
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const t = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  await page.close();
  return t;
}

/** Waits for a user-timing mark in the page (marks from content scripts share the frame's timeline). */
async function mark(page: Page, name: string, timeout = 15_000): Promise<number> {
  const handle = await page.waitForFunction((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? null, name, { timeout });
  return (await handle.jsonValue()) as number;
}

/** A long article page with 5,000 elements that name models and labs. */
function bigPage(dir: string): string {
  const names = ['DeepSeek V3', 'Hugging Face', 'Mistral AI', 'Llama 3.1', 'OpenAI', 'Anthropic', 'Qwen 2.5'];
  const paras: string[] = [];
  for (let i = 0; i < 2500; i++) {
    const n = names[i % names.length];
    paras.push(`<p>Paragraph ${i}: the open-weights model <em>${n}</em> was benchmarked by researchers against other language models and released on Hugging Face.</p>`);
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Open-weights models compared: DeepSeek V3, Llama 3.1 and Qwen</title>
<meta name="description" content="A long comparison of open-weights AI models."></head><body><main><article><h1>Open-weights models compared</h1>${paras.join('\n')}</article></main></body></html>`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'big.html'), html);
  return 'bench/big.html';
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  const bigPath = bigPage(join(ROOT, 'tests/fixtures/pages/bench'));
  const pages = await startFixtureServer();
  const api = await startFakeHostedApi();
  const rows: BenchRow[] = [];
  const plainDir = mkdtempSync(join(tmpdir(), 'uc-bench-plain-'));
  const plain = await chromium.launchPersistentContext(plainDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const ext = await launchExtension({
    settings: loopbackSettings({ hostedApi: api.url, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } }),
  });
  try {
    await ext.sw.evaluate(() => chrome.storage.local.set({ uiSidebarOpen: { '127.0.0.1': true } }));

    // 1. Page load, with and without the extension, interleaved so drift hits both.
    for (const [label, path, budget] of [
      ['non-AI page', '/plain/sourdough.html', '≤ 1.01'],
      ['AI article with sidebar', '/ui/article.html', '≤ 1.05'],
    ] as const) {
      const without: number[] = [];
      const withExt: number[] = [];
      await loadTime(plain, `${pages.url}${path}`); // warm both
      await loadTime(ext.context, `${pages.url}${path}`);
      for (let i = 0; i < ROUNDS; i++) {
        without.push(await loadTime(plain, `${pages.url}${path}`));
        withExt.push(await loadTime(ext.context, `${pages.url}${path}`));
      }
      rows.push({ name: `page load, ${label}: without extension (median)`, value: median(without), unit: 'ms' });
      rows.push({ name: `page load, ${label}: with extension (median)`, value: median(withExt), unit: 'ms' });
      rows.push({ name: `page load ratio with/without, ${label}`, value: median(withExt) / median(without), unit: '×', budget });
    }

    // 2. Cached context → painted sidebar (the first visit warms the cache).
    const article = await ext.context.newPage();
    await article.goto(`${pages.url}/ui/article.html`);
    await mark(article, 'undercurrent:context-painted');
    const sidebar: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await article.reload();
      const painted = await mark(article, 'undercurrent:context-painted');
      const requested = await article.evaluate(() => performance.getEntriesByName('undercurrent:context-requested').at(-1)!.startTime);
      sidebar.push(painted - requested);
    }
    rows.push({ name: 'cached context → painted sidebar (median)', value: median(sidebar), unit: 'ms', budget: '≤ 50', note: `max ${Math.max(...sidebar).toFixed(1)} ms` });

    // 3. Popup first paint with a cached context (time since the popup's navigation start).
    const popupTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const popup = await ext.openPopupFor(article);
      popupTimes.push(await mark(popup, 'undercurrent:context-painted'));
      await popup.close();
    }
    rows.push({ name: 'popup first paint with a cached context (median)', value: median(popupTimes), unit: 'ms', budget: '≤ 100', note: `max ${Math.max(...popupTimes).toFixed(1)} ms` });

    // 4. Highlight pass on a 5,000-element page, and the longest task while it runs.
    const pass: number[] = [];
    const longest: number[] = [];
    for (let i = 0; i < 5; i++) {
      const big = await ext.context.newPage();
      await big.addInitScript(() => {
        (window as unknown as { __longest: number }).__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            const w = window as unknown as { __longest: number };
            w.__longest = Math.max(w.__longest, e.duration);
          }
        }).observe({ type: 'longtask', buffered: true });
      });
      await big.goto(`${pages.url}/${bigPath}`);
      const end = await mark(big, 'undercurrent:highlight-end', 30_000);
      const start = await big.evaluate(() => performance.getEntriesByName('undercurrent:highlight-start').at(-1)!.startTime);
      pass.push(end - start);
      longest.push(await big.evaluate(() => (window as unknown as { __longest: number }).__longest));
      await big.close();
    }
    rows.push({ name: 'highlight pass, 5,000-element page (wall, slices included; median)', value: median(pass), unit: 'ms', budget: '≤ 10' });
    rows.push({ name: 'longest main-thread task on that page, load to highlighted (max)', value: Math.max(...longest), unit: 'ms', budget: '≤ 50', note: '0 = no task over 50 ms' });
  } finally {
    await ext.close();
    await plain.close();
    rmSync(plainDir, { recursive: true, force: true });
    await api.close();
    await pages.close();
    rmSync(join(ROOT, 'tests/fixtures/pages/bench'), { recursive: true, force: true });
  }
  return rows;
}
