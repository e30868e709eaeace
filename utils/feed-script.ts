// Where the built feed script lives: the background injects it into pages of the five
// feed sites only (X, Bluesky, Reddit, Mastodon instances, Hacker News), never elsewhere.

/** The built file of entrypoints/feed.content (WXT: content-scripts/<name>.js). */
export const FEED_SCRIPT_PATH = '/content-scripts/feed.js';

/** Set in the content scripts' world while the feed script runs there (injected once per document). */
export const FEED_FLAG = '__undercurrentFeed';
