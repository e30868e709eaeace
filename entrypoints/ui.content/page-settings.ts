// The few settings the page UI needs, read straight from extension storage without zod
// (the background parses the settings; this script only reads three fields and writes
// two). Missing or odd values fall back to the defaults.
import { browser } from 'wxt/browser';
import { writeSiteMode, type SiteMode } from '../../utils/site-switch';

export interface PageSettings {
  highlights: boolean;
  /** Which mentions get underlined (default: the first in each section). */
  underline: 'all' | 'first' | 'none';
  sidebar: boolean;
  /** "deny" for this site turns everything off. */
  site: 'allow' | 'deny' | undefined;
}

const OPEN_KEY = 'uiSidebarOpen';

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Reads ui.highlights, ui.underline, ui.sidebar and ui.sites[site]. */
export async function readPageSettings(site: string): Promise<PageSettings> {
  const { settings } = await browser.storage.local.get('settings');
  const ui = record(record(settings).ui);
  const mode = record(ui.sites)[site];
  return {
    highlights: ui.highlights !== false,
    underline: ui.underline === 'all' || ui.underline === 'none' ? ui.underline : 'first',
    sidebar: ui.sidebar !== false,
    site: mode === 'allow' || mode === 'deny' ? mode : undefined,
  };
}

/** Turns Undercurrent off on `site` (ui.sites[site] = "deny"), keeping every other setting; returns the switch before, for the undo. */
export function denySite(site: string): Promise<SiteMode | undefined> {
  return writeSiteMode(site, 'deny');
}

/** Puts the switch for `site` back as it was before `denySite`. */
export async function restoreSite(site: string, before: SiteMode | undefined): Promise<void> {
  await writeSiteMode(site, before);
}

/** Whether the sidebar was left open on this site. */
export async function readSidebarOpen(site: string): Promise<boolean> {
  const stored = await browser.storage.local.get(OPEN_KEY);
  return record(stored[OPEN_KEY])[site] === true;
}

export async function writeSidebarOpen(site: string, open: boolean): Promise<void> {
  const stored = await browser.storage.local.get(OPEN_KEY);
  await browser.storage.local.set({ [OPEN_KEY]: { ...record(stored[OPEN_KEY]), [site]: open } });
}
