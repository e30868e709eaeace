import { describe, expect, it } from 'vitest';
import { TabScripts } from '../../../utils/context/tab-scripts';
import { Settings, type PageTopic } from '../../../utils/schema';

const AI_PAGE = '<html><head><title>DeepSeek releases V3.2 with open weights</title></head><body><p>The lab said…</p></body></html>';
const PLAIN_PAGE = '<html><head><title>Bus lanes on Main Street</title></head><body><h1>Bus lanes</h1><p>The council voted.</p></body></html>';

/**
 * A fake `scripting`: file injections are recorded; a `func` injection runs the real
 * function, serialised and rebuilt as the browser does (so it may use nothing from its
 * module), against the tab's page, with the tab's detector flag set or not.
 */
function fakeScripting(running: Set<string>, pages: Record<number, string> = {}) {
  const calls: { tabId: number; files?: string[]; probe?: string }[] = [];
  return {
    calls,
    scripting: {
      executeScript: (async (inj: { target: { tabId: number }; files?: string[]; func?: (...a: unknown[]) => unknown; args?: string[] }) => {
        const tabId = inj.target.tabId;
        if (inj.files) {
          calls.push({ tabId, files: inj.files });
          return [];
        }
        const flag = inj.args?.[0] ?? '';
        calls.push({ tabId, probe: flag });
        const func = new Function(`return (${inj.func!.toString()})`)() as (...a: unknown[]) => unknown;
        const g = globalThis as Record<string, unknown>;
        if (running.has(`${tabId}:${flag}`)) g[flag] = true;
        try {
          const doc = new DOMParser().parseFromString(pages[tabId] ?? AI_PAGE, 'text/html');
          return [{ result: func(...(inj.args ?? []), doc) }];
        } finally {
          delete g[flag];
        }
      }) as never,
    },
  };
}

const topic = (site: string) => ({ site, beat: { id: 'open-source-ai', score: 1 } }) as unknown as PageTopic;

describe('TabScripts', () => {
  it.each([
    ['a web page', 'https://news.example/a', 1],
    ['a denied site', 'https://blocked.example/a', 0],
    ['a browser page', 'chrome://settings', 0],
    ['an extension page', 'chrome-extension://abc/popup.html', 0],
    ['a local file', 'file:///tmp/a.html', 0],
  ])('injects the detector into %s: %i time(s)', async (_what, url, times) => {
    const f = fakeScripting(new Set());
    const tabs = new TabScripts({ scripting: f.scripting, getSettings: async () => Settings.parse({ ui: { sites: { 'blocked.example': 'deny' } } }) });
    await tabs.injectDetector(7, url);
    expect(f.calls.filter((c) => c.files)).toHaveLength(times);
  });

  it('injects once per document: a page that already runs the detector is left alone', async () => {
    const f = fakeScripting(new Set(['7:__undercurrentDetector']));
    const tabs = new TabScripts({ scripting: f.scripting, getSettings: async () => Settings.parse({}) });
    await tabs.injectDetector(7, 'https://news.example/a');
    expect(f.calls).toEqual([{ tabId: 7, probe: '__undercurrentDetector' }]);
  });

  it('takes a first look before the detector: a page with no sign of AI gets no detector and is reported as analysed, with no topic', async () => {
    const f = fakeScripting(new Set(), { 1: AI_PAGE, 2: PLAIN_PAGE });
    const none: number[] = [];
    const tabs = new TabScripts({ scripting: f.scripting, getSettings: async () => Settings.parse({}), notAboutAi: (tabId) => void none.push(tabId) });
    await tabs.injectDetector(1, 'https://news.example/ai');
    await tabs.injectDetector(2, 'https://news.example/buses');
    expect(f.calls).toEqual([
      { tabId: 1, probe: '__undercurrentDetector' },
      { tabId: 1, files: ['/content-scripts/content.js'] },
      { tabId: 2, probe: '__undercurrentDetector' },
    ]);
    expect(none).toEqual([2]);
  });

  it.each([
    ['an X status', 'https://x.com/someone/status/1'],
    ['a Bluesky post', 'https://bsky.app/profile/a.bsky.social/post/3k'],
    ['a Reddit thread', 'https://www.reddit.com/r/LocalLLaMA/comments/1/x/'],
    ['a Mastodon status (by its path)', 'https://mastodon.social/@someone/1234567'],
  ])('skips the first look on %s, as the shared path does: site extractors read one post', async (_what, url) => {
    const f = fakeScripting(new Set(), { 5: PLAIN_PAGE });
    const tabs = new TabScripts({ scripting: f.scripting, getSettings: async () => Settings.parse({}) });
    await tabs.injectDetector(5, url);
    expect(f.calls.filter((c) => c.files)).toEqual([{ tabId: 5, files: ['/content-scripts/content.js'] }]);
  });

  it.each([
    ['highlights and sidebar on', {}, 1],
    ['both off', { ui: { highlights: false, sidebar: false } }, 0],
    ['the site turned off', { ui: { sites: { 'news.example': 'deny' } } }, 0],
  ])('injects the UI with %s: %i time(s)', async (_what, settings, times) => {
    const f = fakeScripting(new Set());
    const tabs = new TabScripts({ scripting: f.scripting, getSettings: async () => Settings.parse(settings) });
    await tabs.injectUi(3, topic('news.example'));
    expect(f.calls.filter((c) => c.files?.[0] === '/content-scripts/ui.js')).toHaveLength(times);
    expect(tabs.uiTabs.has(3)).toBe(times === 1);
  });

  it("aborts a tab page's signal when the tab closes or moves to another URL, not on a reload of the same", () => {
    const tabs = new TabScripts({ scripting: fakeScripting(new Set()).scripting, getSettings: async () => Settings.parse({}) });
    const first = tabs.signal(1);
    tabs.navigated(1, false);
    expect(first.aborted).toBe(false);
    tabs.navigated(1, true);
    expect(first.aborted).toBe(true);
    const second = tabs.signal(1);
    expect(second).not.toBe(first);
    tabs.closed(1);
    expect(second.aborted).toBe(true);
  });
});
