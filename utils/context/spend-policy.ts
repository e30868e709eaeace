// What a page can make the extension spend. A page that rewrites its URL hundreds of
// times must not turn into hundreds of upstream searches, and nothing but a person
// looking may cause a narrative (Claude tokens). Pure logic over an injected clock, so
// tests drive it with a fake one; the background feeds it tab and window events.
import type { Settings } from '../schema';

export type Limits = Settings['limits'];

/** Why a fetch was held back: the UI names it in plain words (see `holdMessage`). */
export type HoldReason = 'background-tab' | 'tab-rate' | 'site-rate' | 'tab-hourly-cap' | 'private-host';

export interface Hold {
  reason: HoldReason;
  /** When asking again can succeed (epoch ms); null when it will not by waiting. */
  retryAt: number | null;
}

/** The sentence the popup and sidebar show for a hold. */
export function holdMessage(hold: Pick<Hold, 'reason'>): string {
  switch (hold.reason) {
    case 'background-tab':
      return 'Not fetched: this tab is in the background. Undercurrent fetches for the tab you are looking at.';
    case 'tab-rate':
      return 'Not fetched yet: this page changed topic many times in the last minute, so Undercurrent is pausing its lookups for this tab.';
    case 'site-rate':
      return 'Not fetched yet: pages on this site changed topic many times in the last minute, so Undercurrent is pausing its lookups for the site.';
    case 'tab-hourly-cap':
      return 'Not fetched: this tab reached its limit of new topics for the hour (see Limits and privacy in the options).';
    case 'private-host':
      return 'Undercurrent is off on private-network and intranet pages: nothing on this page was read or sent (it can be turned on under Limits and privacy in the options).';
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Rate limits on new topics: per tab per minute, per site per minute, and a hard cap of
 * distinct topics per tab per hour. A topic the tab already fetched within the hour
 * costs nothing again (a page flipping between two views is not punished).
 */
export class TopicLimiter {
  /** Per tab: when each distinct topic was first fetched in the last hour. */
  private readonly tabs = new Map<number, Map<string, number>>();
  /** Per site: when new topics were fetched, last minute only. */
  private readonly sites = new Map<string, number[]>();

  constructor(private readonly deps: { clock: () => number; limits: () => Limits }) {}

  /** Admits a fetch of `key` for a tab on `site` (and counts it), or says why not. */
  admit(tabId: number, site: string, key: string): Hold | null {
    const now = this.deps.clock();
    const limits = this.deps.limits();
    const seen = this.tabs.get(tabId) ?? new Map<string, number>();
    for (const [k, at] of seen) if (now - at >= HOUR) seen.delete(k);
    if (seen.has(key)) return null;

    const tabTimes = [...seen.values()].sort((a, b) => a - b);
    if (tabTimes.length >= limits.topicsPerTabPerHour) return { reason: 'tab-hourly-cap', retryAt: tabTimes[tabTimes.length - limits.topicsPerTabPerHour]! + HOUR };
    const lastMinute = tabTimes.filter((at) => now - at < MINUTE);
    if (lastMinute.length >= limits.topicsPerTabPerMinute) return { reason: 'tab-rate', retryAt: lastMinute[lastMinute.length - limits.topicsPerTabPerMinute]! + MINUTE };
    const siteTimes = (this.sites.get(site) ?? []).filter((at) => now - at < MINUTE);
    if (siteTimes.length >= limits.topicsPerSitePerMinute) return { reason: 'site-rate', retryAt: siteTimes[siteTimes.length - limits.topicsPerSitePerMinute]! + MINUTE };

    seen.set(key, now);
    this.tabs.set(tabId, seen);
    siteTimes.push(now);
    this.sites.set(site, siteTimes);
    return null;
  }

  /** The tab closed: its counts go (a new tab starts afresh; the per-site limit still holds). */
  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
  }
}

export interface AttentionDeps {
  clock: () => number;
  dwellMs: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** A tab has been in front, on the same topic, for the dwell time. */
  onDwell?: (tabId: number, key: string) => void;
  /** A tab came to the front (it may have been held back as a background tab). */
  onForeground?: (tabId: number) => void;
}

/** Window id meaning "no browser window has focus" (browser.windows.WINDOW_ID_NONE). */
export const NO_WINDOW = -1;

interface TabState {
  windowId: number;
  key: string | null;
  /** Since when the tab has shown `key`. */
  keySince: number;
}

/**
 * Which tab a person is looking at: the active tab of the focused window. And whether
 * they have stayed on its topic for the dwell time, the one case in which a narrative is
 * written without the popup or a sidebar the user opened.
 */
export class Attention {
  private readonly active = new Map<number, number>(); // windowId → tabId
  private focusedWindow = NO_WINDOW;
  /** Since when the current front tab has been in front. */
  private frontSince = 0;
  private readonly tabs = new Map<number, TabState>();
  private timer: unknown;

  constructor(private readonly deps: AttentionDeps) {}

  /** The tab a person is looking at, if any. */
  front(): number | null {
    return this.focusedWindow === NO_WINDOW ? null : (this.active.get(this.focusedWindow) ?? null);
  }

  /** Active in the focused window. */
  isForeground(tabId: number): boolean {
    return this.front() === tabId;
  }

  /** In front and on `key` for at least the dwell time. */
  dwelled(tabId: number, key: string): boolean {
    const t = this.tabs.get(tabId);
    if (!this.isForeground(tabId) || !t || t.key !== key) return false;
    return this.deps.clock() - Math.max(t.keySince, this.frontSince) >= this.deps.dwellMs();
  }

  /** State at start (or after the worker restarted): the active tab of each window and the focused window. */
  seed(activeTabs: { tabId: number; windowId: number }[], focusedWindow: number): void {
    for (const { tabId, windowId } of activeTabs) this.active.set(windowId, tabId);
    this.focusedWindow = focusedWindow;
    this.frontChanged();
  }

  activated(tabId: number, windowId: number): void {
    this.active.set(windowId, tabId);
    const t = this.tabs.get(tabId);
    if (t) t.windowId = windowId;
    if (windowId === this.focusedWindow) this.frontChanged();
  }

  focusChanged(windowId: number): void {
    if (windowId === this.focusedWindow) return;
    this.focusedWindow = windowId;
    this.frontChanged();
  }

  /** The tab reported a topic (null: none); a new key restarts its dwell. */
  topicChanged(tabId: number, key: string | null): void {
    const t = this.tabs.get(tabId);
    // The same topic again (a reload, a re-report) keeps its dwell.
    if (!t || t.key !== key) this.tabs.set(tabId, { windowId: t?.windowId ?? NO_WINDOW, key, keySince: this.deps.clock() });
    if (this.isForeground(tabId)) this.schedule();
  }

  /** Someone waits for this tab's dwell: make sure a timer runs for it, with the dwell time as set now. */
  nudge(tabId: number): void {
    if (this.isForeground(tabId)) this.schedule();
  }

  closed(tabId: number): void {
    this.tabs.delete(tabId);
    for (const [w, id] of this.active) if (id === tabId) this.active.delete(w);
  }

  private frontChanged(): void {
    this.frontSince = this.deps.clock();
    const front = this.front();
    if (front !== null) this.deps.onForeground?.(front);
    this.schedule();
  }

  /** One timer, for the tab in front: it fires when that tab's dwell time is up. */
  private schedule(): void {
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
    const front = this.front();
    const t = front === null ? undefined : this.tabs.get(front);
    if (front === null || !t?.key) return;
    const key = t.key;
    const due = Math.max(t.keySince, this.frontSince) + this.deps.dwellMs() - this.deps.clock();
    this.timer = this.deps.setTimer(() => {
      this.timer = undefined;
      if (this.dwelled(front, key)) this.deps.onDwell?.(front, key);
    }, Math.max(0, due));
  }
}
