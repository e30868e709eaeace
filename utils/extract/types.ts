// The shape every site extractor has: one file per site under sites/ (refined-github's habit).
import type { ExtractedPage } from '../detect/types';

export interface SiteExtractor {
  name: string;
  /**
   * True when this extractor owns the page (by host, or by markup for self-hosted software
   * like Mastodon). Without a document: whether it may own a page at that address.
   */
  matches(url: URL, doc?: Document): boolean;
  /**
   * The post or article, or null for pages of this site that are left alone (feeds,
   * search, settings). A generator so long pages can be read in slices.
   */
  extract(doc: Document, url: URL): Generator<void, ExtractedPage | null>;
}
