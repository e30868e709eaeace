// Background wiring only: build the services with their clients, register handlers.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerHandlers } from '../../utils/messaging/server';
import { Store } from '../../utils/store';
import { ContextService } from '../../utils/context/service';
import { HostedApiProvider } from '../../utils/context/hosted-api';
import type { ContextProvider } from '../../utils/context/provider';
import { TabTopics } from '../../utils/context/tab-topics';
import { getSettings, settingsItem, SecretVault } from '../../utils/settings';
import { SecretStore } from '../../utils/settings/secret-store';
import { bundledDetectorData } from '../../utils/detect/data';
import { GazetteerService } from '../../utils/context/gazetteer';
import { testHostedApi } from '../../utils/context/connection';
import { Narrator } from '../../utils/narrative';
import { LocalPipelineProvider } from '../../utils/discourse/pipeline';
import { testAnthropic } from '../../utils/narrative/connection';
import { loadSamplePack } from '../../utils/sample/load';
import { Settings } from '../../utils/schema';
import { TabScripts } from '../../utils/context/tab-scripts';
import { FeedScripts } from '../../utils/context/feed-scripts';
import { FeedFocusStore } from '../../utils/context/feed-focus';
import { feedSiteForUrl } from '../../utils/feeds';
import { EntityCards } from '../../utils/context/entity-card';
import { StoriesService } from '../../utils/context/stories';
import type { BackgroundEvent } from '../../utils/messaging/protocol';
import { createHandlers } from './handlers';
import { Attention, NO_WINDOW, TopicLimiter } from '../../utils/context/spend-policy';
import { gazetteerOf, queryForTopic } from '../../utils/context/topic-query';
import { urlAllowed } from '../../utils/context/host-policy';
import { topicKey } from '../../utils/context/provider';
import type { ContextQuery } from '../../utils/schema';

export default defineBackground(() => {
  const clock = () => Date.now();
  const store = Store.open({
    onCorrupt: (row) => console.warn(`[undercurrent] dropped a corrupt ${row.store} row (${row.reason})`),
  });
  const tabTopics = new TabTopics();

  // The sample pack is loaded at every start of the worker when it is missing (a fresh
  // install, a cleared cache); clearCache reloads it too.
  void store.then(async (s) => {
    if (!(await s.keys('snapshots')).some((k) => k.startsWith('sample:'))) await loadSamplePack(s);
  });

  const feeds = new FeedScripts({ scripting: browser.scripting, getSettings });
  const feedFocus = new FeedFocusStore();
  const tabs = new TabScripts({
    scripting: browser.scripting,
    getSettings,
    feeds,
    urlAllowed: async (url) => urlAllowed(url, (await getSettings()).privacy),
    warn: (m) => console.warn(`[undercurrent] ${m}`),
    // What the detector would report on a page with no sign of AI: analysed, no topic.
    notAboutAi: async (tabId) => {
      await tabTopics.set(tabId, null, clock());
      attention.topicChanged(tabId, null);
    },
  });

  const broadcast = (event: BackgroundEvent) => {
    // Extension pages (popup, options) listen; with none open the send rejects, which is fine.
    browser.runtime.sendMessage(event).catch(() => {});
    // The sidebars and cards in AI tabs listen too.
    for (const tabId of tabs.uiTabs) browser.tabs.sendMessage(tabId, event).catch(() => tabs.uiTabs.delete(tabId));
  };

  // Secrets (keys, app password, Bluesky session) live encrypted in this origin's
  // IndexedDB, out of content scripts' reach; each is handed out only for the origin it
  // was saved for. Older versions kept them in storage.local: moved once, then deleted.
  const vault = new SecretVault({
    store: new SecretStore({ onCorrupt: (name, reason) => console.warn(`[undercurrent] unreadable secret ${name} dropped (${reason})`) }),
    getSettings,
    onMigrated: (names) => console.info(`[undercurrent] moved ${names.join(', ')} out of storage.local`),
  });
  void vault.migrate().catch((err) => console.warn(`[undercurrent] secrets not migrated: ${(err as Error).message}`));
  /**
   * The secrets usable with the settings a request is built from: services pass the very
   * settings object they read, so a secret and the endpoint it goes to are judged as one
   * pair, whatever writes storage.local in between.
   */
  const getSecrets = (settings: Settings) => vault.forUse(settings);
  const pipeline = store.then(
    (s) =>
      new LocalPipelineProvider({
        fetch: (...a) => fetch(...a),
        clock,
        store: s,
        getSettings,
        getSecrets,
        session: vault.session,
      }),
  );

  const narrator = store.then((s) => new Narrator({ store: s, clock, getSettings, getSecrets }));

  let contexts: Promise<ContextService> | undefined;
  const contextService = () =>
    (contexts ??= Promise.all([store, narrator, pipeline]).then(
      ([s, n, live]) =>
        new ContextService({
          store: s,
          narrator: n,
          clock,
          ttlMs: async () => (await getSettings()).cacheTtlMinutes * 60_000,
          providers: async () => {
            const { settings, secrets } = await vault.withSettings();
            const list: ContextProvider[] = [];
            if (settings.hostedApi.baseUrl) {
              list.push(new HostedApiProvider({ fetch: (...a) => fetch(...a), baseUrl: settings.hostedApi.baseUrl, apiKey: secrets.hostedApiKey }));
            }
            if (Object.values(settings.sources).some(Boolean)) list.push(live);
            return list;
          },
          onUpdated: (key) => broadcast({ channel: 'undercurrent-event', event: 'contextUpdated', key }),
          onNarrativeProgress: (key, p) => broadcast({ channel: 'undercurrent-event', event: 'narrativeProgress', key, attempt: p.attempt, phase: p.phase }),
        }),
    ));

  const gazetteer = store.then(
    (s) => new GazetteerService({ store: s, fetch: (...a) => fetch(...a), clock, bundled: bundledDetectorData, getSettings, getSecrets }),
  );

  /** Hugging Face figures for a model the gazetteer maps to a Hub repo; null when none or on failure. */
  async function modelStats(entityId: string) {
    const entity = (await (await gazetteer).data()).entities.find((e) => e.id === entityId);
    const repo = (entity as { hfRepo?: string } | undefined)?.hfRepo;
    if (!repo || !(await getSettings()).sources.huggingface) return null;
    return (await pipeline).modelStats(repo).catch(() => null);
  }

  // The server's beat stories ("More stories"); nothing is asked without a server.
  const stories = store.then((s) => new StoriesService({ store: s, fetch: (...a) => fetch(...a), clock, getSettings, getSecrets }));

  const entityCards = new EntityCards({
    contexts: contextService,
    modelStats,
    clock,
    resolve: async (id) => (await (await gazetteer).data()).entities.find((e) => e.id === id) ?? null,
  });

  // What a page may make the extension spend (SECURITY.md): limits read from the settings
  // as they are now, attention from the tabs and windows APIs.
  let limits = Settings.parse({}).limits;
  const readLimits = async () => {
    limits = (await getSettings()).limits;
  };
  void readLimits();
  const limiter = new TopicLimiter({ clock, limits: () => limits });
  /** Tabs whose open sidebar waits for the dwell time before its narrative is written. */
  const wantsNarrative = new Map<number, { query: ContextQuery; site: string }>();
  const attention = new Attention({
    clock,
    dwellMs: () => limits.dwellSeconds * 1000,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    onDwell: (tabId, key) => {
      const want = wantsNarrative.get(tabId);
      if (!want || topicKey(want.query) !== key) return;
      wantsNarrative.delete(tabId);
      // The cached figures get their narrative; contextUpdated tells the sidebar.
      void contextService()
        .then((c) => c.get(want.query, { narrative: true, signal: tabs.signal(tabId), gate: () => limiter.admit(tabId, want.site, key) }))
        .catch(() => {});
    },
    // A tab held back while in the background asks again once it is in front.
    onForeground: (tabId) => {
      if (!tabs.uiTabs.has(tabId)) return;
      void Promise.all([tabTopics.get(tabId), gazetteer.then((g) => g.data())]).then(([{ topic }, data]) => {
        const query = topic ? queryForTopic(topic, gazetteerOf(data)) : null;
        if (query) browser.tabs.sendMessage(tabId, { channel: 'undercurrent-event', event: 'contextUpdated', key: topicKey(query) } satisfies BackgroundEvent).catch(() => {});
      });
    },
  });
  const attentionReady = (async () => {
    const [active, focused] = await Promise.all([
      browser.tabs.query({ active: true }),
      browser.windows.getLastFocused().catch(() => undefined),
    ]);
    attention.seed(
      active.flatMap((t) => (t.id === undefined ? [] : [{ tabId: t.id, windowId: t.windowId }])),
      focused?.focused && focused.id !== undefined ? focused.id : NO_WINDOW,
    );
  })().catch(() => {});
  browser.tabs.onActivated.addListener(({ tabId, windowId }) => attention.activated(tabId, windowId));
  browser.windows.onFocusChanged.addListener((windowId) => attention.focusChanged(windowId));

  registerHandlers(
    createHandlers({
      clock,
      tabTopics,
      contexts: contextService,
      tabSignal: (tabId) => tabs.signal(tabId),
      // A feed's whole-page topic (the Hacker News front page's titles) is feed mode's to show, post by post.
      onTopic: async (tabId, topic) => {
        if (!(await feeds.ownsPage(topic.url))) await tabs.injectUi(tabId, topic);
      },
      feedFocus,
      detectorData: async () => (await gazetteer).data(),
      settings: {
        get: getSettings,
        save: async (s) => {
          const next = Settings.parse(s);
          await settingsItem.setValue(next);
          return next;
        },
      },
      secrets: { save: (patch, origins) => vault.save(patch, origins), presence: () => vault.state() },
      entityCard: (req, signal) => entityCards.get(req, signal),
      testConnection: async (target) => {
        // A key bound to another origin is not sent: say that rather than test without it.
        const name = ({ hosted: 'hostedApiKey', anthropic: 'anthropicApiKey', bluesky: 'blueskyAppPassword' } as const)[target];
        const state = (await vault.state())[name];
        if (state.set && !state.usable) {
          return { ok: false, message: `The key is saved for ${state.origin} and is not sent to this endpoint. Enter it again to use it here.` };
        }
        if (target === 'hosted') {
          const { settings, secrets } = await vault.withSettings();
          return testHostedApi((...a) => fetch(...a), settings.hostedApi.baseUrl, secrets.hostedApiKey);
        }
        if (target === 'anthropic') {
          const { settings, secrets } = await vault.withSettings();
          return testAnthropic({ apiKey: secrets.anthropicApiKey, baseURL: settings.endpoints.anthropic, model: settings.anthropic.model });
        }
        return (await pipeline).testBluesky();
      },
      clearCache: async () => {
        const s = await store;
        await s.clear();
        await loadSamplePack(s);
      },
      spend: {
        gazetteer: async () => gazetteerOf(await (await gazetteer).data()),
        limiter,
        attention,
        prepare: async () => {
          await Promise.all([readLimits(), attentionReady]);
        },
        urlAllowed: async (url) => urlAllowed(url, (await getSettings()).privacy),
        tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
        extensionOrigin: browser.runtime.getURL('/'),
        wantNarrative: (tabId, want) => {
          if (!want) return void wantsNarrative.delete(tabId);
          wantsNarrative.set(tabId, want);
          attention.nudge(tabId);
        },
      },
      stories: async (beat) => (await stories).forBeat(beat),
      narrativeCost: async () => {
        const n = await narrator;
        const [last, budget] = await Promise.all([n.getLastCost(), n.getBudgetStatus()]);
        return { last, spentToday: budget.used, dailyBudget: budget.limit };
      },
    }),
  );

  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.closed(tabId);
    attention.closed(tabId);
    limiter.forgetTab(tabId);
    wantsNarrative.delete(tabId);
    void tabTopics.remove(tabId);
    void feedFocus.remove(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') {
      tabs.navigated(tabId, !!change.url);
      // Off a feed, the last feed post is no longer on screen (on a feed, its script reports afresh).
      if (!feedSiteForUrl(tab.url)) void feedFocus.remove(tabId);
    }
    // 'complete' comes after the page's load event: detection never delays a page.
    if (change.status === 'complete') void tabs.injectDetector(tabId, tab.url);
  });
  // Tabs already open when the extension is installed or updated get the detector too.
  const readOpenTabs = async () => {
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined && tab.status === 'complete') void tabs.injectDetector(tab.id, tab.url);
  };
  browser.runtime.onInstalled.addListener(readOpenTabs);
  // Access to websites can be withheld (Firefox MV3 at install or later, Chrome's "on click");
  // once the person grants it (the popup's button, the add-ons manager), read the open tabs.
  browser.permissions.onAdded.addListener((added) => {
    if (added.origins?.length) void readOpenTabs();
  });
});
