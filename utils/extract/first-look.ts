// The first look at a page, before extraction: its title, meta description, headings
// and first paragraphs. Reading these costs a few querySelector calls; reading the
// whole article costs a walk of the DOM, which most pages (not about AI) never need.
import { hasAiHint } from '../detect/hint';

/** Paragraphs read as the lead. */
const LEAD_PARAGRAPHS = 12;
/** Headings read. */
const HEADINGS = 30;

/** The text of the first look: title, meta, headings and lead, newline-separated. */
export function firstLookText(doc: Document): string {
  const parts: string[] = [doc.title ?? ''];
  for (const m of Array.from(doc.querySelectorAll('meta[name="description"], meta[property="og:title"], meta[property="og:description"], meta[name="keywords"], meta[property="article:tag"], meta[property="article:section"]'))) {
    parts.push(m.getAttribute('content') ?? '');
  }
  const headings = doc.querySelectorAll('h1, h2, h3');
  for (let i = 0; i < headings.length && i < HEADINGS; i++) {
    const h = headings[i]!;
    if (!h.closest('nav, footer, aside')) parts.push(h.textContent ?? '');
  }
  const ps = doc.querySelectorAll('p');
  for (let i = 0, n = 0; i < ps.length && n < LEAD_PARAGRAPHS; i++) {
    const p = ps[i]!;
    if (p.closest('nav, footer, aside')) continue;
    parts.push(p.textContent ?? '');
    n++;
  }
  // Posts on social sites and JSON-LD bodies: the declared description is the lead there.
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) parts.push((s.textContent ?? '').slice(0, 4000));
  return parts.join('\n');
}

/** True when the first look finds any sign of AI: only then is the page read in full. */
export function firstLook(doc: Document): boolean {
  return hasAiHint(firstLookText(doc));
}
