import { describe, expect, it } from 'vitest';
import { TabScripts } from '../../../utils/context/tab-scripts';
import { Settings, type PageTopic } from '../../../utils/schema';

function fakeScripting(running: Set<string>) {
  const calls: { tabId: number; files?: string[]; probe?: string }[] = [];
  return {
    calls,
    scripting: {
      executeScript: (async (inj: { target: { tabId: number }; files?: string[]; args?: string[] }) => {
        if (inj.files) {
          calls.push({ tabId: inj.target.tabId, files: inj.files });
          return [];
        }
        calls.push({ tabId: inj.target.tabId, probe: inj.args?.[0] });
        return [{ result: running.has(`${inj.target.tabId}:${inj.args?.[0]}`) }];
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
