// Feed mode: injected by the background into pages of X, Bluesky, Reddit, Mastodon
// instances and Hacker News only (never into other sites; the always-on detector stays
// small). On a feed it reads posts one by one as they scroll into view and marks the
// ones about AI (utils/feeds/controller.ts); off a feed it idles, and it follows the
// apps' client-side navigation. Hover cards for underlined names live in a closed shadow
// root; only trusted input opens them.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../utils/messaging/client';
import { FEED_FLAG } from '../../utils/feed-script';
import { feedSiteForHost, type FeedSite } from '../../utils/feeds';
import { FeedController } from '../../utils/feeds/controller';
import { feedSettingsOf } from '../../utils/feeds/feed-settings';
import type { HighlightTerm } from '../../utils/highlight';
import { HighlightPainter } from '../../utils/highlight/paint';
import { HoverCards } from '../../components/HoverCards';
import './style.css';

export default defineContentScript({
  // Never listed in the manifest: the background injects it with scripting.executeScript.
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    (globalThis as Record<string, unknown>)[FEED_FLAG] = true;
    ctx.onInvalidated(() => delete (globalThis as Record<string, unknown>)[FEED_FLAG]);
    const site = feedSiteForHost(location.hostname);
    if (!site) return;
    const page = new FeedPage(ctx, site);
    ctx.addEventListener(window, 'wxt:locationchange', () => void page.follow());
    // Turning feed mode (or the site) off in the options takes effect at once.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) void page.follow();
    };
    browser.storage.onChanged.addListener(onChanged);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onChanged));
    await page.follow();
  },
});

/** Feed mode on the current view: on while it is a feed of the site and the settings allow it. */
class FeedPage {
  private controller: FeedController | undefined;
  private ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  private painter: HighlightPainter | undefined;
  private generation = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly site: FeedSite,
  ) {
    ctx.onInvalidated(() => this.teardown());
  }

  async follow(): Promise<void> {
    const gen = ++this.generation;
    const { settings } = await browser.storage.local.get('settings');
    if (gen !== this.generation || this.ctx.isInvalid) return;
    const s = feedSettingsOf(settings, this.site.id, location.hostname);
    const onFeed = this.site.isFeed(new URL(location.href));
    this.teardown();
    if (!onFeed || !s.enabled) return;
    const ctx = this.ctx;
    const controller = new FeedController({
      doc: document,
      site: this.site,
      chips: s.chips,
      names: s.names,
      data: async () => {
        const r = await sendMessage('getDetectorData', {});
        return r.ok ? r.value : null;
      },
      pulse: async (beat) => {
        const r = await sendMessage('getBeatPulse', { beat });
        return r.ok ? r.value.pulse : null;
      },
      report: (focus) => void sendMessage('reportFeedFocus', { focus }),
      scheduler: {
        now: () => performance.now(),
        requestIdle: (cb, timeout) => ctx.requestIdleCallback(cb, { timeout }),
        cancelIdle: (h) => cancelIdleCallback(h as number),
      },
      setTimer: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as number),
      frame: (fn) => void ctx.requestAnimationFrame(() => fn()),
      // User-timing marks for `npm run bench`: the feed work, slice by slice.
      onSlice: (items, ms, postMs) => performance.mark('undercurrent:feed-slice', { detail: { items, ms, postMs } }),
      now: () => performance.now(),
      onEntities: (entities) => this.renderCards(entities),
    });
    this.controller = controller;
    const h = controller.highlighter;
    if (h) {
      const painter = new HighlightPainter(document);
      this.painter = painter;
      // One paint per frame, however many posts got their underlines in it.
      let queued = false;
      h.subscribe(() => {
        if (queued) return;
        queued = true;
        ctx.requestAnimationFrame(() => {
          queued = false;
          if (this.painter === painter) painter.paint(h.marks());
        });
      });
      await this.mountCards(gen);
    }
    if (gen !== this.generation) return;
    await controller.start();
  }

  private entities: HighlightTerm[] = [];
  private container: HTMLElement | undefined;
  private host: Element | undefined;

  /** The hover-card layer: one closed shadow root for the whole feed. */
  private async mountCards(gen: number): Promise<void> {
    const ui = await createShadowRootUi(this.ctx, {
      name: 'undercurrent-ui',
      position: 'inline',
      anchor: 'html',
      append: 'last',
      isolateEvents: true,
      mode: 'closed',
      onMount: (container, _shadow, host) => {
        this.container = container;
        this.host = host;
        this.renderCards(this.entities);
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    if (gen !== this.generation || this.ctx.isInvalid) return;
    this.ui = ui;
    ui.mount();
  }

  private renderCards(entities: HighlightTerm[]): void {
    this.entities = entities;
    const h = this.controller?.highlighter;
    if (!this.container || !this.host || !h) return;
    render(<HoverCards send={sendMessage} beat={null} entities={entities} targets={h} doc={document} host={this.host} />, this.container);
  }

  private teardown(): void {
    this.controller?.stop();
    this.controller = undefined;
    this.painter?.clear();
    this.painter = undefined;
    this.ui?.remove();
    this.ui = undefined;
    this.container = undefined;
    this.host = undefined;
    this.entities = [];
  }
}
