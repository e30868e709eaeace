// Reddit (www.reddit.com, the shreddit markup): the front page, r/popular, r/all and subreddit listings.
import type { FeedSite } from '../types';
import { textContentOf } from '../types';

const FEED_PATHS = /^\/(?:|(?:best|hot|new|top|rising)|r\/[^/]+(?:\/(?:hot|new|top|rising|controversial))?)\/?$/;

export const reddit: FeedSite = {
  id: 'reddit',
  label: 'Reddit',
  matchesHost: (host) => /(^|\.)reddit\.com$/.test(host) && !host.startsWith('old.'),
  isFeed: (url) => FEED_PATHS.test(url.pathname) && !/^\/r\/[^/]+\/comments\//.test(url.pathname),
  root: (doc) => doc.querySelector('shreddit-feed') ?? doc.querySelector('main'),
  post: 'shreddit-post',
  // A listing shows the title and, for text posts, the first lines of the body.
  textElement: (post) => post.querySelector('[slot="text-body"]') ?? post.querySelector('[slot="title"]'),
  text: (post) => `${post.getAttribute('post-title') ?? textContentOf(post.querySelector('[slot="title"]'))}\n${textContentOf(post.querySelector('[slot="text-body"]'))}`.trim(),
  author: (post) => {
    const a = post.getAttribute('author');
    return a ? `u/${a}` : '';
  },
  key: (post) => post.getAttribute('permalink') ?? post.getAttribute('id'),
};

// Page shapes this was written against:
// - https://www.reddit.com/r/{sub}/ and the front page: <shreddit-feed> holding
//   <article> wrappers, each with one <shreddit-post id="t3_{id}" permalink="/r/{sub}/comments/{id}/{slug}/"
//   post-title="…" author="…" subreddit-prefixed-name="r/{sub}"> whose light DOM has
//   <a slot="title">Title</a> and, for text posts, <div slot="text-body"><div class="md"><p>….
//   New pages of posts are appended to the feed as the reader nears its end.
// - old.reddit.com is not covered (its listings are left alone).
