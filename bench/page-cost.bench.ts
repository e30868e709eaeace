// What a page that is not about AI pays: main-thread script time in the 2.5 s after the
// load event, with the extension against a browser without it, on real saved pages
// (tests/fixtures/real) served from loopback. Chromium's own counter (CDP Performance
// metric ScriptDuration) covers the page's scripts and the extension's content scripts on
// the page's main thread. `UC_COMPARE_EXTENSION=/path/to/other/build` adds a third browser
// with another build of the extension (e.g. the one before a change), measured in turn.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { EXTENSION_DIR, ROOT } from '../tests/e2e/harness';
import type { BenchRow } from './types';

const ROUNDS = 3;
const SETTLE_MS = 2500;
/** Heavy real pages not about AI (long articles with their site's markup), and two AI pages. */
const PAGES: [file: string, ai: boolean][] = [
  ['dragnet/T55.html.gz', false],
  ['dragnet/419.html.gz', false],
  ['snacktory/wikipedia_muhammad.html.gz', false],
  ['dragnet/R990.html.gz', false],
  ['snacktory/cloudcomputingexpo5.html.gz', false],
  ['snacktory/theatlantic.html.gz', false],
  ['promptguide/en-models--gpt-4.html.gz', true],
  ['hfcourse/en-chapter1-4.html.gz', true],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function browser(extDir: string | null): Promise<{ ctx: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'uc-bench-cost-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: extDir ? [...ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`] : ARGS,
  });
  if (extDir) {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    // Every upstream on a closed loopback port: no network, nothing to wait for.
    await sw.evaluate((s) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({ settings: s }), {
      hostedApi: { baseUrl: '' },
      endpoints: { blueskyService: 'http://127.0.0.1:1', hackernews: 'http://127.0.0.1:2', gdelt: 'http://127.0.0.1:3', mastodon: 'http://127.0.0.1:4', huggingface: 'http://127.0.0.1:5', anthropic: 'http://127.0.0.1:6' },
    });
  }
  return { ctx, close: async () => { await ctx.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Main-thread script ms between the load event and SETTLE_MS later. */
async function scriptAfterLoad(ctx: BrowserContext, url: string): Promise<number> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  const read = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
  const before = await read();
  await page.waitForTimeout(SETTLE_MS);
  const after = await read();
  await page.close();
  return after - before;
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  const base = join(ROOT, 'tests/fixtures/real');
  const server = createServer((req, res) => {
    const file = join(base, decodeURIComponent((req.url ?? '/').slice(1)));
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(gunzipSync(readFileSync(file)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const compare = process.env.UC_COMPARE_EXTENSION;
  const browsers = [
    { label: 'no extension', b: await browser(null) },
    { label: 'Undercurrent', b: await browser(EXTENSION_DIR) },
    ...(compare ? [{ label: 'compared build', b: await browser(compare) }] : []),
  ];
  const rows: BenchRow[] = [];
  try {
    const extraNonAi: number[] = [];
    const extraCompare: number[] = [];
    for (const [file, ai] of PAGES) {
      const url = `${origin}/${file}`;
      const ms = browsers.map(() => [] as number[]);
      for (const { b } of browsers) await scriptAfterLoad(b.ctx, url); // warm the caches
      for (let r = 0; r < ROUNDS; r++) for (const [i, { b }] of browsers.entries()) ms[i]!.push(await scriptAfterLoad(b.ctx, url));
      const med = ms.map(median);
      const extra = med[1]! - med[0]!;
      if (!ai) extraNonAi.push(extra);
      if (compare && !ai) extraCompare.push(med[2]! - med[0]!);
      rows.push({
        name: `extra script after load, ${ai ? 'AI' : 'non-AI'}: ${file.replace('.html.gz', '')}`,
        value: extra,
        unit: 'ms',
        ...(ai ? {} : { budget: '≤ 5' }),
        note: browsers.map((x, i) => `${x.label} ${med[i]!.toFixed(1)}`).join(' / ') + ' ms',
      });
    }
    rows.push({ name: 'extra script after load, non-AI pages (median)', value: median(extraNonAi), unit: 'ms', budget: '≤ 5', note: `range ${Math.min(...extraNonAi).toFixed(1)}–${Math.max(...extraNonAi).toFixed(1)} ms` });
    if (compare) rows.push({ name: 'the same for the compared build (median)', value: median(extraCompare), unit: 'ms', note: compare });
  } finally {
    for (const { b } of browsers) await b.close();
    server.close();
  }
  return rows;
}
