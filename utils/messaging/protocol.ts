// The one protocol map between content scripts, popup, options and the background.
// Each entry names its request schema (parsed on arrival in the background), who may
// send it (checked from the sender in server.ts) and, in `Replies`, the type of its
// reply. Every reply is a Result, never a thrown error.
import { z } from 'zod';
import {
  ContextQuery,
  EntityKind,
  ErrorCode,
  Secrets,
  SecretsPatch,
  type SecretState,
  Settings,
  type DiscourseContext,
  type EntityCard,
  type PageTopic,
  type SourceError,
} from '../schema';
import { BeatId, PageTopic as PageTopicSchema } from '../schema';
import { FeedFocus, type BeatPulse, type FeedPostLabel } from '../schema/feeds';

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** What the popup shows for a tab. */
export interface TabContext {
  /** The topic the tab's content script reported; null when the page is not about AI or not yet analysed. */
  topic: PageTopic | null;
  /** True once the tab's content script has reported (with or without a topic). */
  analysed: boolean;
  /** The context for that topic; null with `error` set when nothing could be had. */
  context: DiscourseContext | null;
  error: SourceError | null;
  /** True while a fresher answer is being fetched (stale-while-revalidate). */
  revalidating: boolean;
  /** True while the narrative is being written; its progress (never its text) arrives as narrativeProgress events. */
  narrativePending?: boolean;
  /** The upstreams were not asked for this tab, and why, in words the UI shows as they are. */
  held?: { reason: import('../context/spend-policy').HoldReason; message: string; retryAt: number | null } | null;
  /** No narrative was written because nobody is looking yet (figures only); the popup or an opened sidebar writes it. */
  narrativeHeld?: boolean;
  /** On a feed: the post the topic is (author and first words, kept on this machine) and the other AI posts in view. */
  feed?: { post: FeedPostLabel; others: FeedPostLabel[] } | null;
}

/** Where a content script shows a tab's context: the sidebar, and whether the user opened it. */
export const Surface = z.object({
  /** The sidebar panel is open (perhaps remembered from an earlier visit). */
  open: z.boolean().default(false),
  /** The user opened it on this page, with a real (trusted) click or key press. */
  userOpened: z.boolean().default(false),
});

/** What the options page may know about secrets: whether each is set and for which origin, never its value. */
export type SecretsPresence = Record<keyof Secrets, SecretState>;

/**
 * Who may send a message. An extension page is the popup or the options page (any
 * frame of the extension's own origin, not embedded in a web page); a content script
 * is extension code running inside a web page's tab — the least trusted, since a
 * compromised renderer can speak as it.
 */
export type SenderKind = 'extension-page' | 'content-script';

export interface ProtocolEntry {
  request: z.ZodType;
  /** The kinds of sender allowed; anything else is refused before parsing. */
  senders: readonly SenderKind[];
  /** The request names a tab (`tabId`): a content script may only name its own. */
  ownTab?: true;
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
}

/** The cost of the last generated narrative (usd is null for a model without a known price). */
export type { NarrativeCost } from '../schema/narrative';
import type { NarrativeCost } from '../schema/narrative';

export const protocol = {
  /** Content script → background: the topic its page is about (null: not about AI). Stored per tab. */
  reportTopic: { request: z.object({ topic: PageTopicSchema.nullable() }), senders: ['content-script'] },
  /** Content script → background: detector data (gazetteer, beat weights), bundled or refreshed. */
  getDetectorData: { request: z.object({}), senders: ['content-script', 'extension-page'] },
  /** Popup (any tab) or a tab's own sidebar → background: topic and context for a tab; `force` skips the cache. */
  getTabContext: {
    request: z.object({
      tabId: z.number().int().nonnegative(),
      force: z.boolean().default(false),
      /** Set by the sidebar; the popup leaves it out (an extension page is a person looking). */
      surface: Surface.optional(),
    }),
    senders: ['extension-page', 'content-script'],
    ownTab: true,
  },
  /** Sidebar / popup → background: context for a query (cache first); `force` skips the cache. */
  getContext: { request: z.object({ query: ContextQuery, force: z.boolean().default(false) }), senders: ['extension-page', 'content-script'] },
  /**
   * Hover card → background: one entity's card (mood, volume, top voice, Hugging Face
   * figures). Only the gazetteer id crosses: the background takes the name it searches
   * for from its own gazetteer, never a string from the page; an unknown id is `not-found`.
   */
  getEntityCard: {
    request: z.strictObject({
      id: z.string().min(1).max(80),
      beat: ContextQuery.shape.beat.nullable().default(null),
    }),
    senders: ['content-script', 'extension-page'],
  },
  /** Options → background: settings and which secrets are set. */
  getOptions: { request: z.object({}), senders: ['extension-page'] },
  /** Options → background: save settings (parsed whole). */
  saveSettings: { request: z.object({ settings: Settings }), senders: ['extension-page'] },
  /** Options → background: set or clear secrets, each bound to its endpoint's origin; the reply says which are set, never their values. */
  saveSecrets: {
    request: z.object({
      secrets: SecretsPatch,
      /** The origin the page showed beside each secret typed in: the save is refused if the endpoint now points elsewhere. */
      origins: z.partialRecord(z.enum(['hostedApiKey', 'blueskyAppPassword', 'anthropicApiKey']), z.string().max(2048)).default({}),
    }),
    senders: ['extension-page'],
  },
  /** Options → background: try the hosted API, the Bluesky login or the Anthropic key. */
  testConnection: { request: z.object({ target: z.enum(['hosted', 'bluesky', 'anthropic']) }), senders: ['extension-page'] },
  /** Options → background: empty the IndexedDB cache (the sample pack is loaded again). */
  clearCache: { request: z.object({}), senders: ['extension-page'] },
  /** Options → background: the cost of the last generated narrative and today's budget. */
  getNarrativeCost: { request: z.object({}), senders: ['extension-page'] },
  /**
   * Popup → background: look up one name the gazetteer does not know, from that tab's
   * topic, because the user asked to (it is the only way such a name ever leaves the machine).
   */
  lookUpName: { request: z.object({ tabId: z.number().int().nonnegative(), id: z.string().min(1).max(80) }), senders: ['extension-page'] },
  /**
   * Feed script → background: the AI post nearest the middle of the screen and the others
   * in view (null: none). Kept per tab for the popup; it fetches nothing.
   */
  reportFeedFocus: { request: z.object({ focus: FeedFocus.nullable() }), senders: ['content-script'] },
  /**
   * Feed script → background: a beat's figures for the chips. One beat-level query per
   * beat (no names, no post text), cached and under the same spend limits as any topic.
   */
  getBeatPulse: { request: z.strictObject({ beat: BeatId }), senders: ['content-script'] },
  /** UI content script → background: the sender tab's id and the topic its detector reported (no re-detection in the UI script). */
  getTabTopic: { request: z.object({}), senders: ['content-script'] },
  /**
   * Popup or sidebar → background: the Undercurrent server's current story for a beat and
   * the latest story of the other beats ("More stories"). Only the beat id is sent to the
   * server the user configured; null when none is configured.
   */
  getStories: { request: z.object({ beat: ContextQuery.shape.beat }), senders: ['extension-page', 'content-script'] },
} as const satisfies Record<string, ProtocolEntry>;

export type MessageName = keyof typeof protocol;
export type RequestOf<N extends MessageName> = z.input<(typeof protocol)[N]['request']>;
export type ParsedRequestOf<N extends MessageName> = z.output<(typeof protocol)[N]['request']>;

export interface Replies {
  reportTopic: { accepted: boolean };
  getDetectorData: import('../detect/types').DetectorData;
  getTabContext: TabContext;
  getContext: DiscourseContext;
  getEntityCard: EntityCard;
  getOptions: { settings: Settings; secrets: SecretsPresence };
  saveSettings: Settings;
  saveSecrets: SecretsPresence;
  testConnection: ConnectionTest;
  clearCache: { cleared: true };
  getNarrativeCost: { last: NarrativeCost | null; spentToday: number; dailyBudget: number };
  getTabTopic: { tabId: number; topic: PageTopic | null };
  reportFeedFocus: { accepted: boolean };
  /** null: no figures (held by the spend limits, offline, or only the bundled sample). */
  getBeatPulse: { pulse: BeatPulse | null };
  lookUpName: EntityCard;
  getStories: import('../context/stories').BeatStories | null;
}

/** The envelope on the wire; `channel` keeps other extensions' messages apart. */
export interface Envelope<N extends MessageName = MessageName> {
  channel: 'undercurrent';
  name: N;
  data: RequestOf<N>;
}

/** Background → open extension pages (popup, options): something changed. */
export type BackgroundEvent =
  | { channel: 'undercurrent-event'; event: 'contextUpdated'; key: string }
  /**
   * A narrative being written for `key`: which attempt, and whether it is arriving or being
   * checked. No text: the narrative itself comes with contextUpdated once it passed the check.
   */
  | { channel: 'undercurrent-event'; event: 'narrativeProgress'; key: string; attempt: number; phase: 'writing' | 'checking' };
