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
  // Saved pages still name their images and fonts on the web: only loopback is reached.
  await ctx.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1', (route) => route.abort());
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

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/**
 * Main-thread work on the page's renderer between the load event and SETTLE_MS later,
 * from a Chromium trace: `busy` sums the top-level tasks, `script` the script evaluations
 * and calls inside them (an injected content script is an EvaluateScript, its timers
 * FunctionCalls). The CDP counter ScriptDuration misses injected scripts, so a trace it is.
 */
async function afterLoad(ctx: BrowserContext, url: string): Promise<{ busy: number; script: number }> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const events: (TraceEvent & { ts: number })[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as (TraceEvent & { ts: number })[])));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  // Traced from before the navigation: the extension injects its detector right at the
  // load event, before any call from here could start a trace.
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel', transferMode: 'ReportEvents' } as never);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  const load = events.find((e) => e.name === 'MarkLoad')?.ts;
  if (load === undefined) throw new Error(`no load event in the trace of ${url}`);
  const until = load + SETTLE_MS * 1000;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let busy = 0;
  let script = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < load || e.ts > until || !main.has(`${e.pid}:${e.tid}`)) continue;
    if (e.name === 'RunTask') busy += (e.dur ?? 0) / 1000;
    else if (e.name === 'EvaluateScript' || e.name === 'FunctionCall') script += (e.dur ?? 0) / 1000;
  }
  return { busy, script };
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
    const busyNonAi: number[] = [];
    const extraCompare: number[] = [];
    for (const [file, ai] of PAGES) {
      const url = `${origin}/${file}`;
      const runs = browsers.map(() => ({ busy: [] as number[], script: [] as number[] }));
      for (const { b } of browsers) await afterLoad(b.ctx, url); // warm the caches
      for (let r = 0; r < ROUNDS; r++) {
        for (const [i, { b }] of browsers.entries()) {
          const m = await afterLoad(b.ctx, url);
          runs[i]!.busy.push(m.busy);
          runs[i]!.script.push(m.script);
        }
      }
      const script = runs.map((x) => median(x.script));
      const busy = runs.map((x) => median(x.busy));
      const extra = script[1]! - script[0]!;
      if (!ai) {
        extraNonAi.push(extra);
        busyNonAi.push(busy[1]! - busy[0]!);
        if (compare) extraCompare.push(script[2]! - script[0]!);
      }
      rows.push({
        name: `extra script after load, ${ai ? 'AI' : 'non-AI'}: ${file.replace('.html.gz', '')}`,
        value: extra,
        unit: 'ms',
        ...(ai ? {} : { budget: '≤ 5' }),
        note: `script ${browsers.map((x, i) => `${x.label} ${script[i]!.toFixed(1)}`).join(' / ')} ms; main thread busy ${busy.map((v) => v.toFixed(1)).join(' / ')} ms`,
      });
    }
    rows.push({ name: 'extra script after load, non-AI pages (median)', value: median(extraNonAi), unit: 'ms', budget: '≤ 5', note: `range ${Math.min(...extraNonAi).toFixed(1)}–${Math.max(...extraNonAi).toFixed(1)} ms` });
    rows.push({ name: 'extra main-thread work after load, non-AI pages (median)', value: median(busyNonAi), unit: 'ms', note: `range ${Math.min(...busyNonAi).toFixed(1)}–${Math.max(...busyNonAi).toFixed(1)} ms; all tasks, not only script` });
    if (compare) rows.push({ name: 'extra script after load, non-AI pages, compared build (median)', value: median(extraCompare), unit: 'ms', note: `range ${Math.min(...extraCompare).toFixed(1)}–${Math.max(...extraCompare).toFixed(1)} ms; ${compare}` });
  } finally {
    for (const { b } of browsers) await b.close();
    server.close();
  }
  return rows;
}
