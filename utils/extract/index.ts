// Page extraction: the title, lead and body text of an article or post, as plain text.
// Pure DOM reading, no browser APIs: the same code runs in the content script, in Node
// (linkedom / happy-dom) for the `detect` command, and in tests. Readability is not
// here — it would cost the always-on script ~11 KB gzipped; see ./readability.ts.
import type { ExtractedPage } from '../detect/types';
import { leaveAloneReason } from './leave-alone';
import { runSync } from './text';
import type { SiteExtractor } from './types';
import { bluesky } from './sites/bluesky';
import { hackernews } from './sites/hackernews';
import { mastodon } from './sites/mastodon';
import { news } from './sites/news';
import { reddit } from './sites/reddit';
import { x } from './sites/x';
import { youtube } from './sites/youtube';

export { leaveAloneReason } from './leave-alone';
export type { SiteExtractor } from './types';

/** Site extractors in the order they are tried; `news` owns everything else. */
export const SITE_EXTRACTORS: readonly SiteExtractor[] = [x, bluesky, hackernews, reddit, youtube, mastodon, news];

/** The extractor that owns a page. */
export function extractorFor(url: URL, doc: Document): SiteExtractor {
  return SITE_EXTRACTORS.find((s) => s.matches(url, doc)) ?? news;
}

/**
 * Whether a site extractor (not the general reader) may own the page at `url`, judged from
 * the address alone, before the page is read: the background then skips the first look.
 */
export function siteMayOwn(url: URL): boolean {
  return SITE_EXTRACTORS.some((s) => s !== news && s.matches(url));
}

/**
 * Extraction as a generator: it yields between slices of DOM work so the content script
 * can give the main thread back on long pages; returns the page or null (left alone).
 */
export function* extractSteps(doc: Document, url: string): Generator<void, ExtractedPage | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (leaveAloneReason(u, doc)) return null;
  const page = yield* extractorFor(u, doc).extract(doc, u);
  const lang = doc.documentElement?.getAttribute('lang')?.trim();
  if (page && lang && !page.lang) page.lang = lang.slice(0, 35);
  return page;
}

/** Extracts the readable text of an article or post, or null for pages that are neither (or are left alone). */
export function extractPage(doc: Document, url: string): ExtractedPage | null {
  return runSync(extractSteps(doc, url));
}

/** Options for sliced extraction. */
export interface SliceOptions {
  /** Work per slice before yielding, in ms. */
  sliceMs?: number;
  /** Gives the main thread back (setTimeout 0 in pages); resolved when work may resume. */
  yieldToMain: () => Promise<void>;
  now: () => number;
  /** Stop early (the page navigated away). */
  signal?: AbortSignal;
}

/** Extraction in slices of about `sliceMs` (default 8 ms), yielding to the page between them. */
export async function extractPageSliced(doc: Document, url: string, opts: SliceOptions): Promise<ExtractedPage | null> {
  const gen = extractSteps(doc, url);
  const sliceMs = opts.sliceMs ?? 8;
  let start = opts.now();
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    if (opts.now() - start >= sliceMs) {
      await opts.yieldToMain();
      if (opts.signal?.aborted) return null;
      start = opts.now();
    }
  }
}
