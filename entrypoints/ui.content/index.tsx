// The page UI, injected by the background only into tabs whose page is about AI: the
// sidebar on articles, underlined names and their hover cards. Reads the topic the
// always-on detector reported (no second detection) and follows SPA navigation.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../utils/messaging/client';
import type { PageTopic } from '../../utils/schema';
import { Highlighter, findTextRoots, type HighlightTerm, type TextMatcher } from '../../utils/highlight';
import { findEntities } from '../../utils/detect';
import { watchAddedContent } from '../../utils/highlight/observer';
import { isBackgroundEvent, type Subscribe } from '../../components/client';
import { PageUi } from '../../components/PageUi';
import { denySite, readPageSettings, readSidebarOpen, writeSidebarOpen } from './page-settings';
import './style.css';

export default defineContentScript({
  // Never listed in the manifest: the background injects it with scripting.executeScript.
  // The matches only scope the stylesheet's web_accessible_resources entry.
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const page = new PageController(ctx);
    ctx.addEventListener(window, 'wxt:locationchange', () => void page.follow());
    await page.start();
  },
});

const subscribe: Subscribe = (listener) => {
  const onMessage = (message: unknown) => {
    if (isBackgroundEvent(message)) listener(message);
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
};

/** One page's UI: mounts for an AI topic, tears everything down for none, and follows navigation. */
class PageController {
  private ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  private highlighter: Highlighter | undefined;
  private stopWatching: (() => void) | undefined;
  private pass: AbortController | undefined;
  private generation = 0;
  private readonly site = location.hostname;

  constructor(private readonly ctx: ContentScriptContext) {
    ctx.onInvalidated(() => this.teardown());
  }

  /** First mount: the topic is already reported (that is why we were injected). */
  async start(): Promise<void> {
    const reply = await sendMessage('getTabTopic', {});
    if (!reply.ok || this.ctx.isInvalid) return;
    await this.apply(reply.value.tabId, reply.value.topic);
  }

  /** After a client-side navigation: wait for the detector's report on the new URL, then re-apply. */
  async follow(): Promise<void> {
    const gen = ++this.generation;
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((r) => this.ctx.setTimeout(() => r(), 300));
      if (gen !== this.generation || this.ctx.isInvalid) return;
      const reply = await sendMessage('getTabTopic', {});
      if (!reply.ok) return;
      const { tabId, topic } = reply.value;
      // null: the new page is not about AI; an old URL: the detector has not reported yet.
      if (topic === null || topic.url === location.href) {
        await this.apply(tabId, topic);
        return;
      }
    }
  }

  private async apply(tabId: number, topic: PageTopic | null): Promise<void> {
    this.teardown();
    if (!topic?.beat || this.ctx.isInvalid) return;
    const settings = await readPageSettings(this.site);
    if (settings.site === 'deny' || (!settings.highlights && !settings.sidebar)) return;
    const showSidebar = settings.sidebar && topic.kind === 'article';
    if (settings.highlights && topic.entities.length) void this.highlight(topic);
    if (!showSidebar && !settings.highlights) return;
    const initialOpen = showSidebar && (await readSidebarOpen(this.site));
    const ui = await createShadowRootUi(this.ctx, {
      name: 'undercurrent-ui',
      position: 'inline',
      anchor: 'html',
      append: 'last',
      isolateEvents: true,
      onMount: (container, _shadow, host) => {
        host.setAttribute('data-undercurrent-ui', '');
        render(
          <PageUi
            send={sendMessage}
            subscribe={subscribe}
            tabId={tabId}
            topic={topic}
            site={this.site}
            showSidebar={showSidebar}
            showCards={settings.highlights}
            initialOpen={initialOpen}
            onOpenChange={(open) => void writeSidebarOpen(this.site, open)}
            onDisableSite={() => void denySite(this.site).then(() => this.teardown())}
            doc={document}
            host={host}
          />,
          container,
        );
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    if (this.ctx.isInvalid) return;
    this.ui = ui;
    ui.mount();
  }

  /** Underlines the topic's entities now, then in content the page adds later. */
  private async highlight(topic: PageTopic): Promise<void> {
    const data = await sendMessage('getDetectorData', {});
    if (this.ctx.isInvalid) return;
    const terms: HighlightTerm[] = topic.entities.map((e) => ({ id: e.id, name: e.name, kind: e.kind, known: e.known, aliases: [] }));
    const ids = new Set(terms.map((t) => t.id));
    // The detector's own matcher (case, hyphen and variant folding), limited to the names the page is about.
    const find: TextMatcher | undefined = data.ok ? (text) => findEntities(text, data.value, ids).filter((m) => ids.has(m.id)) : undefined;
    const h = new Highlighter(terms, { find, minLength: 3, yieldToPage: () => new Promise<void>((r) => this.ctx.setTimeout(() => r(), 0)) });
    this.highlighter = h;
    this.pass = new AbortController();
    const signal = this.pass.signal;
    // User-timing marks for `npm run bench` (the highlight pass, slices included).
    performance.mark('undercurrent:highlight-start');
    await h.run(findTextRoots(document), signal);
    performance.mark('undercurrent:highlight-end');
    if (signal.aborted || this.highlighter !== h) return;
    this.stopWatching = watchAddedContent(
      document.body,
      (added) => void h.run(added.filter((el) => el.closest('article, main, [role="main"]') || !document.querySelector('article, main, [role="main"]')), signal),
      { setTimer: (fn, ms) => this.ctx.setTimeout(fn, ms), clearTimer: (id) => clearTimeout(id as number) },
    );
  }

  private teardown(): void {
    this.pass?.abort();
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.highlighter?.clear();
    this.highlighter = undefined;
    this.ui?.remove();
    this.ui = undefined;
  }
}
