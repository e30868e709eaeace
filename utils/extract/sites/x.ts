// X (twitter.com / x.com): the focal post of a status page, its author and text.
import type { SiteExtractor } from '../types';
import { meta, textOf } from '../text';

const STATUS = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/;

export const x: SiteExtractor = {
  name: 'x',
  matches: (url) => /(^|\.)(x|twitter)\.com$/.test(url.hostname),
  *extract(doc, url) {
    const m = STATUS.exec(url.pathname);
    if (!m) return null; // timelines, search, notifications, messages: left alone
    // The focal post is the article holding a link to this status (replies link elsewhere).
    const articles = Array.from(doc.querySelectorAll('article[data-testid="tweet"]'));
    const focal = articles.find((a) => a.querySelector(`a[href*="/status/${m[2]}"]`)) ?? articles[0];
    let text = focal ? textOf(focal, '[data-testid="tweetText"]') : '';
    let author = focal ? textOf(focal, '[data-testid="User-Name"] span') : '';
    if (!text) {
      // Server-rendered shells carry the post in Open Graph tags.
      text = meta(doc, 'og:description').replace(/^[“"]|[”"]$/g, '');
      author ||= meta(doc, 'og:title').replace(/ on (X|Twitter)$/, '');
    }
    if (!text) return null;
    return { url: url.href, site: url.hostname, kind: 'post', title: '', lead: '', body: text, author: author || `@${m[1]}` };
  },
};

// Page shapes this was written against:
// - https://x.com/{user}/status/{id}: <article data-testid="tweet"> with
//   [data-testid="User-Name"] (display name, @handle) and [data-testid="tweetText"];
//   replies follow as further articles.
// - The logged-out shell: og:title "Name on X", og:description "“post text”".
