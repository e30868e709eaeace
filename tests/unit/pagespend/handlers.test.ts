// The background's decisions on spend and privacy, from the sender's point of view: a
// content script asks only for its own tab, gets figures only unless the user opened the
// sidebar, nothing for a background tab; the popup is a person looking; unknown names
// and private hosts stay local.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { createHandlers, type HandlerDeps } from '../../../entrypoints/background/handlers';
import { TabTopics } from '../../../utils/context/tab-topics';
import { Attention, TopicLimiter } from '../../../utils/context/spend-policy';
import { gazetteerOf } from '../../../utils/context/topic-query';
import { urlAllowed } from '../../../utils/context/host-policy';
import { bundledDetectorData } from '../../../utils/detect/data';
import { Settings, type ContextQuery, type PageTopic } from '../../../utils/schema';
import type { ContextAnswer, FetchGate } from '../../../utils/context/service';
import { makeContext } from '../components/helpers';

const ORIGIN = 'chrome-extension://abcdefghijklmnop/';
const settings = Settings.parse({});

function topic(url = 'https://news.example.com/a'): PageTopic {
  return {
    url,
    kind: 'article',
    site: new URL(url).hostname,
    title: 'Nightjar-3 beats DeepSeek V3',
    beat: { id: 'open-source-ai', score: 0.9 },
    runnersUp: [],
    entities: [
      { id: 'nightjar-3', name: 'Nightjar-3', kind: 'model', count: 5, known: false, ranges: [] },
      { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', count: 2, known: true, ranges: [] },
    ],
    query: 'Nightjar-3',
  };
}

function setup() {
  let now = 1_000_000;
  const clock = () => now;
  const calls: { query: ContextQuery; narrative: boolean; gated: ReturnType<FetchGate> | 'none' }[] = [];
  const cards: unknown[] = [];
  const attention = new Attention({ clock, dwellMs: () => 5000, setTimer: () => 0, clearTimer: () => {} });
  attention.seed([{ tabId: 1, windowId: 9 }], 9);
  const deps: HandlerDeps = {
    clock,
    tabTopics: new TabTopics(),
    contexts: async () =>
      ({
        get: async (query: ContextQuery, opts: { narrative?: boolean; gate?: FetchGate }): Promise<ContextAnswer> => {
          const gated = opts.gate ? opts.gate() : 'none';
          calls.push({ query, narrative: !!opts.narrative, gated });
          if (gated && gated !== 'none') return { context: null, error: null, revalidating: false, narrativePending: false, held: gated };
          return { context: makeContext(), error: null, revalidating: false, narrativePending: false, held: null };
        },
      }) as never,
    detectorData: async () => bundledDetectorData,
    settings: { get: async () => settings, save: async (s) => s },
    secrets: { save: async () => {}, presence: async () => ({ hostedApiKey: { set: false, origin: null, usable: false }, blueskyAppPassword: { set: false, origin: null, usable: false }, anthropicApiKey: { set: false, origin: null, usable: false } }) },
    entityCard: async (req) => {
      cards.push(req);
      throw new Error('not used here');
    },
    testConnection: async () => ({ ok: true, message: '' }),
    clearCache: async () => {},
    narrativeCost: async () => ({ last: null, spentToday: 0, dailyBudget: 0 }),
    spend: {
      gazetteer: async () => gazetteerOf(bundledDetectorData),
      limiter: new TopicLimiter({ clock, limits: () => settings.limits }),
      attention,
      urlAllowed: async (url) => urlAllowed(url, settings.privacy),
      extensionOrigin: ORIGIN,
    },
  };
  const h = createHandlers(deps);
  const fromTab = (tabId: number, url = 'https://news.example.com/a') => ({ tab: { id: tabId }, url }) as Browser.runtime.MessageSender;
  const fromPopup = { url: `${ORIGIN}popup.html` } as Browser.runtime.MessageSender;
  return { h, calls, cards, attention, fromTab, fromPopup, advance: (ms: number) => (now += ms) };
}

describe('background handlers: spend and privacy', () => {
  it('builds the query from gazetteer names only, whatever the report says', async () => {
    const { h, calls, fromTab, fromPopup } = setup();
    await h.reportTopic!({ topic: topic() } as never, fromTab(1));
    await h.getTabContext!({ tabId: 1, force: false } as never, fromPopup);
    expect(calls[0]!.query).toEqual({ beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'DeepSeek V3' });
  });

  it('the popup writes a narrative and is not gated; a content script gets figures only, gated', async () => {
    const { h, calls, fromTab, fromPopup } = setup();
    await h.reportTopic!({ topic: topic() } as never, fromTab(1));
    await h.getTabContext!({ tabId: 1, force: false } as never, fromPopup);
    await h.getTabContext!({ tabId: 1, force: false, surface: { open: false, userOpened: false } } as never, fromTab(1));
    await h.getTabContext!({ tabId: 1, force: false, surface: { open: true, userOpened: false } } as never, fromTab(1));
    await h.getTabContext!({ tabId: 1, force: false, surface: { open: true, userOpened: true } } as never, fromTab(1));
    expect(calls.map((c) => [c.narrative, c.gated === 'none' ? 'none' : 'gated'])).toEqual([
      [true, 'none'],
      [false, 'gated'],
      [false, 'gated'],
      [true, 'gated'],
    ]);
  });

  it('an open sidebar gets its narrative once the tab has been in front on the topic for the dwell time', async () => {
    const { h, calls, fromTab, advance } = setup();
    await h.reportTopic!({ topic: topic() } as never, fromTab(1));
    advance(5000);
    const r = await h.getTabContext!({ tabId: 1, force: false, surface: { open: true, userOpened: false } } as never, fromTab(1));
    expect(calls[0]!.narrative).toBe(true);
    expect(r).toMatchObject({ narrativeHeld: false });
  });

  it('a background tab is held and told so; a content script cannot ask about another tab', async () => {
    const { h, fromTab } = setup();
    await h.reportTopic!({ topic: topic() } as never, fromTab(2));
    const r = (await h.getTabContext!({ tabId: 2, force: false, surface: { open: true, userOpened: false } } as never, fromTab(2))) as { held: { reason: string; message: string } };
    expect(r.held).toMatchObject({ reason: 'background-tab' });
    expect(r.held.message).toMatch(/in the background/);
    // A real click opened it: the tab is in front whatever the windows API last said.
    const clicked = (await h.getTabContext!({ tabId: 2, force: false, surface: { open: true, userOpened: true } } as never, fromTab(2))) as { held: unknown };
    expect(clicked.held).toBeNull();
    await expect(h.getTabContext!({ tabId: 1, force: false } as never, fromTab(2))).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('a topic reported from a private host is not kept', async () => {
    const { h, fromTab, fromPopup } = setup();
    const reply = await h.reportTopic!({ topic: topic('http://memo.corp/q3') } as never, fromTab(1, 'http://memo.corp/q3'));
    expect(reply).toEqual({ accepted: false });
    const r = await h.getTabContext!({ tabId: 1, force: false } as never, fromPopup);
    expect(r).toMatchObject({ topic: null, context: null });
  });

  it('look up: only from the popup, one name from the tab\'s own topic', async () => {
    const { h, cards, calls, fromTab, fromPopup } = setup();
    await h.reportTopic!({ topic: topic() } as never, fromTab(1));
    await expect(h.lookUpName!({ tabId: 1, id: 'nightjar-3' } as never, fromTab(1))).rejects.toMatchObject({ code: 'bad-request' });
    await expect(h.lookUpName!({ tabId: 1, id: 'not-on-page' } as never, fromPopup)).rejects.toMatchObject({ code: 'not-found' });
    expect(calls).toHaveLength(0);
    const card = await h.lookUpName!({ tabId: 1, id: 'nightjar-3' } as never, fromPopup);
    expect(calls).toEqual([{ query: { beat: 'open-source-ai', entities: ['nightjar-3'], q: 'Nightjar-3' }, narrative: false, gated: 'none' }]);
    expect(card).toMatchObject({ entity: { id: 'nightjar-3', name: 'Nightjar-3', known: false } });
    expect(cards).toHaveLength(0);
  });

  it('a query sent by a content script is cut down to gazetteer names', async () => {
    const { h, calls, fromTab } = setup();
    await h.getContext!({ query: { beat: 'open-source-ai', entities: ['nightjar-3', 'deepseek-v3'], q: 'private search terms' }, force: false } as never, fromTab(1));
    expect(calls[0]).toMatchObject({ query: { entities: ['deepseek-v3'], q: 'DeepSeek V3' }, narrative: false });
  });
});
