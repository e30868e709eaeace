// The per-site switch (settings.ui.sites[host]), read and written straight in extension
// storage by the page UI and the popup: a person's own click, kept with every other
// setting untouched. Odd stored values read as "not set".
import { browser } from 'wxt/browser';

export type SiteMode = 'allow' | 'deny';

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The switch for `site`, or undefined when it was never set. */
export async function readSiteMode(site: string): Promise<SiteMode | undefined> {
  const { settings } = await browser.storage.local.get('settings');
  const mode = record(record(record(settings).ui).sites)[site];
  return mode === 'allow' || mode === 'deny' ? mode : undefined;
}

/** Sets (or, with undefined, clears) the switch for `site`; returns what it was before, for an undo. */
export async function writeSiteMode(site: string, mode: SiteMode | undefined): Promise<SiteMode | undefined> {
  const { settings } = await browser.storage.local.get('settings');
  const s = record(settings);
  const ui = record(s.ui);
  const sites = { ...record(ui.sites) };
  const before = sites[site] === 'allow' || sites[site] === 'deny' ? (sites[site] as SiteMode) : undefined;
  if (mode) sites[site] = mode;
  else delete sites[site];
  await browser.storage.local.set({ settings: { ...s, ui: { ...ui, sites } } });
  return before;
}
