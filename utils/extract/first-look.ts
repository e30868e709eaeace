// The first look at a page, before extraction: its title, meta description, headings
// and first paragraphs. Reading these costs a few querySelector calls; reading the
// whole article costs a walk of the DOM, which most pages (not about AI) never need.
// `firstLookInPage` is self-contained on purpose: the background runs this very function
// in the tab (`scripting.executeScript({ func })`) before it injects the detector, and the
// shared path (`analysePage`, so the `detect` command and `eval:detect`) calls it too.
import { HINT_CAPS, HINT_WORDS } from '../detect/hint';

/** What the first look in a tab answers. */
export interface FirstLookAnswer {
  /** The detector already runs in this document (the flag named by the caller is set). */
  running: boolean;
  /** The title, meta, headings or lead carry a sign of AI: the page is worth reading. */
  ai: boolean;
}

/**
 * The first look. Self-contained — it reads nothing but its arguments and the document,
 * because `scripting.executeScript` serialises it into the page — so the regular
 * expressions arrive as sources (`HINT_WORDS`, `HINT_CAPS` of utils/detect/hint.ts). No
 * named inner functions either: some transpilers wrap them in a helper the page lacks.
 * `flag` names the global the detector sets ('' to skip that probe).
 */
export function firstLookInPage(flag: string, words: string, caps: string, doc?: Document): FirstLookAnswer {
  const d = doc ?? document;
  if (flag && (globalThis as unknown as Record<string, unknown>)[flag] === true) return { running: true, ai: true };
  /** Paragraphs read as the lead, headings read. */
  const LEAD_PARAGRAPHS = 12;
  const HEADINGS = 30;
  const parts: string[] = [d.title ?? ''];
  // Read cheaply on a page of 10,000 elements: the metas of the head only, and the
  // paragraphs from a live collection, walked only as far as the lead goes.
  const metas = (d.head ?? d).querySelectorAll('meta[name="description"], meta[property="og:title"], meta[property="og:description"], meta[name="keywords"], meta[property="article:tag"], meta[property="article:section"]');
  for (let i = 0; i < metas.length; i++) parts.push(metas[i]!.getAttribute('content') ?? '');
  const headings = d.querySelectorAll('h1, h2, h3');
  for (let i = 0; i < headings.length && i < HEADINGS; i++) {
    const h = headings[i]!;
    if (!h.closest('nav, footer, aside')) parts.push(h.textContent ?? '');
  }
  const ps = d.getElementsByTagName('p');
  for (let i = 0, n = 0; i < ps.length && n < LEAD_PARAGRAPHS; i++) {
    const p = ps[i]!;
    if (p.closest('nav, footer, aside')) continue;
    parts.push(p.textContent ?? '');
    n++;
  }
  // Posts on social sites and JSON-LD bodies: the declared description is the lead there.
  const lds = d.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < lds.length; i++) parts.push((lds[i]!.textContent ?? '').slice(0, 4000));
  const text = parts.join('\n');
  return { running: false, ai: new RegExp(caps).test(text) || new RegExp(words, 'i').test(text) };
}

/** The arguments the background hands `firstLookInPage` for a tab. */
export function firstLookArgs(flag: string): [string, string, string] {
  return [flag, HINT_WORDS.source, HINT_CAPS.source];
}

/** True when the first look finds any sign of AI: only then is the page read in full. */
export function firstLook(doc: Document): boolean {
  return firstLookInPage('', HINT_WORDS.source, HINT_CAPS.source, doc).ai;
}
