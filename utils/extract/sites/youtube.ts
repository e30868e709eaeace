// YouTube watch pages: video title, description and channel.
import type { SiteExtractor } from '../types';
import { meta, textOf } from '../text';

export const youtube: SiteExtractor = {
  name: 'youtube',
  matches: (url) => /(^|\.)youtube\.com$/.test(url.hostname),
  *extract(doc, url) {
    if (url.pathname !== '/watch' || !url.searchParams.get('v')) return null; // home, search, shorts feed: left alone
    // After client-side navigation the <meta> tags are stale; the rendered elements are not.
    const title = textOf(doc, 'ytd-watch-metadata h1, h1.title') || meta(doc, 'og:title') || meta(doc, 'title');
    const description = textOf(doc, 'ytd-watch-metadata #description-inline-expander, #description') || meta(doc, 'og:description') || meta(doc, 'description');
    const author = textOf(doc, 'ytd-watch-metadata ytd-channel-name a, #owner ytd-channel-name') || (doc.querySelector('span[itemprop="author"] link[itemprop="name"]')?.getAttribute('content') ?? '');
    if (!title) return null;
    return { url: url.href, site: url.hostname, kind: 'post', title, lead: '', body: description, ...(author ? { author } : {}) };
  },
};

// Page shapes this was written against:
// - https://www.youtube.com/watch?v={id}: <ytd-watch-metadata> with <h1> (title),
//   <ytd-channel-name><a> (channel), <div id="description-inline-expander">;
//   head: og:title, og:description, <span itemprop="author"><link itemprop="name">.
