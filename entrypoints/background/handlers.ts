// The background's message handlers: thin routing from protocol entries to services.
// Services are handed in (Bitwarden's habit), so tests build this with fakes.
import type { Browser } from 'wxt/browser';
import type { Handlers } from '../../utils/messaging/server';
import { HandlerError } from '../../utils/messaging/server';
import type { ContextService } from '../../utils/context/service';
import type { TabTopics } from '../../utils/context/tab-topics';
import type { DetectorData } from '../../utils/detect/types';
import type { EntityCard, PageTopic, Secrets, Settings } from '../../utils/schema';
import type { ConnectionTest, NarrativeCost, ParsedRequestOf, SecretsPresence } from '../../utils/messaging/protocol';

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
}

/** The query a topic is searched with: beat, leading entities, and the topic query. */
export function queryForTopic(topic: PageTopic): { beat: NonNullable<PageTopic['beat']>['id']; entities: string[]; q: string } {
  if (!topic.beat) throw new HandlerError('not-found', 'This page is not about AI.');
  // The entity the query is about leads, so the cache key and the hashtags follow it.
  const lead = topic.entities.find((e) => e.name === topic.query);
  const ordered = lead ? [lead, ...topic.entities.filter((e) => e !== lead)] : topic.entities;
  return { beat: topic.beat.id, entities: ordered.slice(0, 3).map((e) => e.id), q: topic.query };
}

function tabIdOf(sender: Browser.runtime.MessageSender): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new HandlerError('bad-request', 'This message must come from a tab.');
  return id;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    async reportTopic({ topic }, sender) {
      const tabId = tabIdOf(sender);
      await deps.tabTopics.set(tabId, topic, deps.clock());
      if (topic?.beat) await deps.onTopic?.(tabId, topic);
      return { accepted: true };
    },
    async getTabTopic(_req, sender) {
      const tabId = tabIdOf(sender);
      return { tabId, topic: (await deps.tabTopics.get(tabId)).topic };
    },
    async getDetectorData() {
      return deps.detectorData();
    },
    async getTabContext({ tabId, force }) {
      const { topic, analysed } = await deps.tabTopics.get(tabId);
      if (!topic?.beat) return { topic: null, analysed, context: null, error: null, revalidating: false };
      const answer = await (await deps.contexts()).get(queryForTopic(topic), { force, signal: deps.tabSignal?.(tabId) });
      return { topic, analysed, ...answer };
    },
    async getContext({ query, force }, sender) {
      const tabId = sender.tab?.id;
      const answer = await (await deps.contexts()).get(query, { force, signal: tabId === undefined ? undefined : deps.tabSignal?.(tabId) });
      if (!answer.context) throw new HandlerError(answer.error?.code ?? 'internal', answer.error?.message ?? 'No context');
      return answer.context;
    },
    async getEntityCard(req, sender) {
      const tabId = sender.tab?.id;
      return deps.entityCard(req, tabId === undefined ? undefined : deps.tabSignal?.(tabId));
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
