// Beat stories from the Undercurrent server, for the popup and the sidebar: the latest
// story of every beat (`/v1/stories`) and the current beat's story in full
// (`/v1/stories/{id}`), each cached in the store with its ETag, revalidated after a few
// minutes, and left alone for a while after the server failed (Retry-After honoured).
// Without a server there is nothing to ask: the answer is null and the UI shows no stories.
import { z } from 'zod';
import { Story, StorySummary, describeZodError, type BeatId, type Secrets, type Settings } from '../schema';
import type { Store } from '../store';
import { BodyTooLarge, parseRetryAfter, readCapped } from '../net';
import { hostedHeaders, hostedUrl } from './hosted-api';
import { ProviderError } from './provider';

/** What the surfaces show: the beat's current story (null when the server has none) and the latest of the other beats. */
export interface BeatStories {
  story: Story | null;
  more: StorySummary[];
}

export interface StoriesDeps {
  store: Store;
  fetch: typeof fetch;
  clock: () => number;
  getSettings: () => Promise<Settings>;
  /** The secrets usable with `settings` (the hosted key only goes to the origin it was saved for). */
  getSecrets: (settings: Settings) => Promise<Secrets>;
  timeoutMs?: number;
}

/** A cached answer counts as current this long; after that it is revalidated (If-None-Match). */
export const STORIES_FRESH_MS = 5 * 60_000;
const KEEP_MS = 7 * 24 * 3600_000;
const COOLDOWN_MS = 2 * 60_000;
/** A story with 80 posts is far below this; a larger answer is refused unread. */
const MAX_BYTES = 1_500_000;

const Cached = <S extends z.ZodType>(schema: S) => z.object({ fetchedAt: z.number(), etag: z.string().max(500).optional(), value: schema });
const StoryList = z.array(StorySummary).max(20);
interface CachedEntry<T> {
  fetchedAt: number;
  etag?: string | undefined;
  value: T;
}

/** Whether `url` is an http(s) page of the configured server (links the UI may open). */
export function onServer(url: string, origin: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin;
  } catch {
    return false;
  }
}

export class StoriesService {
  private cooldownUntil = 0;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: StoriesDeps) {}

  /** The stories for a beat, or null when no server is configured. A failing server with nothing cached gives no stories, not an error. */
  async forBeat(beat: BeatId): Promise<BeatStories | null> {
    const settings = await this.deps.getSettings();
    const base = settings.hostedApi.baseUrl;
    if (!base) return null;
    const origin = new URL(base).origin;
    const { hostedApiKey } = await this.deps.getSecrets(settings);
    let list: StorySummary[];
    try {
      list = await this.cached(`stories:list:${origin}`, hostedUrl(base, 'v1/stories'), StoryList, hostedApiKey);
    } catch {
      return { story: null, more: [] };
    }
    // Only pages of the configured server are offered as links (a summary pointing elsewhere is dropped).
    const summaries = list.filter((s) => onServer(s.url, origin));
    const current = summaries.find((s) => s.beat === beat) ?? null;
    let story: Story | null = null;
    if (current) {
      story = await this.cached(`stories:story:${origin}:${current.id}`, hostedUrl(base, `v1/stories/${encodeURIComponent(current.id)}`), Story, hostedApiKey).catch(() => null);
      if (story && (story.beat !== beat || !onServer(story.url, origin))) story = null;
    }
    return { story, more: summaries.filter((s) => s.id !== current?.id) };
  }

  /** One JSON resource: from the store while fresh, else asked again with its ETag; the stale copy when the server fails. */
  private cached<S extends z.ZodType>(key: string, url: URL, schema: S, apiKey: string | undefined): Promise<z.output<S>> {
    let p = this.inFlight.get(key) as Promise<z.output<S>> | undefined;
    if (!p) {
      p = this.revalidate(key, url, schema, apiKey).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async revalidate<S extends z.ZodType>(key: string, url: URL, schema: S, apiKey: string | undefined): Promise<z.output<S>> {
    const { store, clock } = this.deps;
    const row = (await store.get('narratives', key, Cached(schema))) as { value: CachedEntry<z.output<S>> } | undefined;
    const now = clock();
    if (row && now - row.value.fetchedAt < STORIES_FRESH_MS) return row.value.value;
    if (now < this.cooldownUntil) {
      if (row) return row.value.value;
      throw new ProviderError('rate-limited', 'Stories: the server asked to wait');
    }
    try {
      const fresh = await this.fetchJson(url, schema, apiKey, row?.value.etag);
      if (fresh.kind === 'not-modified') {
        if (!row) throw new ProviderError('malformed', 'Stories: 304 for an answer we do not have');
        await store.put('narratives', key, { ...row.value, fetchedAt: clock() }, KEEP_MS);
        return row.value.value;
      }
      await store.put('narratives', key, { fetchedAt: clock(), ...(fresh.etag ? { etag: fresh.etag } : {}), value: fresh.value }, KEEP_MS);
      return fresh.value;
    } catch (err) {
      if (row) return row.value.value;
      throw err;
    }
  }

  private async fetchJson<S extends z.ZodType>(url: URL, schema: S, apiKey: string | undefined, etag: string | undefined): Promise<{ kind: 'fresh'; value: z.output<S>; etag?: string } | { kind: 'not-modified' }> {
    const timeoutMs = this.deps.timeoutMs ?? 8000;
    const headers = hostedHeaders(apiKey);
    if (etag) headers['if-none-match'] = etag;
    let res: Response;
    try {
      res = await this.deps.fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      this.cooldownUntil = this.deps.clock() + COOLDOWN_MS;
      throw new ProviderError('network', `Stories: server unreachable (${(err as Error).message})`);
    }
    if (res.status === 304) return { kind: 'not-modified' };
    if (res.status === 404) throw new ProviderError('not-found', 'Stories: no such story');
    if (!res.ok) {
      const wait = res.status === 429 ? parseRetryAfter(res.headers.get('retry-after'), this.deps.clock()) : undefined;
      this.cooldownUntil = this.deps.clock() + (wait ?? COOLDOWN_MS);
      throw new ProviderError(res.status === 429 ? 'rate-limited' : res.status === 401 || res.status === 403 ? 'unauthorized' : 'http', `Stories: server answered ${res.status}`);
    }
    let body: string;
    try {
      body = await readCapped(res, MAX_BYTES);
    } catch (err) {
      throw new ProviderError(err instanceof BodyTooLarge ? 'too-large' : 'network', `Stories: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ProviderError('malformed', 'Stories: the answer is not valid JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ProviderError('malformed', `Stories: unexpected answer (${describeZodError(parsed.error)})`);
    return { kind: 'fresh', value: parsed.data, ...(res.headers.get('etag') ? { etag: res.headers.get('etag')! } : {}) };
  }
}
