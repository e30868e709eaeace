// The page UI, injected by the background only into tabs whose page is about AI: the
// sidebar on articles, underlined names and their hover cards. Reads the topic the
// always-on detector reported (no second detection) and follows SPA navigation.
// Nothing here is reachable by the page: the UI is in a closed shadow root, names are
// underlined with highlight ranges (the page's DOM is never changed), and the lifecycle
// (utils/content-lifecycle.ts) sends and hears no page-visible messages.
import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage, subscribeToEvents } from '../../utils/messaging/client';
import { UI_FLAG } from '../../utils/ui-script';
import type { PageTopic } from '../../utils/schema';
import { topicUrl } from '../../utils/schema/urls';
import { Highlighter, aliasMatcher, findTextRoots, isExcluded, policyOptions, type HighlightTerm, type TextMatcher } from '../../utils/highlight';
import { HighlightPainter } from '../../utils/highlight/paint';
import { findEntities } from '../../utils/detect';
import { pageLanguage } from '../../utils/detect/lang';
import { watchContent } from '../../utils/highlight/observer';
import { PageUi } from '../../components/PageUi';
import { denySite, readPageSettings, readSidebarOpen, restoreSite, writeSidebarOpen } from './page-settings';
import './style.css';

export default defineContentScript({
  // Never listed in the manifest: the background injects it with scripting.executeScript.
  // The matches only scope the stylesheet's web_accessible_resources entry.
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // The background injects once per document; this flag is how it knows.
    (globalThis as Record<string, unknown>)[UI_FLAG] = true;
    ctx.onInvalidated(() => delete (globalThis as Record<string, unknown>)[UI_FLAG]);
    const page = new PageController(ctx);
    ctx.addEventListener(window, 'wxt:locationchange', () => void page.follow());
    await page.start();
  },
});


/** One page's UI: mounts for an AI topic, tears everything down for none, and follows navigation. */
class PageController {
  private ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  private highlighter: Highlighter | undefined;
  private painter: HighlightPainter | undefined;
  private stopPainting: (() => void) | undefined;
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
      if (topic === null || topic.url === topicUrl(location.href)) {
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
    const terms: HighlightTerm[] = topic.entities.map((e) => ({ id: e.id, name: e.name, kind: e.kind, known: e.known, aliases: [] }));
    // The matcher arrives with the detector data; until then nothing matches.
    let match: TextMatcher = () => [];
    // The underline policy (default: the first mention of each name per section) bounds the marks.
    const policy = policyOptions(settings.underline);
    const h = new Highlighter(terms, { find: (text) => match(text), minLength: 3, ...policy, yieldToPage: () => new Promise<void>((r) => this.ctx.setTimeout(() => r(), 0)) });
    this.highlighter = h;
    if (settings.highlights && settings.underline !== 'none' && topic.entities.length) void this.highlight(topic, h, policy.maxPerEntity ?? Number.POSITIVE_INFINITY, (m) => (match = m));
    if (!showSidebar && !settings.highlights) return;
    const initialOpen = showSidebar && (await readSidebarOpen(this.site));
    let denied: ReturnType<typeof denySite> = Promise.resolve(undefined);
    const ui = await createShadowRootUi(this.ctx, {
      name: 'undercurrent-ui',
      position: 'inline',
      anchor: 'html',
      append: 'last',
      isolateEvents: true,
      // Closed: page scripts get no way in (host.shadowRoot is null for them).
      mode: 'closed',
      onMount: (container, _shadow, host) => {
        render(
          <PageUi
            send={sendMessage}
            subscribe={subscribeToEvents}
            tabId={tabId}
            topic={topic}
            site={this.site}
            showSidebar={showSidebar}
            showCards={settings.highlights}
            initialOpen={initialOpen}
            onOpenChange={(open) => void writeSidebarOpen(this.site, open)}
            onDisableSite={() => {
              // Underlines go at once; the UI stays for the undo toast.
              this.stopHighlighting();
              denied = denySite(this.site);
            }}
            // After the deny is written (a quick undo must not be overwritten by it), put the switch back as it was.
            onUndoDisable={() => void denied.then((before) => restoreSite(this.site, before)).then(() => this.apply(tabId, topic))}
            onOffDismissed={() => this.teardown()}
            doc={document}
            host={host}
            targets={h}
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

  /** Underlines the topic's entities now, then in content the page adds or re-renders later. */
  private async highlight(topic: PageTopic, h: Highlighter, perName: number, setMatcher: (m: TextMatcher) => void): Promise<void> {
    const data = await sendMessage('getDetectorData', {});
    if (this.ctx.isInvalid || this.highlighter !== h) return;
    const ids = new Set(topic.entities.map((e) => e.id));
    if (data.ok) {
      // The detector's own matcher (case, hyphen and variant folding), limited to the names the page is about.
      // Most text nodes name none of the names still to underline: a one-regex look for a
      // word of any of their spellings skips them before the full matcher runs, and the
      // regex narrows as names get their marks. With the page-only matcher below, the
      // 5,000-element bench page went from 58 ms to 9 ms (BENCHMARKS.md).
      // The detector's matcher, built over this page's entities only: compiling the whole
      // gazetteer would cost more than the pass itself.
      // (The beat lexicon is left out too: highlighting never scores beats.)
      const detector = { ...data.value, beats: {} as typeof data.value.beats, entities: data.value.entities.filter((e) => ids.has(e.id)) };
      const spellings = new Map<string, string[]>();
      for (const e of topic.entities) spellings.set(e.id, [e.name]);
      for (const e of detector.entities) if (ids.has(e.id)) spellings.get(e.id)!.push(e.name, ...e.aliases);
      let open = new Set<string>();
      let quick = /$^/;
      // The page's language, as the detector reads it: an everyday word of that language is no name.
      const lang = pageLanguage(document.documentElement.lang, document.title);
      setMatcher((text) => {
        const counts = h.counts();
        if ([...ids].some((id) => open.has(id) !== (counts.get(id) ?? 0) < perName)) {
          open = new Set([...ids].filter((id) => (counts.get(id) ?? 0) < perName));
          quick = anyWordOf([...open].flatMap((id) => spellings.get(id) ?? []));
        }
        return quick.test(text) ? findEntities(text, detector, ids, lang).filter((m) => open.has(m.id)) : [];
      });
    } else {
      setMatcher(aliasMatcher(h.terms));
    }
    const painter = new HighlightPainter(document);
    this.painter = painter;
    this.stopPainting = h.subscribe(() => painter.paint(h.marks()));
    this.pass = new AbortController();
    const signal = this.pass.signal;
    // User-timing marks for `npm run bench` (the highlight pass, slices included).
    performance.mark('undercurrent:highlight-start');
    const pass = await h.run(findTextRoots(document), signal);
    performance.mark('undercurrent:highlight-end', { detail: { nodes: pass.nodes, slices: pass.slices, marks: pass.marks, longestSliceMs: pass.longestSliceMs } });
    if (signal.aborted || this.highlighter !== h) return;
    const inText = (el: Element) => !!el.closest('article, main, [role="main"]') || !document.querySelector('article, main, [role="main"]');
    this.stopWatching = watchContent(
      document.body,
      {
        onAdded: (added) => void h.run(added.filter(inText), signal),
        // Re-rendered text: drop the ranges it invalidated and look at it again, before the next paint.
        onText: (texts) => h.refresh(texts.filter((t) => t.parentElement && inText(t.parentElement) && !isExcluded(t))),
      },
      { setTimer: (fn, ms) => this.ctx.setTimeout(fn, ms), clearTimer: (id) => clearTimeout(id as number) },
    );
  }

  private teardown(): void {
    this.stopHighlighting();
    this.ui?.remove();
    this.ui = undefined;
  }

  /** Stops and clears the underlines (the shadow UI, if any, stays). */
  private stopHighlighting(): void {
    this.pass?.abort();
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.highlighter?.clear();
    this.highlighter = undefined;
    this.stopPainting?.();
    this.stopPainting = undefined;
    this.painter?.clear();
    this.painter = undefined;
  }
}

/**
 * A case-insensitive regex for the longest word of each spelling: every match the
 * detector can make (case, hyphen, space and run-together folds) contains one of them.
 */
function anyWordOf(spellings: string[]): RegExp {
  const words = new Set<string>();
  for (const s of spellings) {
    const longest = s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .sort((a, b) => b.length - a.length)[0];
    if (!longest) continue;
    // Both with and without diacritics: the detector folds "Tulu" onto "Tülu".
    for (const w of [longest, longest.normalize('NFD').replace(/\p{M}+/gu, '')]) words.add(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  return words.size ? new RegExp([...words].join('|'), 'iu') : /$^/;
}
