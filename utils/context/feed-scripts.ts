// Feed mode's injection, kept apart from the detector's and the UI's (tab-scripts.ts calls
// it): the feed script goes into pages of the five feed sites whose switch is on, once
// per document. It runs on every page of those hosts and idles off their feeds, so it
// follows the apps' client-side navigation into and out of a timeline.
import type { browser } from 'wxt/browser';
import type { Settings } from '../schema';
import { feedSiteForHost, feedSiteForUrl } from '../feeds';
import { FEED_FLAG, FEED_SCRIPT_PATH } from '../feed-script';

export interface FeedScriptsDeps {
  scripting: Pick<typeof browser.scripting, 'executeScript'>;
  getSettings: () => Promise<Settings>;
}

export class FeedScripts {
  constructor(private readonly deps: FeedScriptsDeps) {}

  /** Whether feed mode is on for the site owning `url` (settings as they are now). */
  async enabledFor(url: string | undefined): Promise<boolean> {
    let host: string;
    try {
      host = new URL(url ?? '').hostname;
    } catch {
      return false;
    }
    const site = feedSiteForHost(host);
    if (!site) return false;
    const { ui } = await this.deps.getSettings();
    return ui.sites[host] !== 'deny' && ui.feeds[site.id];
  }

  /** Injects the feed script into a loaded page of a feed site (the caller already checked the host policy). */
  async inject(tabId: number, url: string | undefined): Promise<void> {
    if (!(await this.enabledFor(url))) return;
    const [probe] = await this.deps.scripting.executeScript({
      target: { tabId },
      func: (name: string) => (globalThis as Record<string, unknown>)[name] === true,
      args: [FEED_FLAG],
    });
    if (probe?.result === true) return;
    await this.deps.scripting.executeScript({ target: { tabId }, files: [FEED_SCRIPT_PATH] });
  }

  /**
   * Whether a topic reported from `topicUrl` is a feed's (the whole-page detector's view
   * of a timeline) while feed mode handles that feed: then the page UI stays out, the
   * feed script shows the posts.
   */
  async ownsPage(topicUrl: string): Promise<boolean> {
    return !!feedSiteForUrl(topicUrl) && (await this.enabledFor(topicUrl));
  }
}
