// The local pipeline: the embedded provider that needs no server. Runs the enabled
// sources side by side, normalises, dedupes and scores their posts, stores them so the
// timeline grows over days, and aggregates everything stored into a snapshot.
import {
  DiscourseContext,
  describeZodError,
  type ContextQuery,
  type DiscoursePost,
  type Secrets,
  type Settings,
  type SourceError,
} from '../schema';
import { LimiterState, ToneSeries } from '../schema/discourse';
import type { ContextProvider, ProviderAnswer } from '../context/provider';
import { ProviderError } from '../context/provider';
import type { Store } from '../store';
import { WINDOW_MS, aggregate, DAY_MS, engagementOf } from './aggregate';
import { dedupe } from './dedupe';
import { HttpClient, RateLimiter, SourceFailure, isAbort, toSourceError, type HostLimit } from './http';
import { SharedInflight } from './inflight';
import { searchTags, searchText } from './query';
import { scorePosts } from './sentiment';
import { BlueskyAuth, BlueskySource, type CreateAgent, type SessionPort } from './sources/bluesky';
import { GdeltSource, toneAt } from './sources/gdelt';
import { HackerNewsSource } from './sources/hackernews';
import { HuggingFaceStats } from './sources/huggingface';
import { MastodonSource } from './sources/mastodon';
import type { DiscourseSource, SearchRequest } from './sources/types';
import { storiesOf } from './stories';
import { toneToSentiment } from './sentiment';
import { shortHash } from './text';
import type { ModelStats } from '../schema';

/** The clients the pipeline is handed (Bitwarden's habit: nothing reached for). */
export interface PipelineClients {
  fetch: typeof fetch;
  clock: () => number;
  store: Store;
  getSettings: () => Promise<Settings>;
  /** The secrets usable with `settings` (a secret bound to another origin comes back ''): pass the settings the request is built from. */
  getSecrets: (settings: Settings) => Promise<Secrets>;
  /** Where the Bluesky session is persisted (extension storage in the background). */
  session: SessionPort;
  /** Builds the @atproto/api agent (tests and custom transports); defaults to `new AtpAgent(options)`. */
  createAgent?: CreateAgent;
  /** Told when work finished after `fetch` returned (GDELT tone arrived) changed a topic's stored posts. */
  onTopicUpdated?: (topicKey: string) => void;
}

/** Sources with a rate limit and budget of their own. */
export type LimitedSource = 'bluesky' | 'hackernews' | 'news' | 'mastodon' | 'huggingface';

export interface PipelineOptions {
  /** Milliseconds between GDELT requests (GDELT asks for 5 s; tests pass 0). */
  gdeltPaceMs?: number;
  /** Token bucket per source's host; overrides the defaults below. */
  hostLimits?: Partial<Record<LimitedSource, HostLimit>>;
  /** Requests per rolling hour per source. */
  hourlyBudget?: Partial<Record<LimitedSource, number>>;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Extra attempts after a network error or 5xx. */
  retries?: number;
  backoffBaseMs?: number;
  random?: () => number;
  /** Longest wait for a rate-limit token before the source reports `rate-limited`. */
  maxQueueWaitMs?: number;
  blueskyMaxPages?: number;
  hackernewsMaxPages?: number;
  /** How long a GDELT tone timeline is reused. */
  toneTtlMs?: number;
  /** Posts in the context's sample (≤ 200). */
  samplePosts?: number;
  /** How waits (pace, Retry-After, backoff) are slept; tests pass one driven by their fake clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The signal that times a request out (`AbortSignal.timeout`); tests pass one they fire themselves. */
  timeoutSignal?: (ms: number, url: string) => AbortSignal;
}

export const DEFAULT_HOST_LIMITS: Record<Exclude<LimitedSource, 'news'>, HostLimit> = {
  // createSession allows 30 per 5 min; searches are generous but we stay modest.
  bluesky: { capacity: 10, perSecond: 3 },
  // Algolia: 10,000 per hour per IP.
  hackernews: { capacity: 10, perSecond: 2.5 },
  // mastodon.social: 300 per 5 minutes per IP.
  mastodon: { capacity: 5, perSecond: 1 },
  // Hub: about 500 per 5 minutes per IP.
  huggingface: { capacity: 10, perSecond: 1.5 },
};

export const DEFAULT_HOURLY_BUDGET: Record<LimitedSource, number> = {
  bluesky: 300,
  hackernews: 600,
  news: 120,
  mastodon: 200,
  huggingface: 300,
};

/** The limiter's state in the store's `meta` area (pinned: it outlives the LRU bound). */
export const LIMITER_KEY = 'discourse:limiter';
/** Longest wait for GDELT's pace that a fetch sits through before using stored news instead. */
const MAX_NEWS_WAIT_MS = 1000;
const toneKey = (text: string, langs: readonly string[]) => `gdelt-tone:${shortHash(`${text}\n${langs.join(',')}`)}`;

/** The posts a context carries: every key voice's, then the most engaged of the day, then the newest. */
export function samplePosts(posts: readonly DiscoursePost[], keyVoiceIds: readonly string[], now: number, max = 200): DiscoursePost[] {
  const byId = new Map(posts.map((p) => [p.id, p]));
  const out = new Map<string, DiscoursePost>();
  for (const id of keyVoiceIds) {
    const p = byId.get(id);
    if (p && out.size < max) out.set(id, p);
  }
  const day = posts.filter((p) => Date.parse(p.createdAt) > now - DAY_MS).sort((a, b) => engagementOf(b) - engagementOf(a));
  for (const p of day) {
    if (out.size >= Math.ceil(max / 2) + keyVoiceIds.length) break;
    out.set(p.id, p);
  }
  const newest = [...posts].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  for (const p of newest) {
    if (out.size >= max) break;
    out.set(p.id, p);
  }
  return [...out.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * Holds every post to the time it was seen: an upstream's clock may be wrong, or a post
 * may claim a date to come (2099), and a future date would count in every "last 24 h"
 * and top the key voices until that date arrives. The store keeps the first sighting.
 */
export function clampToSeen(posts: readonly DiscoursePost[], seenAt: number): DiscoursePost[] {
  const iso = new Date(seenAt).toISOString();
  return posts.map((p) => (Date.parse(p.createdAt) > seenAt ? { ...p, createdAt: iso } : p));
}

/** The local pipeline as a ContextProvider (`name = 'live'`). */
export class LocalPipelineProvider implements ContextProvider {
  readonly name = 'live' as const;
  private readonly limiter: RateLimiter;
  private readonly http: HttpClient;
  private readonly auth: BlueskyAuth;
  private readonly hf: HuggingFaceStats;
  private readonly inflight = new SharedInflight<ProviderAnswer>();
  private readonly background = new Set<Promise<void>>();
  private readonly toneInflight = new Map<string, Promise<void>>();
  private limiterLoaded?: Promise<void>;
  private readonly o: PipelineOptions;

  constructor(
    private readonly c: PipelineClients,
    options: PipelineOptions = {},
  ) {
    this.o = options;
    this.limiter = new RateLimiter({
      clock: c.clock,
      hourlyBudget: { ...DEFAULT_HOURLY_BUDGET, ...options.hourlyBudget },
      maxWaitMs: options.maxQueueWaitMs ?? 15_000,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.http = new HttpClient({
      fetch: (input, init) => c.fetch(input, init),
      limiter: this.limiter,
      clock: c.clock,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {}),
    });
    this.auth = new BlueskyAuth({ http: this.http, session: c.session, ...(c.createAgent ? { createAgent: c.createAgent } : {}) });
    this.hf = new HuggingFaceStats({ http: this.http, store: c.store, getSettings: c.getSettings });
  }

  /**
   * Fetches live discourse for `query` (one search per topic in flight, shared by callers)
   * and returns the snapshot of everything stored for it over the last 7 days.
   */
  fetch(query: ContextQuery & { key: string }, opts: { signal?: AbortSignal; etag?: string } = {}): Promise<ProviderAnswer> {
    return this.inflight.run(query.key, (signal) => this.run(query, signal), opts.signal);
  }

  /** Hugging Face figures for a model repo (cache first). Throws SourceFailure. */
  modelStats(repoId: string, opts: { signal?: AbortSignal } = {}): Promise<ModelStats> {
    return this.withLimiter(() => this.hf.get(repoId, opts));
  }

  /** Checks the Bluesky login from the options page: a real search with the session. */
  async testBluesky(): Promise<{ ok: boolean; message: string }> {
    const settings = await this.c.getSettings();
    const secrets = await this.c.getSecrets(settings);
    const source = this.blueskySource(settings, secrets);
    const now = this.c.clock();
    try {
      await source.search({ text: 'bluesky', tags: [], beat: 'social-media', sinceMs: now - DAY_MS, now, languages: [], signal: new AbortController().signal });
      return { ok: true, message: `Logged in to Bluesky as ${settings.bluesky.handle}` };
    } catch (err) {
      return { ok: false, message: toSourceError('bluesky', 'Bluesky', err).message };
    }
  }

  /** Resolves when background work (GDELT tone) has finished: for tests, benchmarks and shutdown. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /** Requests `source` may still send this hour. */
  remainingBudget(source: LimitedSource): number {
    return this.limiter.remaining(source);
  }

  private async withLimiter<T>(work: () => Promise<T>): Promise<T> {
    this.limiterLoaded ??= this.c.store
      .get('meta', LIMITER_KEY, LimiterState)
      .then((row) => row && this.limiter.restore(row.value))
      .catch(() => {});
    await this.limiterLoaded;
    try {
      return await work();
    } finally {
      if (this.limiter.dirty) await this.c.store.put('meta', LIMITER_KEY, this.limiter.state(), 2 * 3_600_000).catch(() => {});
    }
  }

  private blueskySource(settings: Settings, secrets: Secrets): BlueskySource {
    return new BlueskySource({
      auth: this.auth,
      credentials: { service: settings.endpoints.blueskyService, identifier: settings.bluesky.handle.trim().replace(/^@/, ''), password: secrets.blueskyAppPassword },
      ...(this.o.blueskyMaxPages !== undefined ? { maxPages: this.o.blueskyMaxPages } : {}),
    });
  }

  private configureHosts(settings: Settings): void {
    const host = (u: string) => new URL(u).host;
    const limits = { ...DEFAULT_HOST_LIMITS, ...this.o.hostLimits };
    const pace = this.o.gdeltPaceMs ?? 5_000;
    this.limiter.setHostLimit(host(settings.endpoints.blueskyService), limits.bluesky);
    this.limiter.setHostLimit(host(settings.endpoints.hackernews), limits.hackernews);
    this.limiter.setHostLimit(host(settings.endpoints.mastodon), limits.mastodon);
    this.limiter.setHostLimit(host(settings.endpoints.huggingface), limits.huggingface);
    this.limiter.setHostLimit(
      host(settings.endpoints.gdelt),
      this.o.hostLimits?.news ?? (pace > 0 ? { capacity: 1, perSecond: 1000 / pace } : { capacity: 1, perSecond: Infinity }),
    );
  }

  private async cachedTone(text: string, langs: readonly string[]): Promise<ToneSeries | undefined> {
    const row = await this.c.store.get('meta', toneKey(text, langs), ToneSeries).catch(() => undefined);
    return row?.value;
  }

  private async toneIsFresh(text: string, langs: readonly string[]): Promise<boolean> {
    const row = await this.c.store.get('meta', toneKey(text, langs), ToneSeries).catch(() => undefined);
    return !!row && !row.expired;
  }

  /** Fetches GDELT tone after the article list (GDELT's pace forbids both at once) and re-scores stored news. */
  private scheduleTone(gdelt: GdeltSource, req: SearchRequest, topic: string): void {
    const k = toneKey(req.text, req.languages);
    if (this.toneInflight.has(k)) return;
    const task = (async () => {
      try {
        const series = await this.withLimiter(() => gdelt.tone(req, AbortSignal.timeout(60_000)));
        await this.c.store.put('meta', k, series, this.o.toneTtlMs ?? 3_600_000);
        const news = (await this.c.store.getPosts(topic, this.c.clock() - WINDOW_MS)).filter((p) => p.source === 'news');
        const rescored = news.map((p) => {
          const tone = toneAt(series, Date.parse(p.createdAt));
          return tone === null ? p : { ...p, sentiment: toneToSentiment(tone) };
        });
        await this.c.store.putPosts(rescored, topic);
        this.c.onTopicUpdated?.(topic);
      } catch {
        // Tone is an extra: news keeps its headline sentiment until the next fetch tries again.
      }
    })();
    this.toneInflight.set(k, task);
    this.background.add(task);
    void task.finally(() => {
      this.toneInflight.delete(k);
      this.background.delete(task);
    });
  }

  private async run(query: ContextQuery & { key: string }, signal: AbortSignal): Promise<ProviderAnswer> {
    return this.withLimiter(async () => {
      const settings = await this.c.getSettings();
    const secrets = await this.c.getSecrets(settings);
      this.configureHosts(settings);
      const now = this.c.clock();
      const req: SearchRequest = {
        text: searchText(query),
        tags: searchTags(query),
        beat: query.beat,
        sinceMs: now - WINDOW_MS,
        now,
        languages: settings.languages,
        signal,
      };
      const sources: DiscourseSource[] = [];
      const en = settings.sources;
      if (en.bluesky) sources.push(this.blueskySource(settings, secrets));
      if (en.hackernews)
        sources.push(new HackerNewsSource({ http: this.http, endpoint: settings.endpoints.hackernews, ...(this.o.hackernewsMaxPages ? { maxPages: this.o.hackernewsMaxPages } : {}) }));
      // GDELT allows one request per 5 s. A fetch right after another (a refresh, a second
      // tab) does not wait that out: it uses the news already stored, and GDELT is asked
      // again on the next fetch.
      const newsPaced = en.news && this.limiter.peekWait(new URL(settings.endpoints.gdelt).host) > MAX_NEWS_WAIT_MS;
      const gdelt = en.news && !newsPaced ? new GdeltSource({ http: this.http, endpoint: settings.endpoints.gdelt, tone: (t) => this.cachedTone(t, req.languages) }) : undefined;
      if (gdelt) sources.push(gdelt);
      if (en.mastodon) sources.push(new MastodonSource({ http: this.http, endpoint: settings.endpoints.mastodon }));
      if (!sources.length) throw new ProviderError('not-configured', 'Every live source is switched off in the options');

      const settled = await Promise.allSettled(sources.map((s) => s.search(req)));
      if (signal.aborted) throw signal.reason;
      const errors: SourceError[] = [];
      const found: DiscoursePost[] = [];
      let succeeded = 0;
      settled.forEach((r, i) => {
        const s = sources[i]!;
        if (r.status === 'fulfilled') {
          succeeded++;
          found.push(...r.value);
        } else if (!isAbort(r.reason)) errors.push(toSourceError(s.id, s.label, r.reason));
      });
      const langs = new Set(settings.languages);
      const fresh = dedupe(scorePosts(clampToSeen(found, now).filter((p) => !p.lang || langs.has(p.lang))));

      let stored: DiscoursePost[] = [];
      try {
        await this.c.store.putPosts(fresh, query.key);
        stored = await this.c.store.getPosts(query.key, now - WINDOW_MS);
      } catch (err) {
        errors.push({ source: 'cache', code: 'storage', message: `Cache: could not store posts (${err instanceof Error ? err.message : String(err)})`.slice(0, 500) });
      }
      const merged = new Map(stored.map((p) => [p.id, p]));
      for (const p of fresh) if (!merged.has(p.id)) merged.set(p.id, p);
      const all = dedupe([...merged.values()]);

      if (newsPaced && !all.some((p) => p.source === 'news')) {
        errors.push({ source: 'news', code: 'rate-limited', message: 'News (GDELT): one request per 5 seconds; news follows on the next refresh' });
      }

      if (succeeded === 0 && all.length === 0) {
        const first = errors.find((e) => e.code !== 'not-configured') ?? errors[0];
        throw new ProviderError(first?.code ?? 'network', errors.map((e) => e.message).join('; ').slice(0, 500) || 'No live source answered');
      }

      if (gdelt && settled[sources.indexOf(gdelt)]?.status === 'fulfilled' && !(await this.toneIsFresh(req.text, req.languages))) {
        this.scheduleTone(gdelt, req, query.key);
      }

      const snapshot = aggregate(all, { topicKey: query.key, beat: query.beat, query: req.text, now });
      const parsed = DiscourseContext.safeParse({
        topic: { beat: query.beat, entities: query.entities, q: query.q, key: query.key },
        snapshot,
        posts: samplePosts(all, snapshot.keyVoices.map((v) => v.postId), now, Math.min(200, this.o.samplePosts ?? 200)),
        narrative: null,
        stories: storiesOf(all, query.beat, now),
        freshness: {
          fetchedAt: new Date(now).toISOString(),
          stale: succeeded === 0,
          origin: 'live',
          upstream: 'live',
          errors: errors.slice(0, 20),
        },
      });
      if (!parsed.success) throw new ProviderError('internal', `Live snapshot did not validate: ${describeZodError(parsed.error)}`);
      return { kind: 'fresh', context: parsed.data };
    });
  }
}

export { SourceFailure };
