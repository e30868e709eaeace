// The Chromium figures that matter most, in Firefox (Debian's firefox-esr, the Firefox MV3
// build): detector cost on a 10,000-word article in a page, and popup first paint with a
// cached context. Same inputs and marks as detect.bench.ts and surfaces.bench.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { BROWSER_ENTRY, KEEP_NAMES, article, timeDetectInPage } from './detect.bench';
import { launchFirefox, FIREFOX, FIREFOX_EXTENSION_DIR } from '../tests/e2e/firefox-harness';
import { loopbackSettings, startFixtureServer } from '../tests/e2e/harness';
import { startFakeHostedApi } from '../tests/fixtures/servers/hosted-api';
import type { BenchRow } from './types';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function detectRows(): Promise<BenchRow[]> {
  const page = article();
  const bundle = await build({ stdin: { contents: BROWSER_ENTRY, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'firefox140', minify: true });
  const ff = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const tab = await ff.newPage();
    await tab.setContent('<!doctype html><html><body></body></html>');
    await tab.addScriptTag({ content: KEEP_NAMES });
    await tab.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const r = await tab.evaluate(timeDetectInPage, page);
    const version = (await ff.version()).replace(/^firefox\//i, '');
    return [
      { name: `detect 10k words: Firefox ${version} median`, value: r.ours, unit: 'ms', budget: '≤ 3 ms (DESIGN, for Chromium)' },
      { name: 'naive / detect ratio, Firefox', value: r.naive / r.ours, unit: '×', note: `naive ${r.naive.toFixed(1)} ms, same run` },
    ];
  } finally {
    await ff.close();
  }
}

async function popupRows(): Promise<BenchRow[]> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error('build the Firefox extension first: npx wxt build -b firefox --mv3');
  const [pages, api] = await Promise.all([startFixtureServer(), startFakeHostedApi()]);
  const ff = await launchFirefox({
    settings: loopbackSettings({ hostedApi: api.url, sources: { bluesky: false, hackernews: false, news: false, mastodon: false, huggingface: false } }),
  });
  try {
    const art = await ff.openPage(`${pages.url}/ui/article.html`);
    await ff.waitForTopic(art);
    const painted = async (p: import('puppeteer-core').Page) => {
      for (;;) {
        const t = await p.evaluate(() => performance.getEntriesByName('undercurrent:context-painted')[0]?.startTime ?? null);
        if (t !== null) return t;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // The first popup fills the cache.
    const warm = await ff.openPopupFor(art);
    await painted(warm);
    await warm.close();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const popup = await ff.openPopupFor(art);
      times.push(await painted(popup));
      await popup.close();
    }
    return [{ name: 'popup first paint with a cached context, Firefox (median)', value: median(times), unit: 'ms', budget: '≤ 100', note: `max ${Math.max(...times).toFixed(1)} ms, ${ROUNDS} opens` }];
  } finally {
    await ff.close();
    await Promise.all([pages.close(), api.close()]);
  }
}

export default async function bench(): Promise<BenchRow[]> {
  return [...(await detectRows()), ...(await popupRows())];
}
