// The injection stages and the per-tab state that goes with them: after a web page's load
// event a first look (a function of a few hundred bytes), the detector only into pages
// where it sees a sign of AI, the UI only into pages about AI, each once per document;
// and one abort signal per tab page, so work for a page stops when it goes.
import type { browser } from 'wxt/browser';
import type { PageTopic, Settings } from '../schema';
import { DETECTOR_FLAG, DETECTOR_SCRIPT_PATH, isReadableUrl } from '../detector-script';
import { UI_FLAG, UI_SCRIPT_PATH } from '../ui-script';
import { firstLookArgs, firstLookInPage, type FirstLookAnswer } from '../extract/first-look';
import { siteMayOwn } from '../extract';

type ScriptFile = typeof DETECTOR_SCRIPT_PATH | typeof UI_SCRIPT_PATH;

export interface TabScriptsDeps {
  scripting: Pick<typeof browser.scripting, 'executeScript'>;
  getSettings: () => Promise<Settings>;
  /** The host policy: pages on private-network and intranet hosts are not read (SECURITY.md). */
  urlAllowed?: (url: string | undefined) => Promise<boolean>;
  warn?: (message: string) => void;
  /** Feed mode's injection (utils/context/feed-scripts.ts), after the detector's. */
  feeds?: { inject(tabId: number, url: string | undefined): Promise<void> };
  /** The first look found no sign of AI: the tab's page is analysed, with no topic. */
  notAboutAi?: (tabId: number) => Promise<void> | void;
}

export class TabScripts {
  /** Tabs whose page runs the UI script (events are sent to them). */
  readonly uiTabs = new Set<number>();
  private readonly pages = new Map<number, AbortController>();

  constructor(private readonly deps: TabScriptsDeps) {}

  /** Injects a script unless it already runs in the tab's document (client-side routes report 'complete' too). */
  private async injectOnce(tabId: number, file: ScriptFile, flag: string): Promise<void> {
    const [probe] = await this.deps.scripting.executeScript({
      target: { tabId },
      func: (name: string) => (globalThis as Record<string, unknown>)[name] === true,
      args: [flag],
    });
    if (probe?.result === true) return;
    await this.deps.scripting.executeScript({ target: { tabId }, files: [file] });
  }

  /**
   * First stage, once the page has loaded (unless the site is turned off): the first look,
   * the very function the shared path runs (utils/extract/first-look.ts), then the detector
   * only when it sees a sign of AI. Most pages are not about AI, and on them a function run
   * in the tab costs far less than a 30 KB script. Pages a site extractor may own (X,
   * Bluesky, Reddit…) skip the first look, as they do in the shared path.
   */
  async injectDetector(tabId: number, url: string | undefined): Promise<void> {
    if (!isReadableUrl(url)) return;
    if (this.deps.urlAllowed && !(await this.deps.urlAllowed(url))) return;
    const { ui } = await this.deps.getSettings();
    if (ui.sites[new URL(url!).hostname] === 'deny') return;
    // Pages that cannot be scripted (the web store, error pages) refuse; nothing to do there.
    await this.injectDetectorIfAi(tabId, new URL(url!)).catch(() => {});
    await this.deps.feeds?.inject(tabId, url).catch(() => {});
  }

  private async injectDetectorIfAi(tabId: number, url: URL): Promise<void> {
    if (siteMayOwn(url)) return this.injectOnce(tabId, DETECTOR_SCRIPT_PATH, DETECTOR_FLAG);
    // One call both probes for a detector already running and takes the first look.
    const [look] = await this.deps.scripting.executeScript({ target: { tabId }, func: firstLookInPage, args: firstLookArgs(DETECTOR_FLAG) });
    const answer = look?.result as FirstLookAnswer | undefined;
    if (answer?.running) return;
    if (answer && !answer.ai) return void (await this.deps.notAboutAi?.(tabId));
    await this.deps.scripting.executeScript({ target: { tabId }, files: [DETECTOR_SCRIPT_PATH] });
  }

  /** Second stage: the UI, only into tabs where an AI topic was found, and not on turned-off sites. */
  async injectUi(tabId: number, topic: PageTopic): Promise<void> {
    const { ui } = await this.deps.getSettings();
    if (ui.sites[topic.site] === 'deny' || (!ui.sidebar && !ui.highlights)) return;
    try {
      await this.injectOnce(tabId, UI_SCRIPT_PATH, UI_FLAG);
      this.uiTabs.add(tabId);
    } catch (err) {
      this.deps.warn?.(`could not add the UI to tab ${tabId}: ${(err as Error).message}`);
    }
  }

  /** The signal of the tab's current page: aborted when it closes or moves on. */
  signal(tabId: number): AbortSignal {
    let c = this.pages.get(tabId);
    if (!c) this.pages.set(tabId, (c = new AbortController()));
    return c.signal;
  }

  /** The tab moved to another page (or route): stop what was being done for the old one. */
  navigated(tabId: number, urlChanged: boolean): void {
    this.uiTabs.delete(tabId);
    if (urlChanged) this.pageGone(tabId);
  }

  closed(tabId: number): void {
    this.uiTabs.delete(tabId);
    this.pageGone(tabId);
  }

  private pageGone(tabId: number): void {
    this.pages.get(tabId)?.abort(new DOMException('The tab closed or moved on', 'AbortError'));
    this.pages.delete(tabId);
  }
}
