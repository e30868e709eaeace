// Topic detection speed: beat + entities on a 10,000-word article in Node and in
// Chromium, against a naive baseline (one RegExp per gazetteer name) in the same run;
// and sliced extraction + detection on a 5 MB page in Chromium (longest main-thread task).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { detect, type DetectorData, type ExtractedPage } from '../utils/detect';
import { bundledDetectorData } from '../utils/detect/data';
import type { BenchRow } from './types';

const ROOT = resolve(import.meta.dirname, '..');

/** The naive matcher the detector is compared with: one case-insensitive RegExp per name. */
function naiveEntities(text: string, data: DetectorData): number {
  let found = 0;
  for (const e of data.entities) {
    for (const alias of [e.name, ...e.aliases]) {
      const re = new RegExp(`\\b${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi');
      found += text.match(re)?.length ?? 0;
    }
  }
  return found;
}

/** A 10,000-word article made of the corpus's AI items (deterministic). */
export function article(words = 10_000): ExtractedPage {
  const dir = join(ROOT, 'tests/fixtures/corpus');
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && f !== 'nonai.jsonl')
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as { title: string; text: string })
    .map((i) => `${i.title} ${i.text}`);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const t = texts[i % texts.length]!;
    parts.push(t);
    n += t.split(/\s+/).length;
  }
  return { url: 'https://bench.example/a', site: 'bench.example', kind: 'article', title: 'Open weights, agents and the chip race', lead: 'A long read.', body: parts.join('\n').split(/\s+/).slice(0, words).join(' ') };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeMedian(fn: () => unknown, runs: number, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    fn();
    t.push(performance.now() - a);
  }
  return median(t);
}

/** A ~5 MB page: a long article among heavy navigation, sidebars and comment threads. */
function bigPage(): string {
  const para = '<p>DeepSeek released the open weights of its new model on Hugging Face, and developers ran it on Nvidia H100 GPUs within hours of the announcement. </p>';
  const nav = '<nav><ul>' + '<li><a href="/x">Section link</a></li>'.repeat(40) + '</ul></nav>';
  const comment = '<div class="comment"><p>Reader comment about llamas, apple pie and the weather in Provence.</p><div class="reply"><span>reply</span></div></div>';
  const chunks: string[] = ['<!doctype html><html><head><title>Big page</title><meta property="og:type" content="article"></head><body>', nav];
  chunks.push('<main><div class="layout">');
  for (let i = 0; i < 600; i++) chunks.push(`<section><div><div>${para.repeat(8)}</div></div><aside class="related">${'<a href="/r">Related story</a>'.repeat(10)}</aside></section>`);
  chunks.push('</div></main><section id="comments">');
  let html = chunks.join('');
  const tail: string[] = [];
  while (html.length + tail.length * comment.length < 5_000_000) tail.push(comment);
  html += tail.join('') + '</section></body></html>';
  return html;
}

export const BROWSER_ENTRY = `
import { compileDetector, detect } from './utils/detect';
import { bundledDetectorData } from './utils/detect/data';
import { extractPage, extractPageSliced } from './utils/extract';
const naiveEntities = ${naiveEntities.toString()};
(globalThis as any).__bench = { compileDetector, detect, data: bundledDetectorData, extractPage, extractPageSliced, naiveEntities };
`;

export const KEEP_NAMES = 'window.__name = (f) => f;';

async function browserRows(page: ExtractedPage): Promise<BenchRow[]> {
  const bundle = await build({ stdin: { contents: BROWSER_ENTRY, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'chrome120', minify: true });
  const code = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage();
    await tab.setContent('<!doctype html><html><body></body></html>');
    // tsx keeps function names with a `__name` helper that evaluated callbacks then call.
    await tab.addScriptTag({ content: KEEP_NAMES });
    await tab.addScriptTag({ content: code });
    const r = await tab.evaluate(timeDetectInPage, page);

    // 5 MB page: sliced extraction + detection, longest task seen by a long-task observer.
    const big = await browser.newPage();
    await big.setContent(bigPage(), { waitUntil: 'load', timeout: 120_000 });
    await big.addScriptTag({ content: KEEP_NAMES });
    await big.addScriptTag({ content: code });
    const slicing = await big.evaluate(async () => {
      const b = (globalThis as any).__bench;
      const longTasks: number[] = [];
      const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      obs.observe({ type: 'longtask', buffered: false });
      const bytes = document.documentElement.outerHTML.length;
      // Sliced, as the content script runs it: extraction slices, then the matcher is
      // built in a task of its own, then detection. Each task is also timed directly.
      let maxSlice = 0;
      let sliceStart = performance.now();
      const t0 = performance.now();
      const page = await b.extractPageSliced(document, 'https://bench.example/big', {
        sliceMs: 8,
        now: () => performance.now(),
        yieldToMain: () =>
          new Promise<void>((resolve) => {
            maxSlice = Math.max(maxSlice, performance.now() - sliceStart);
            setTimeout(() => {
              sliceStart = performance.now();
              resolve();
            }, 0);
          }),
      });
      maxSlice = Math.max(maxSlice, performance.now() - sliceStart);
      await new Promise((r) => setTimeout(r, 0));
      const c0 = performance.now();
      b.compileDetector(b.data);
      const compileMs = performance.now() - c0;
      await new Promise((r) => setTimeout(r, 0));
      const d0 = performance.now();
      const topic = b.detect(page, b.data);
      const detectMs = performance.now() - d0;
      const total = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 200));
      const slicedLong = [...longTasks];
      longTasks.length = 0;
      // The same work in one synchronous task, for comparison.
      const s0 = performance.now();
      b.detect(b.extractPage(document, 'https://bench.example/big'), b.data);
      const syncMs = performance.now() - s0;
      await new Promise((r) => setTimeout(r, 200));
      obs.disconnect();
      return { bytes, maxSlice, compileMs, total, detectMs, syncMs, slicedLongMax: Math.max(0, ...slicedLong), slicedLongCount: slicedLong.length, beat: topic.beat?.id ?? null, bodyChars: page.body.length };
    });
    return [
      { name: 'detect 10k words: Chromium median', value: r.ours, unit: 'ms', budget: '≤ 2 ms (issue), ≤ 3 ms (project budget)' },
      { name: 'naive baseline (RegExp per name) 10k words: Chromium median', value: r.naive, unit: 'ms' },
      { name: 'naive / detect ratio, Chromium', value: r.naive / r.ours, unit: '×', note: 'same run' },
      { name: '5 MB page: longest extraction slice', value: slicing.maxSlice, unit: 'ms', budget: 'no task > 50 ms', note: `${(slicing.bytes / 1e6).toFixed(1)} MB, beat ${slicing.beat}, body ${slicing.bodyChars} chars` },
      { name: '5 MB page: matcher build (own task, first page only)', value: slicing.compileMs, unit: 'ms', budget: 'no task > 50 ms' },
      { name: '5 MB page: long tasks (>50 ms) during sliced run', value: slicing.slicedLongCount, unit: 'tasks', note: `longest ${slicing.slicedLongMax.toFixed(0)} ms` },
      { name: '5 MB page: detect on capped body (own task)', value: slicing.detectMs, unit: 'ms', budget: 'no task > 50 ms' },
      { name: '5 MB page: sliced run wall time', value: slicing.total, unit: 'ms' },
      { name: '5 MB page: extract + detect unsliced (one task)', value: slicing.syncMs, unit: 'ms', note: 'for comparison; matcher already built' },
    ];
  } finally {
    await browser.close();
  }
}

/**
 * Runs in the page (Chromium through Playwright, Firefox through puppeteer): the median
 * time of `detect` on the article and of the naive baseline. Self-contained, as the
 * browser evaluates its source.
 */
export function timeDetectInPage(p: ExtractedPage): { ours: number; naive: number } {
  const b = (globalThis as any).__bench;
  const med = (xs: number[]): number => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
  // Page timers are coarsened (~0.1 ms): time batches and divide.
  const time = (fn: () => unknown, samples: number, batch: number): number => {
    for (let i = 0; i < 10; i++) fn();
    const t: number[] = [];
    for (let i = 0; i < samples; i++) {
      const a = performance.now();
      for (let k = 0; k < batch; k++) fn();
      t.push((performance.now() - a) / batch);
    }
    return med(t);
  };
  const text = `${p.title}\n${p.lead}\n${p.body}`;
  return { ours: time(() => b.detect(p, b.data), 30, 10), naive: time(() => b.naiveEntities(text, b.data), 7, 1) };
}

export default async function bench(): Promise<BenchRow[]> {
  const page = article();
  const data = bundledDetectorData;
  const text = `${page.title}\n${page.lead}\n${page.body}`;
  const words = page.body.split(/\s+/).length;
  const ours = timeMedian(() => detect(page, data), 100, 20);
  const naive = timeMedian(() => naiveEntities(text, data), 10, 2);
  const aliases = data.entities.reduce((n, e) => n + 1 + e.aliases.length, 0);
  const rows: BenchRow[] = [
    { name: `detect ${words} words: Node median`, value: ours, unit: 'ms', budget: '≤ 2 ms' },
    { name: `naive baseline (${aliases} RegExps): Node median`, value: naive, unit: 'ms' },
    { name: 'naive / detect ratio, Node', value: naive / ours, unit: '×', note: 'same run' },
    { name: 'gazetteer entities', value: data.entities.length, unit: 'count', budget: '≥ 400' },
  ];
  try {
    rows.push(...(await browserRows(page)));
  } catch (err) {
    rows.push({ name: 'Chromium rows', value: 0, unit: '-', note: `not measured: ${(err as Error).message.split('\n')[0]}` });
  }
  return rows;
}
