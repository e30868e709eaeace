// Background wiring only: build the services with their clients, register handlers.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerHandlers } from '../../utils/messaging/server';
import { Store } from '../../utils/store';
import { ContextService } from '../../utils/context/service';
import { HostedApiProvider } from '../../utils/context/hosted-api';
import type { ContextProvider } from '../../utils/context/provider';
import { TabTopics } from '../../utils/context/tab-topics';
import { getSecrets, getSettings, secretsPresence, updateSecrets, settingsItem } from '../../utils/settings';
import { bundledDetectorData } from '../../utils/detect/data';
import { GazetteerService } from '../../utils/context/gazetteer';
import { testHostedApi } from '../../utils/context/connection';
import { Narrator } from '../../utils/narrative';
import { LocalPipelineProvider } from '../../utils/discourse/pipeline';
import { storage } from '@wxt-dev/storage';
import { testAnthropic } from '../../utils/narrative/connection';
import { loadSamplePack } from '../../utils/sample/load';
import { Settings, type DiscourseContext, type PageTopic } from '../../utils/schema';
import { UI_FLAG, UI_SCRIPT_PATH } from '../../utils/ui-script';
import { DETECTOR_FLAG, DETECTOR_SCRIPT_PATH, isReadableUrl } from '../../utils/detector-script';
import type { BackgroundEvent } from '../../utils/messaging/protocol';
import { createHandlers } from './handlers';

export default defineBackground(() => {
  const clock = () => Date.now();
  const store = Store.open({
    onCorrupt: (row) => console.warn(`[undercurrent] dropped a corrupt ${row.store} row (${row.reason})`),
  });
  const tabTopics = new TabTopics();

  // Samples are loaded on install and re-loaded whenever they are missing (cache cleared).
  const samplesReady = store.then(async (s) => {
    if (!(await s.keys('snapshots')).some((k) => k.startsWith('sample:'))) await loadSamplePack(s);
  });

  /**
   * Injects a script unless it already runs in the tab's document. Client-side
   * navigations also report 'loading'/'complete'; the scripts follow those themselves.
   */
  async function injectOnce(tabId: number, file: typeof DETECTOR_SCRIPT_PATH | typeof UI_SCRIPT_PATH, flag: string): Promise<void> {
    const [probe] = await browser.scripting.executeScript({
      target: { tabId },
      func: (name: string) => (globalThis as Record<string, unknown>)[name] === true,
      args: [flag],
    });
    if (probe?.result === true) return;
    await browser.scripting.executeScript({ target: { tabId }, files: [file] });
  }

  /** One signal per tab's current page: requests made for it stop when it goes away. */
  const tabPages = new Map<number, AbortController>();
  function tabSignal(tabId: number): AbortSignal {
    let c = tabPages.get(tabId);
    if (!c) tabPages.set(tabId, (c = new AbortController()));
    return c.signal;
  }
  function pageGone(tabId: number): void {
    tabPages.get(tabId)?.abort(new DOMException('The tab closed or moved on', 'AbortError'));
    tabPages.delete(tabId);
  }

  /** Tabs the UI script was injected into (since their last full navigation). */
  const uiTabs = new Set<number>();

  const broadcast = (event: BackgroundEvent) => {
    // Extension pages (popup, options) listen; with none open the send rejects, which is fine.
    browser.runtime.sendMessage(event).catch(() => {});
    // The sidebars and cards in AI tabs listen too.
    for (const tabId of uiTabs) browser.tabs.sendMessage(tabId, event).catch(() => uiTabs.delete(tabId));
  };

  /** Second stage: the UI code goes only into tabs where an AI topic was found, and not on denied sites. */
  async function injectUi(tabId: number, topic: PageTopic): Promise<void> {
    const { ui } = await getSettings();
    if (ui.sites[topic.site] === 'deny' || (!ui.sidebar && !ui.highlights)) return;
    try {
      // Once per document: the UI follows client-side navigation itself.
      await injectOnce(tabId, UI_SCRIPT_PATH, UI_FLAG);
      uiTabs.add(tabId);
    } catch (err) {
      console.warn(`[undercurrent] could not add the UI to tab ${tabId}: ${(err as Error).message}`);
    }
  }

  // The Bluesky session (tokens) is kept beside the secrets: background only, never exported.
  const blueskySession = storage.defineItem<unknown>('local:blueskySession', { fallback: null });
  const pipeline = store.then(
    (s) =>
      new LocalPipelineProvider({
        fetch: (...a) => fetch(...a),
        clock,
        store: s,
        getSettings,
        getSecrets,
        session: { get: () => blueskySession.getValue(), set: (v) => blueskySession.setValue(v) },
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
            const [settings, secrets] = await Promise.all([getSettings(), getSecrets()]);
            const list: ContextProvider[] = [];
            if (settings.hostedApi.baseUrl) {
              list.push(new HostedApiProvider({ fetch: (...a) => fetch(...a), baseUrl: settings.hostedApi.baseUrl, apiKey: secrets.hostedApiKey }));
            }
            if (Object.values(settings.sources).some(Boolean)) list.push(live);
            return list;
          },
          onUpdated: (key) => broadcast({ channel: 'undercurrent-event', event: 'contextUpdated', key }),
          onPartialNarrative: (key, p) =>
            broadcast({ channel: 'undercurrent-event', event: 'narrativePartial', key, headline: p.headline ?? '', dek: p.dek ?? '', paragraphs: p.paragraphs }),
        }),
    ));

  const gazetteer = store.then(
    (s) => new GazetteerService({ store: s, fetch: (...a) => fetch(...a), clock, bundled: bundledDetectorData, getSettings, getSecrets }),
  );

  /** Hugging Face figures for a model the gazetteer maps to a Hub repo; null when none or on failure. */
  async function modelStats(entityId: string) {
    const entity = (await (await gazetteer).data()).entities.find((e) => e.id === entityId);
    const repo = (entity as { hfRepo?: string } | undefined)?.hfRepo;
    if (!repo || entity?.kind !== 'model' || !(await getSettings()).sources.huggingface) return null;
    return (await pipeline).modelStats(repo).catch(() => null);
  }

  registerHandlers(
    createHandlers({
      clock,
      tabTopics,
      contexts: contextService,
      tabSignal,
      onTopic: injectUi,
      detectorData: async () => (await gazetteer).data(),
      settings: {
        get: getSettings,
        save: async (s) => {
          const next = Settings.parse(s);
          await settingsItem.setValue(next);
          return next;
        },
      },
      secrets: { save: updateSecrets, presence: secretsPresence },
      entityCard: async (req, signal) => {
        const svc = await contextService();
        const beat = req.beat ?? 'research-models';
        // A card shows figures and a top voice, never a narrative: none is written for it.
        const answer = await svc.get({ beat, entities: [req.id], q: req.name }, { narrative: false, signal });
        const ctx: DiscourseContext | null = answer.context;
        return {
          entity: { id: req.id, name: req.name, kind: req.kind, known: req.known },
          beat,
          volume24h: ctx?.snapshot.volume24h ?? 0,
          mood: ctx?.snapshot.mood ?? null,
          topVoice: ctx?.snapshot.keyVoices[0] ?? null,
          stats: await modelStats(req.id),
          freshness: ctx
            ? { fetchedAt: ctx.freshness.fetchedAt, stale: ctx.freshness.stale, origin: ctx.freshness.origin, upstream: ctx.freshness.upstream, sampleDate: ctx.freshness.sampleDate }
            : { fetchedAt: new Date(clock()).toISOString(), stale: true, origin: 'cache', upstream: 'live' },
          errors: ctx?.freshness.errors ?? (answer.error ? [answer.error] : []),
        };
      },
      testConnection: async (target) => {
        if (target === 'hosted') {
          const [settings, secrets] = await Promise.all([getSettings(), getSecrets()]);
          return testHostedApi((...a) => fetch(...a), settings.hostedApi.baseUrl, secrets.hostedApiKey);
        }
        if (target === 'anthropic') {
          const [settings, secrets] = await Promise.all([getSettings(), getSecrets()]);
          return testAnthropic({ apiKey: secrets.anthropicApiKey, baseURL: settings.endpoints.anthropic, model: settings.anthropic.model });
        }
        return (await pipeline).testBluesky();
      },
      clearCache: async () => {
        const s = await store;
        await s.clear();
        await loadSamplePack(s);
      },
      narrativeCost: async () => {
        const n = await narrator;
        const [last, budget] = await Promise.all([n.getLastCost(), n.getBudgetStatus()]);
        return { last, spentToday: budget.used, dailyBudget: budget.limit };
      },
    }),
  );

  browser.tabs.onRemoved.addListener((tabId) => {
    pageGone(tabId);
    uiTabs.delete(tabId);
    void tabTopics.remove(tabId);
  });
  /** First stage: the detector goes into a web page once it has loaded, unless the site is denied. */
  async function injectDetector(tabId: number, url: string | undefined): Promise<void> {
    if (!isReadableUrl(url)) return;
    const { ui } = await getSettings();
    if (ui.sites[new URL(url!).hostname] === 'deny') return;
    // Pages that cannot be scripted (the web store, error pages) refuse; nothing to do there.
    await injectOnce(tabId, DETECTOR_SCRIPT_PATH, DETECTOR_FLAG).catch(() => {});
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // A full navigation drops the injected UI with the old document.
    if (change.status === 'loading') {
      uiTabs.delete(tabId);
      // A new page (or a client-side route): what was being fetched for the old one can stop.
      if (change.url) pageGone(tabId);
    }
    // 'complete' comes after the page's load event: detection never delays a page.
    if (change.status === 'complete') void injectDetector(tabId, tab.url);
  });
  // Tabs already open when the extension is installed or updated get the detector too.
  browser.runtime.onInstalled.addListener(async () => {
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined && tab.status === 'complete') void injectDetector(tab.id, tab.url);
  });
  browser.runtime.onInstalled.addListener(() => void samplesReady);
});
