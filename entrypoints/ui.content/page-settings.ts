// The few settings the page UI needs, read straight from extension storage without zod
// (the background parses the settings; this script only reads three fields and writes
// two). Missing or odd values fall back to the defaults.
import { browser } from 'wxt/browser';

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

/** Turns Undercurrent off on `site` (ui.sites[site] = "deny"), keeping every other setting. */
export async function denySite(site: string): Promise<void> {
  const { settings } = await browser.storage.local.get('settings');
  const s = record(settings);
  const ui = record(s.ui);
  await browser.storage.local.set({ settings: { ...s, ui: { ...ui, sites: { ...record(ui.sites), [site]: 'deny' } } } });
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
