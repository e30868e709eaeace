// X (x.com, twitter.com): the home timeline, lists and profile timelines.
import type { FeedSite } from '../types';
import { textContentOf } from '../types';

const FEED_PATHS = /^\/(?:home|i\/lists\/\d+|i\/communities\/\d+)\/?$/;

export const x: FeedSite = {
  id: 'x',
  label: 'X',
  matchesHost: (host) => /(^|\.)(x|twitter)\.com$/.test(host),
  isFeed: (url) => FEED_PATHS.test(url.pathname),
  root: (doc) => doc.querySelector('[data-testid="primaryColumn"] [aria-label^="Timeline"]') ?? doc.querySelector('[data-testid="primaryColumn"]'),
  post: 'article[data-testid="tweet"]',
  textElement: (post) => post.querySelector('[data-testid="tweetText"]'),
  text: (post) => textContentOf(post.querySelector('[data-testid="tweetText"]')),
  author: (post) => {
    const name = post.querySelector('[data-testid="User-Name"]');
    const handle = Array.from(name?.querySelectorAll('span') ?? [], (s) => s.textContent ?? '').find((t) => t.startsWith('@'));
    return handle ?? textContentOf(name?.querySelector('span'));
  },
  // The timestamp links to the status: that link is the post's identity.
  key: (post) => post.querySelector('a[href*="/status/"] time')?.parentElement?.getAttribute('href') ?? post.querySelector('a[href*="/status/"]')?.getAttribute('href') ?? null,
};

// Page shapes this was written against:
// - https://x.com/home (and /i/lists/{id}): <div data-testid="primaryColumn"> holding
//   <div aria-label="Timeline: Your Home Timeline"> with a virtualised list of
//   <div data-testid="cellInnerDiv" style="transform: translateY(…px); position: absolute">
//   cells, each an <article data-testid="tweet"> with [data-testid="User-Name"] (display
//   name span, then a span "@handle"), a timestamp link <a href="/{user}/status/{id}"><time>,
//   <div data-testid="tweetText" lang> (spans, links, emoji images) and the action bar
//   [role="group"]. Cells far off screen are removed and rebuilt when scrolled back.
