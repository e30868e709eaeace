// Bluesky (bsky.app): the Following and Discover feeds, custom feeds and list feeds.
import type { FeedSite } from '../types';
import { textContentOf } from '../types';

const FEED_PATHS = /^\/(?:|profile\/[^/]+\/(?:feed|lists)\/[^/]+)\/?$/;

export const bluesky: FeedSite = {
  id: 'bluesky',
  label: 'Bluesky',
  matchesHost: (host) => host === 'bsky.app' || host.endsWith('.bsky.app'),
  isFeed: (url) => FEED_PATHS.test(url.pathname),
  root: (doc) => doc.querySelector('[data-testid$="Feed"], [data-testid="feedPage"]') ?? doc.querySelector('main'),
  post: '[data-testid^="feedItem-by-"]',
  textElement: (post) => post.querySelector('[data-testid="postText"]'),
  text: (post) => textContentOf(post.querySelector('[data-testid="postText"]')),
  author: (post) => {
    const handle = post.getAttribute('data-testid')?.slice('feedItem-by-'.length) ?? '';
    return handle ? `@${handle}` : '';
  },
  key: (post) => post.querySelector('a[href*="/post/"]')?.getAttribute('href') ?? null,
};

// Page shapes this was written against:
// - https://bsky.app/ (Following / Discover tabs), /profile/{handle}/feed/{rkey}:
//   react-native-web markup, a <div data-testid="followingFeedPage"> (or
//   "…FeedPage") holding one <div data-testid="feedItem-by-{handle}"> per post, with
//   the author link, a timestamp <a href="/profile/{handle}/post/{rkey}"> and the text
//   in <div data-testid="postText" data-word-wrap="1">. More posts are appended as the
//   page nears its end (infinite scroll).
