// News articles and blog posts on any other site: title and lead from JSON-LD
// (NewsArticle/Article/BlogPosting) or Open Graph, body from the article element.
// The fallback for everything no site extractor owns.
import type { ExtractedPage } from '../../detect/types';
import type { SiteExtractor } from '../types';
import { meta, readText } from '../text';

const ARTICLE_TYPES = /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|TechArticle|OpinionNewsArticle|ScholarlyArticle|Report|LiveBlogPosting)$/;

interface LdArticle {
  headline?: string;
  description?: string;
  articleBody?: string;
  author?: string;
}

function types(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  return Array.isArray(t) ? t.map(String) : t ? [String(t)] : [];
}

function authorName(a: unknown): string {
  const first = Array.isArray(a) ? a[0] : a;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string') return (first as { name: string }).name;
  return '';
}

/** The first Article-typed node in the page's JSON-LD (including @graph arrays). */
export function jsonLdArticle(doc: Document): LdArticle | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // broken JSON-LD is common; the other sources still work
    }
    const queue: unknown[] = [parsed];
    while (queue.length) {
      const node = queue.shift();
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === 'object') {
        const rec = node as Record<string, unknown>;
        if (Array.isArray(rec['@graph'])) queue.push(...rec['@graph']);
        if (types(rec).some((t) => ARTICLE_TYPES.test(t))) {
          const str = (k: string) => (typeof rec[k] === 'string' ? (rec[k] as string).trim() : '');
          return { headline: str('headline') || str('name'), description: str('description'), articleBody: str('articleBody'), author: authorName(rec['author']) };
        }
      }
    }
  }
  return null;
}

/** The element holding the article body: schema.org markup, <article>, <main>, or the densest block of paragraphs. */
export function articleRoot(doc: Document): Element | null {
  const marked = doc.querySelector('[itemprop="articleBody"], [data-component="text-block"], .article-body, .post-content, .entry-content');
  if (marked) return marked;
  // Several <article>s (teasers) → pick the one with most paragraph text.
  const articles = Array.from(doc.querySelectorAll('article'));
  if (articles.length === 1) return articles[0]!;
  if (articles.length > 1) return densest(articles);
  const main = doc.querySelector('main, [role="main"]');
  if (main) return main;
  return paragraphParent(doc);
}

/** Paragraphs looked at when a page has no article markup; a story's text starts early. */
const MAX_PARAGRAPHS = 300;

/**
 * The element whose own paragraphs hold the most text: where a page with no article
 * markup (a <div class="story"> of <p>s) keeps its prose. Null when it has no paragraphs.
 */
function paragraphParent(doc: Document): Element | null {
  const chars = new Map<Element, number>();
  let best: Element | null = null;
  let bestN = 0;
  const ps = doc.querySelectorAll('p');
  for (let i = 0; i < ps.length && i < MAX_PARAGRAPHS; i++) {
    const p = ps[i]!;
    const parent = p.parentElement;
    if (!parent || parent.closest('nav, footer, aside, form, [role="navigation"], [role="contentinfo"]')) continue;
    const n = (chars.get(parent) ?? 0) + (p.textContent ?? '').length;
    chars.set(parent, n);
    if (n > bestN) [best, bestN] = [parent, n];
  }
  return best;
}

function paragraphChars(el: Element): number {
  let n = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) n += (p.textContent ?? '').length;
  return n;
}

function densest(els: Element[]): Element {
  let best = els[0]!;
  let bestN = -1;
  for (const el of els) {
    const n = paragraphChars(el);
    if (n > bestN) [best, bestN] = [el, n];
  }
  return best;
}

/** Minimum paragraph text for a page with no article markup to count as an article. */
const MIN_PROSE = 400;
/** Share of the text inside links from which a page is a listing (a homepage), not an article. */
const MAX_LINK_SHARE = 0.65;
/** Text below which the link share says nothing. */
const MIN_LISTING_TEXT = 200;

/** Links looked at: enough to tell a homepage, bounded on huge pages. */
const MAX_LINKS = 2000;

/** Share of the extracted text (`chars` long) that sits inside `root`'s links. */
function linkShare(root: Element, chars: number): number {
  const links = root.querySelectorAll('a');
  let inLinks = 0;
  for (let i = 0; i < links.length && i < MAX_LINKS && inLinks < chars; i++) inLinks += (links[i]!.textContent ?? '').trim().length;
  return chars ? inLinks / chars : 0;
}

/** The same inside the page's one <article> element. */
const MIN_ARTICLE_PROSE = 150;

export const news: SiteExtractor = {
  name: 'news',
  matches: () => true,
  *extract(doc, url): Generator<void, ExtractedPage | null> {
    const ld = jsonLdArticle(doc);
    const ogType = meta(doc, 'og:type').toLowerCase();
    const root = articleRoot(doc);
    const declared = !!ld || ogType === 'article';
    if (!declared && !root) return null;
    yield;
    let body = root ? yield* readText(root, { maxChars: 100_000 }) : '';
    // An app shell, a listing, a form: not an article. A page that marks one <article>
    // says what it is, and a short post made mostly of code or images still is one.
    const minProse = root?.tagName === 'ARTICLE' && doc.querySelectorAll('article').length === 1 ? MIN_ARTICLE_PROSE : MIN_PROSE;
    if (!declared && body.length < minProse) return null;
    // A homepage or a section front: most of its text is headlines linking elsewhere.
    if (root && body.length >= MIN_LISTING_TEXT) {
      yield;
      if (linkShare(root, body.length) >= MAX_LINK_SHARE) return null;
    }
    if (!body && ld?.articleBody) body = ld.articleBody.slice(0, 100_000);
    const title = ld?.headline || meta(doc, 'og:title') || (doc.querySelector('h1')?.textContent ?? '').trim() || doc.title.trim();
    const lead = ld?.description || meta(doc, 'og:description') || meta(doc, 'description');
    // The body usually repeats the headline as its first line.
    if (title && body.startsWith(title)) body = body.slice(title.length).trimStart();
    const author = ld?.author || meta(doc, 'author') || meta(doc, 'article:author');
    return {
      url: url.href,
      site: url.hostname,
      kind: 'article',
      title: title.replace(/\s+/g, ' ').slice(0, 500),
      lead: lead.replace(/\s+/g, ' ').slice(0, 2000),
      body,
      ...(author && !/^https?:/.test(author) ? { author } : {}),
    };
  },
};

// Page shapes this was written against:
// - News sites with <script type="application/ld+json"> NewsArticle (alone, in an array,
//   or in @graph), og:type "article", og:title/og:description, <article> or
//   [itemprop="articleBody"] with <p>s, plus nav, aside "most read", comment sections,
//   newsletter and share boxes inside and around the article.
// - Blogs with only <main> and paragraphs (no metadata): read when ≥ 400 chars of prose.
// - Declared articles (JSON-LD or og:type) whose paragraphs sit in a plain <div>, with no
//   <article> or <main>: the paragraphs' parent holding the most text is the body.
// - Saved pages and old sites (2010s news, blogs) with table layouts and no metadata:
//   the same paragraph-parent rule, 400 chars of prose at least.
// - Homepages and section fronts (2010s and 2020s news sites): two thirds of the text or
//   more in links, left alone as listings.
