// Bluesky Jetstream: a keyless websocket of every public post. The `time_us` cursor is
// persisted after each stored batch; after any disconnect the stream is resumed a few
// seconds before it, and the at-URI dedupe key drops what arrives twice.
import WebSocket from 'ws';
import { z } from 'zod';
import { DiscoursePost, type DiscoursePost as Post } from '../../../utils/schema';
import { clip } from '../../../utils/discourse/text';
import type { Ingestor } from '../ingestor';
import type { Metrics } from '../../metrics';
import type { PostStore } from '../../store';

/** One Jetstream event, as far as the server reads it. */
export const JetstreamEvent = z.object({
  did: z.string().regex(/^did:[a-z]+:[A-Za-z0-9._:%-]+$/).max(2048),
  time_us: z.number().int().positive(),
  kind: z.enum(['commit', 'identity', 'account']),
  commit: z
    .object({
      operation: z.enum(['create', 'update', 'delete']),
      collection: z.string().max(300),
      rkey: z.string().regex(/^[A-Za-z0-9._:~-]{1,512}$/),
      cid: z.string().max(200).optional(),
      record: z
        .object({
          text: z.string().max(10_000),
          createdAt: z.string().max(64),
          langs: z.array(z.string().max(32)).max(8).optional(),
        })
        .loose()
        .optional(),
    })
    .optional(),
});
export type JetstreamEvent = z.infer<typeof JetstreamEvent>;

/** Events larger than this are skipped unread: a post record is at most a few KB. */
export const MAX_EVENT_BYTES = 64 * 1024;
/** How far before the persisted cursor a reconnect resumes. */
export const RESUME_BACK_US = 5_000_000;
export const CURSOR_KEY = 'bluesky-jetstream';

/** The at-URI of a post. */
export const atUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

/** A created post event → DiscoursePost; null for anything else (deletes, other records, empty text). */
export function jetstreamEventToPost(ev: JetstreamEvent, profiles?: ReadonlyMap<string, { handle: string; displayName?: string; followers?: number }>): Post | null {
  const c = ev.commit;
  if (ev.kind !== 'commit' || !c || c.operation !== 'create' || c.collection !== 'app.bsky.feed.post' || !c.record) return null;
  const text = c.record.text.trim();
  if (!text) return null;
  // The record's own time, unless it is far from when the relay saw it (clients lie).
  const seen = Math.floor(ev.time_us / 1000);
  const claimed = Date.parse(c.record.createdAt);
  const t = Number.isFinite(claimed) && claimed <= seen + 300_000 && claimed >= seen - 86_400_000 ? claimed : seen;
  const profile = profiles?.get(ev.did);
  const parsed = DiscoursePost.safeParse({
    id: clip(`bluesky:${atUri(ev.did, c.rkey)}`, 512),
    source: 'bluesky',
    author: {
      name: clip(profile?.displayName?.trim() || profile?.handle || ev.did, 200),
      handle: clip(profile?.handle ?? ev.did, 200),
      url: `https://bsky.app/profile/${ev.did}`,
      ...(profile?.followers !== undefined ? { followers: profile.followers } : {}),
    },
    text: clip(text, 10_000),
    url: `https://bsky.app/profile/${ev.did}/post/${c.rkey}`,
    createdAt: new Date(t).toISOString(),
    engagement: { likes: 0, reposts: 0, replies: 0 },
    sentiment: null,
    ...(c.record.langs?.[0] ? { lang: c.record.langs[0].slice(0, 16) } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/** Reads one raw websocket message: the event, or why it was refused. */
export function readJetstreamMessage(data: string | Buffer): { ok: true; event: JetstreamEvent } | { ok: false; reason: 'oversized' | 'malformed' } {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > MAX_EVENT_BYTES) return { ok: false, reason: 'oversized' };
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const ev = JetstreamEvent.safeParse(json);
  return ev.success ? { ok: true, event: ev.data } : { ok: false, reason: 'malformed' };
}

export interface JetstreamOptions {
  /** `wss://jetstream2.us-east.bsky.network` (the path and query are added). */
  url: string;
  ingestor: Ingestor;
  store: PostStore;
  metrics: Metrics;
  clock: () => number;
  /** Events stored per batch. */
  batchSize?: number;
  /** A partial batch is stored after this long. */
  flushMs?: number;
  /** Reconnect waits: first, and the cap of its doubling. */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: (line: string) => void;
}

/** Follows Jetstream until `stop()`; resumable at any point from the persisted cursor. */
export class JetstreamIngest {
  private socket: WebSocket | undefined;
  private stopped = false;
  private pending: { post: Post | null; time_us: number }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private connections = 0;
  private done: Promise<void> | undefined;
  /** Set when a batch failed to store: later batches of that connection are dropped (they come again). */
  private broken = false;

  constructor(private readonly o: JetstreamOptions) {}

  /** Whether a websocket is open now, and the last connection error. */
  connected = false;
  lastError: string | undefined;

  /** How many times it has connected (tests watch it resume). */
  get connectCount(): number {
    return this.connections;
  }

  start(): Promise<void> {
    this.done ??= this.run();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.socket?.close();
    await this.done;
    await this.flush();
  }

  /** Resolves when everything received so far is stored. */
  idle(): Promise<void> {
    return this.flush();
  }

  private async run(): Promise<void> {
    let backoff = this.o.backoffMs ?? 1000;
    while (!this.stopped) {
      const received = await this.connectOnce();
      if (this.stopped) break;
      if (received > 0) backoff = this.o.backoffMs ?? 1000;
      this.o.log?.(`jetstream: disconnected after ${received} messages; reconnecting in ${backoff} ms`);
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, this.o.maxBackoffMs ?? 60_000);
    }
  }

  private async subscribeUrl(): Promise<string> {
    await this.flush();
    this.broken = false;
    const u = new URL('/subscribe', this.o.url);
    u.searchParams.set('wantedCollections', 'app.bsky.feed.post');
    const cursor = await this.o.store.getCursor(CURSOR_KEY);
    if (cursor) u.searchParams.set('cursor', String(Math.max(0, Number(cursor) - RESUME_BACK_US)));
    return u.href;
  }

  /** One connection: resolves with the number of messages received when it closes. */
  private async connectOnce(): Promise<number> {
    let url: string;
    try {
      url = await this.subscribeUrl();
    } catch (err) {
      this.o.log?.(`jetstream: cannot read the cursor (${(err as Error).message})`);
      return 0;
    }
    return new Promise<number>((resolve) => {
      let received = 0;
      const ws = new WebSocket(url, { maxPayload: 4 * MAX_EVENT_BYTES, handshakeTimeout: 10_000 });
      this.socket = ws;
      ws.on('open', () => {
        this.connections++;
        this.connected = true;
        this.lastError = undefined;
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        received++;
        const r = readJetstreamMessage(isBinary ? data : data.toString('utf8'));
        if (!r.ok) {
          this.o.ingestor.malformed('bluesky');
          return;
        }
        this.o.metrics.lag.set({ source: 'bluesky' }, Math.max(0, (this.o.clock() - r.event.time_us / 1000) / 1000));
        this.pending.push({ post: jetstreamEventToPost(r.event), time_us: r.event.time_us });
        if (this.pending.length >= (this.o.batchSize ?? 500)) void this.flush();
        else this.timer ??= setTimeout(() => void this.flush(), this.o.flushMs ?? 1000);
      });
      ws.on('error', (err) => {
        this.lastError = err.message;
        this.o.log?.(`jetstream: ${err.message}`);
      });
      ws.on('close', () => {
        this.connected = false;
        resolve(received);
      });
    });
  }

  /** Stores the pending events, then moves the cursor past them (serially). */
  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.chain = this.chain.then(async () => {
      if (!batch.length || this.broken) return;
      const posts = batch.flatMap((b) => (b.post ? [b.post] : []));
      await this.o.ingestor.ingest('bluesky', posts);
      let max = 0;
      for (const b of batch) if (b.time_us > max) max = b.time_us;
      const prev = Number((await this.o.store.getCursor(CURSOR_KEY)) ?? 0);
      if (max > prev) await this.o.store.setCursor(CURSOR_KEY, String(max));
    }).catch((err: unknown) => {
      // A failed store leaves the cursor where it was: the events come again on reconnect.
      this.broken = true;
      this.o.log?.(`jetstream: storing a batch failed (${(err as Error).message}); resuming from the cursor`);
      this.socket?.terminate();
    });
    return this.chain;
  }
}
