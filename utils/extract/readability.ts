// Readability fallback for pages the built-in extractors cannot read (no article markup,
// unusual layouts). Used by the `detect` command and available to the background; kept
// out of the always-on content script, where @mozilla/readability would cost ~11 KB gzipped.
import { Readability } from '@mozilla/readability';
import type { ExtractedPage } from '../detect/types';
import { leaveAloneReason } from './leave-alone';

/** Extracts an article with Mozilla Readability; `doc` is cloned, not changed. Null when it finds no article. */
export function extractWithReadability(doc: Document, url: string): ExtractedPage | null {
  const u = new URL(url);
  if (leaveAloneReason(u, doc)) return null;
  const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 300 }).parse();
  if (!article?.textContent?.trim()) return null;
  return {
    url,
    site: u.hostname,
    kind: 'article',
    title: (article.title ?? '').trim().slice(0, 500),
    lead: (article.excerpt ?? '').trim().slice(0, 2000),
    body: article.textContent.replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim().slice(0, 100_000),
    ...(article.byline ? { author: article.byline.trim() } : {}),
  };
}
