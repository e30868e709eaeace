// The one protocol map between content scripts, popup, options and the background.
// Each entry names its request schema (parsed on arrival in the background) and, in
// `Replies`, the type of its reply. Every reply is a Result, never a thrown error.
import { z } from 'zod';
import { ContextQuery, DiscourseContext, ErrorCode, PageTopic, SourceError } from '../schema';

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** What the popup shows for a tab. */
export interface TabContext {
  /** The topic the tab's content script reported; null when the page is not about AI or not yet analysed. */
  topic: PageTopic | null;
  /** The context for that topic; null with `error` set when nothing could be had. */
  context: DiscourseContext | null;
  error: SourceError | null;
  /** True while a fresher answer is being fetched (stale-while-revalidate). */
  revalidating: boolean;
}

export const protocol = {
  /** Content script → background: the topic its page is about (null: not about AI). Stored per tab. */
  reportTopic: { request: z.object({ topic: PageTopic.nullable() }) },
  /** Content script → background: detector data (gazetteer, beat weights), bundled or refreshed. */
  getDetectorData: { request: z.object({}) },
  /** Popup → background: topic and context for a tab; `force` skips the cache. */
  getTabContext: { request: z.object({ tabId: z.number().int().nonnegative(), force: z.boolean().default(false) }) },
  /** Any UI → background: context for a query (cache first). */
  getContext: { request: z.object({ query: ContextQuery, force: z.boolean().default(false) }) },
} as const satisfies Record<string, { request: z.ZodType }>;

export type MessageName = keyof typeof protocol;
export type RequestOf<N extends MessageName> = z.input<(typeof protocol)[N]['request']>;
export type ParsedRequestOf<N extends MessageName> = z.output<(typeof protocol)[N]['request']>;

export interface Replies {
  reportTopic: { accepted: boolean };
  getDetectorData: import('../detect/types').DetectorData;
  getTabContext: TabContext;
  getContext: DiscourseContext;
}

/** The envelope on the wire; `channel` keeps other extensions' messages apart. */
export interface Envelope<N extends MessageName = MessageName> {
  channel: 'undercurrent';
  name: N;
  data: RequestOf<N>;
}

/** Background → any open UI: a context changed (revalidation finished). */
export interface ContextUpdatedEvent {
  channel: 'undercurrent-event';
  event: 'contextUpdated';
  key: string;
}

export const ErrorCodeSchema = ErrorCode;
export { DiscourseContext, SourceError };
