// The shape of one site's feed markup: where its posts are, what each one says and who
// wrote it. One file per site under sites/, each listing at its foot the page shapes it
// was written against. Pure DOM reading: runs in the feed script, in Node tests and benches.

/** The five sites feed mode knows; also the keys of `settings.ui.feeds`. */
export type FeedSiteId = 'x' | 'bluesky' | 'reddit' | 'mastodon' | 'hackernews';

export interface FeedSite {
  id: FeedSiteId;
  /** The site's name as the options page shows it. */
  label: string;
  /** True when `host` belongs to the site. */
  matchesHost(host: string): boolean;
  /** True when the address is one of the site's feeds (a timeline, a listing), not a single post. */
  isFeed(url: URL): boolean;
  /** The element that holds the posts (new posts are watched for under it); null until the app rendered it. */
  root(doc: Document): Element | null;
  /** A CSS selector matching one post container. */
  post: string;
  /** The element holding the post's own text (the chip goes at its end); null for a post with no text (an image, an ad shell). */
  textElement(post: Element): Element | null;
  /** The post's text: what is detected. */
  text(post: Element): string;
  /** Who wrote it, as the page shows it (display name or handle); stays on this machine. */
  author(post: Element): string;
  /** Names are underlined inside links too: the posts are link titles with no other text (Hacker News). */
  namesInLinks?: boolean;
  /** A stable id (the post's permalink or the site's id), so a post the page re-renders is recognised; null when none. */
  key(post: Element): string | null;
}

/** The visible text of an element, whitespace collapsed. */
export function textContentOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
