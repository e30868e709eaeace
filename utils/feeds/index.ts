// Feed mode's sites: which one a page belongs to, and whether the page is one of its feeds.
import type { FeedSite, FeedSiteId } from './types';
import { bluesky } from './sites/bluesky';
import { hackernews } from './sites/hackernews';
import { mastodon } from './sites/mastodon';
import { reddit } from './sites/reddit';
import { x } from './sites/x';

export type { FeedSite, FeedSiteId } from './types';

export const FEED_SITES: readonly FeedSite[] = [x, bluesky, reddit, mastodon, hackernews];

/** The feed site owning `host`, or null. */
export function feedSiteForHost(host: string): FeedSite | null {
  return FEED_SITES.find((s) => s.matchesHost(host)) ?? null;
}

/** The feed site when `url` is one of its feeds, else null. */
export function feedSiteForUrl(url: string | URL | undefined): FeedSite | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url instanceof URL ? url : new URL('');
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const site = feedSiteForHost(u.hostname);
  return site?.isFeed(u) ? site : null;
}

/** The default per-site switches: on for all five. */
export const DEFAULT_FEEDS: Record<FeedSiteId, boolean> = { x: true, bluesky: true, reddit: true, mastodon: true, hackernews: true };
