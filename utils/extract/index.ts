// Page extraction: title, lead and body text of an article or post, as plain text.
// Pure DOM reading, no browser APIs. (Bootstrap version; the full extractor replaces it.)
import type { ExtractedPage } from '../detect/types';

/** Extracts the readable text of an article or post, or null for pages that are neither. */
export function extractPage(doc: Document, url: string): ExtractedPage | null {
  const u = new URL(url);
  const root = doc.querySelector('article') ?? doc.querySelector('main');
  if (!root) return null;
  const title = doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? doc.title ?? '';
  const lead = doc.querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
  const parts: string[] = [];
  root.querySelectorAll('h1, h2, h3, p, li, blockquote').forEach((el) => {
    if (el.closest('nav, footer, aside, pre, code, form, [contenteditable]')) return;
    parts.push(el.textContent ?? '');
  });
  return { url, site: u.hostname, kind: 'article', title: title.trim(), lead: lead.trim(), body: parts.join('\n') };
}
