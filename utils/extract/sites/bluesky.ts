// Bluesky (bsky.app): the post of a thread page, its author and text.
import type { SiteExtractor } from '../types';
import { meta, textOf } from '../text';

const POST = /^\/profile\/([^/]+)\/post\/([a-z0-9]+)/i;

export const bluesky: SiteExtractor = {
  name: 'bluesky',
  matches: (url) => url.hostname === 'bsky.app' || url.hostname.endsWith('.bsky.app'),
  *extract(doc, url) {
    const m = POST.exec(url.pathname);
    if (!m) return null; // feeds, search, notifications: left alone
    const handle = decodeURIComponent(m[1]!);
    // The thread's anchor post is rendered with a testid naming its author.
    const item = doc.querySelector(`[data-testid="postThreadItem-by-${CSS_escape(handle)}"]`) ?? doc.querySelector('[data-testid^="postThreadItem-by-"]');
    let text = item ? textOf(item, '[data-testid="postText"], [data-word-wrap="1"]') : '';
    let author = item ? textOf(item, '[data-testid="postThreadItemAuthorName"], a[aria-label*="profile"]') : '';
    if (!text) {
      text = meta(doc, 'og:description');
      author ||= meta(doc, 'og:title');
    }
    if (!text) return null;
    return { url: url.href, site: url.hostname, kind: 'post', title: '', lead: '', body: text, author: author || handle };
  },
};

/** Attribute-selector escaping for handles (dots are fine, quotes are not). */
function CSS_escape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

// Page shapes this was written against:
// - https://bsky.app/profile/{handle}/post/{rkey}: react-native-web markup,
//   <div data-testid="postThreadItem-by-{handle}"> holding the author link and the
//   text in <div data-testid="postText" data-word-wrap="1">.
// - The server-rendered head: og:title "Name (@handle)", og:description = post text.
