// The background's message handlers: thin routing from protocol entries to services.
// Services are handed in (Bitwarden's habit), so tests build this with fakes.
import type { Browser } from 'wxt/browser';
import type { Handlers } from '../../utils/messaging/server';
import { HandlerError } from '../../utils/messaging/server';
import type { ContextAnswer, ContextService, FetchGate } from '../../utils/context/service';
import type { TabTopics } from '../../utils/context/tab-topics';
import type { DetectorData } from '../../utils/detect/types';
import type { BeatId, ContextQuery, EntityCard, PageTopic, Secrets, Settings } from '../../utils/schema';
import type { BeatStories } from '../../utils/context/stories';
import type { ConnectionTest, NarrativeCost, ParsedRequestOf, SecretsPresence, TabContext } from '../../utils/messaging/protocol';
import { queryForTopic, sanitizeQuery, type Gazetteer } from '../../utils/context/topic-query';
import { holdMessage, type Attention, type Hold, type TopicLimiter } from '../../utils/context/spend-policy';
import { topicKey } from '../../utils/context/provider';
import type { FeedFocus } from '../../utils/schema/feeds';

export interface HandlerDeps {
  /** The context service, once its store is open. */
  contexts: () => Promise<ContextService>;
  tabTopics: TabTopics;
  clock: () => number;
  detectorData: () => Promise<DetectorData>;
  settings: { get(): Promise<Settings>; save(s: Settings): Promise<Settings> };
  /** The secret vault: saves bind each secret to its endpoint's origin (`origins`: what the page showed). */
  secrets: { save(patch: Partial<Secrets>, origins: ParsedRequestOf<'saveSecrets'>['origins']): Promise<void>; presence(): Promise<SecretsPresence> };
  /** The signal of a tab's current page: aborted when the tab closes or navigates away. */
  tabSignal?: (tabId: number) => AbortSignal;
  /** Called when a tab reports an AI topic (injects the UI, updates the badge). */
  onTopic?: (tabId: number, topic: PageTopic) => Promise<void>;
  entityCard: (req: ParsedRequestOf<'getEntityCard'>, signal?: AbortSignal) => Promise<EntityCard>;
  testConnection: (target: 'hosted' | 'bluesky' | 'anthropic') => Promise<ConnectionTest>;
  clearCache: () => Promise<void>;
  narrativeCost: () => Promise<{ last: NarrativeCost | null; spentToday: number; dailyBudget: number }>;
  spend: SpendDeps;
  /** The server's stories for a beat (null without a server); absent: never any. */
  stories?: (beat: BeatId) => Promise<BeatStories | null>;
  /** Feed mode: the post in the middle of each feed tab's screen (utils/context/feed-focus.ts). */
  feedFocus?: {
    set(tabId: number, focus: FeedFocus | null, at: number): Promise<void>;
    get(tabId: number): Promise<{ focus: FeedFocus; at: number } | null>;
  };
}

/** What a page may make the extension spend, and what may leave the machine (SECURITY.md). */
export interface SpendDeps {
  /** The gazetteer (bundled, merged with the hosted API's entity list): the only names ever sent. */
  gazetteer: () => Promise<Gazetteer>;
  limiter: TopicLimiter;
  attention: Attention;
  /** Called before each decision: reads the limits as set now, and waits for the attention state to be seeded. */
  prepare?: () => Promise<void>;
  /** Whether pages at this URL may be read (host policy under the current settings). */
  urlAllowed: (url: string | undefined) => Promise<boolean>;
  /** A tab's URL, to say why a page that was never read was not. */
  tabUrl?: (tabId: number) => Promise<string | undefined>;
  /** The extension's own origin (`chrome-extension://id/`): messages from its pages are a person looking. */
  extensionOrigin: string;
  /** The tab's open sidebar waits for the dwell time before its narrative is written. */
  wantNarrative?: (tabId: number, want: { query: ContextQuery; site: string } | null) => void;
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

function held(hold: Hold | null): TabContext['held'] {
  return hold ? { reason: hold.reason, message: holdMessage(hold), retryAt: hold.retryAt } : null;
}

function tabIdOf(sender: Browser.runtime.MessageSender): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new HandlerError('bad-request', 'This message must come from a tab.');
  return id;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { spend } = deps;
  /** An extension page (the popup): someone opened it, so it is a person looking. */
  const fromExtensionPage = (sender: Browser.runtime.MessageSender) => !!sender.url?.startsWith(spend.extensionOrigin);

  /** The query for a tab's topic, built from gazetteer ids and names only. */
  const tabQuery = async (topic: PageTopic) => queryForTopic(topic, await spend.gazetteer());

  /** For a content script's request: nothing for background tabs, then the topic limits. */
  // A sidebar the user just opened with a real click is in front whatever the windows API
  // last said (a click cannot happen in a background tab); it still counts against the limits.
  const gateFor = (tabId: number, site: string, key: string, userOpened = false): FetchGate => () =>
    userOpened || spend.attention.isForeground(tabId) ? spend.limiter.admit(tabId, site, key) : { reason: 'background-tab', retryAt: null };

  return {
    async reportTopic({ topic }, sender) {
      const tabId = tabIdOf(sender);
      // A page on a host that is not read (an intranet page the detector found anyway) reports nothing.
      const readable = topic === null || ((await spend.urlAllowed(sender.url)) && (await spend.urlAllowed(topic.url)));
      const kept = readable ? topic : null;
      await deps.tabTopics.set(tabId, kept, deps.clock());
      const query = kept?.beat ? await tabQuery(kept) : null;
      await spend.prepare?.();
      spend.attention.topicChanged(tabId, query ? topicKey(query) : null);
      if (kept?.beat) await deps.onTopic?.(tabId, kept);
      return { accepted: readable };
    },
    async getStories({ beat }) {
      return deps.stories ? deps.stories(beat) : null;
    },
    async reportFeedFocus({ focus }, sender) {
      const tabId = tabIdOf(sender);
      if (!deps.feedFocus) return { accepted: false };
      const readable = focus === null || ((await spend.urlAllowed(sender.url)) && (await spend.urlAllowed(focus.topic.url)));
      await deps.feedFocus.set(tabId, readable ? focus : null, deps.clock());
      return { accepted: readable };
    },
    async getBeatPulse({ beat }, sender) {
      const tabId = tabIdOf(sender);
      // The beat alone: no name, no word of any post.
      const query: ContextQuery = { beat, entities: [], q: '' };
      await spend.prepare?.();
      const answer = await (await deps.contexts()).get(query, {
        narrative: false,
        signal: deps.tabSignal?.(tabId),
        gate: gateFor(tabId, hostOf(sender.url) ?? '', topicKey(query)),
      });
      const ctx = answer.context;
      // The bundled sample's figures are not today's: a chip shows none rather than those.
      if (!ctx || ctx.freshness.upstream === 'sample') return { pulse: null };
      return { pulse: { volume24h: ctx.snapshot.volume24h, shift: ctx.snapshot.mood.shift } };
    },
    async getTabTopic(_req, sender) {
      const tabId = tabIdOf(sender);
      return { tabId, topic: (await deps.tabTopics.get(tabId)).topic };
    },
    async getDetectorData() {
      return deps.detectorData();
    },
    async getTabContext({ tabId, force, surface }, sender) {
      const popup = fromExtensionPage(sender);
      // A content script asks only about its own tab.
      if (!popup && sender.tab?.id !== tabId) throw new HandlerError('bad-request', 'A page may only ask about its own tab.');
      const reported = await deps.tabTopics.get(tabId);
      let { topic, analysed } = reported;
      // On a feed, the post in the middle of the screen is the topic, when it was reported since the page's own.
      const focused = await deps.feedFocus?.get(tabId);
      const feed = focused && (topic === null || reported.at === null || focused.at >= reported.at) ? { post: focused.focus.post, others: focused.focus.others } : null;
      if (feed) {
        topic = focused!.focus.topic;
        analysed = true;
      }
      const none = { topic: null, analysed, context: null, error: null, revalidating: false };
      if (!analysed && spend.tabUrl) {
        const url = await spend.tabUrl(tabId).catch(() => undefined);
        if (url && /^https?:/.test(url) && !(await spend.urlAllowed(url))) return { ...none, held: held({ reason: 'private-host', retryAt: null }) };
      }
      const query = topic?.beat ? await tabQuery(topic) : null;
      if (!topic || !query) return none;
      const key = topicKey(query);
      await spend.prepare?.();
      // Narratives cost the user's tokens: only for a person looking (see SECURITY.md).
      const looking = popup || !!surface?.userOpened || (!!surface?.open && spend.attention.dwelled(tabId, key));
      spend.wantNarrative?.(tabId, !popup && surface?.open && !looking ? { query, site: topic.site } : null);
      const answer = await (await deps.contexts()).get(query, {
        force,
        narrative: looking,
        signal: deps.tabSignal?.(tabId),
        // The site is the sender's own (the browser's word), not the one in the report.
        gate: popup ? undefined : gateFor(tabId, hostOf(sender.url) ?? topic.site, key, !!surface?.userOpened),
      });
      const narrativeHeld = !looking && !!answer.context && !answer.context.narrative;
      return { topic, analysed, ...answer, held: held(answer.held), narrativeHeld, feed };
    },
    async getContext({ query, force }, sender) {
      const popup = fromExtensionPage(sender);
      const tabId = sender.tab?.id;
      const safe = sanitizeQuery(query, await spend.gazetteer());
      if (!popup && tabId === undefined) throw new HandlerError('bad-request', 'This message must come from a tab.');
      await spend.prepare?.();
      const site = hostOf(sender.url) ?? '';
      const answer = await (await deps.contexts()).get(safe, {
        force,
        narrative: popup,
        signal: tabId === undefined ? undefined : deps.tabSignal?.(tabId),
        gate: popup || tabId === undefined ? undefined : gateFor(tabId, site, topicKey(safe)),
      });
      if (!answer.context) {
        if (answer.held) throw new HandlerError('rate-limited', holdMessage(answer.held));
        throw new HandlerError(answer.error?.code ?? 'internal', answer.error?.message ?? 'No context');
      }
      return answer.context;
    },
    async getEntityCard(req, sender) {
      // The card service looks the id up in the gazetteer and searches only its name.
      const tabId = sender.tab?.id;
      return deps.entityCard(req, tabId === undefined ? undefined : deps.tabSignal?.(tabId));
    },
    async lookUpName({ tabId, id }, sender) {
      // Only the user, from the popup, sends a new name anywhere; a page cannot ask for it.
      if (!fromExtensionPage(sender)) throw new HandlerError('bad-request', 'Only the popup may look up a new name.');
      const { topic } = await deps.tabTopics.get(tabId);
      const entity = topic?.entities.find((e) => e.id === id);
      if (!topic?.beat || !entity) throw new HandlerError('not-found', 'That name is not on the page any more.');
      const known = (await spend.gazetteer()).get(id);
      const name = known ? known.name : entity.name;
      const answer = await (await deps.contexts()).get({ beat: topic.beat.id, entities: [id], q: name.slice(0, 200) }, { narrative: false, signal: deps.tabSignal?.(tabId) });
      return lookedUpCard({ id, name, kind: entity.kind, known: !!known }, topic.beat.id, answer, deps.clock());
    },
    async getOptions() {
      return { settings: await deps.settings.get(), secrets: await deps.secrets.presence() };
    },
    async saveSettings({ settings }) {
      return deps.settings.save(settings);
    },
    async saveSecrets({ secrets, origins }) {
      await deps.secrets.save(secrets, origins);
      return deps.secrets.presence();
    },
    async testConnection({ target }) {
      return deps.testConnection(target);
    },
    async clearCache() {
      await deps.clearCache();
      return { cleared: true };
    },
    async getNarrativeCost() {
      return deps.narrativeCost();
    },
  };
}

/** The card of a name the user looked up from the popup. */
function lookedUpCard(entity: EntityCard['entity'], beat: EntityCard['beat'], answer: ContextAnswer, now: number): EntityCard {
  const ctx = answer.context;
  return {
    entity,
    beat,
    // The sample pack is the beat's, never the name's.
    scope: !ctx ? 'none' : ctx.freshness.upstream === 'sample' ? 'beat' : 'entity',
    volume24h: ctx?.snapshot.volume24h ?? 0,
    mood: ctx?.snapshot.mood ?? null,
    topVoice: ctx?.snapshot.keyVoices[0] ?? null,
    stats: null,
    freshness: ctx
      ? { fetchedAt: ctx.freshness.fetchedAt, stale: ctx.freshness.stale, origin: ctx.freshness.origin, upstream: ctx.freshness.upstream, sampleDate: ctx.freshness.sampleDate }
      : { fetchedAt: new Date(now).toISOString(), stale: true, origin: 'cache', upstream: 'live' },
    errors: ctx?.freshness.errors ?? (answer.error ? [answer.error] : []),
  };
}
