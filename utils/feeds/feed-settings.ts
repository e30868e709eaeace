// The settings the feed script needs, read straight from extension storage without zod
// (the background parses the settings; this script only reads). Missing or odd values
// fall back to the defaults: feed mode and chips on.
import type { FeedSiteId } from './types';

export interface FeedSettings {
  /** Feed mode on for this site, and the site not turned off. */
  enabled: boolean;
  chips: boolean;
  /** Underlines and hover cards (ui.highlights, unless underlines are set to none). */
  names: boolean;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Reads ui.feeds[site], ui.feedChips, ui.highlights, ui.underline and ui.sites[host] from a stored settings value. */
export function feedSettingsOf(settings: unknown, site: FeedSiteId, host: string): FeedSettings {
  const ui = record(record(settings).ui);
  return {
    enabled: record(ui.feeds)[site] !== false && record(ui.sites)[host] !== 'deny',
    chips: ui.feedChips !== false,
    names: ui.highlights !== false && ui.underline !== 'none',
  };
}
