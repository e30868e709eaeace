// The polled sources, one small class each, all on the extension's HttpClient and
// RateLimiter (utils/discourse/http.ts) and its converters (utils/discourse/sources):
// Hacker News (Algolia search_by_date paged by created_at_i), GDELT DOC (per-beat
// queries at one request per 5 s), Mastodon tag timelines on several instances, and —
// with credentials in the server's environment only — X recent search and YouTube
// comment threads. Each keeps a cursor in the database, so a restart resumes.
import { z } from 'zod';
import { BEATS } from '../../../utils/schema/beats';
import { AlgoliaSearchResponse, GdeltArtList, MastodonTimeline } from '../../../utils/schema/discourse';
import type { DiscoursePost } from '../../../utils/schema';
import type { HttpClient } from '../../../utils/discourse/http';
import { hnHitToPost } from '../../../utils/discourse/sources/hackernews';
import { gdeltArticleToPost } from '../../../utils/discourse/sources/gdelt';
import { mastodonStatusToPost } from '../../../utils/discourse/sources/mastodon';
import type { PostStore } from '../../store';
import { XSearchResponse, xSearchToPosts } from './x';
import { YouTubeCommentThreadList, youtubeThreadsToPosts } from './youtube';
import { enrichBlueskyPosts } from './appview';
import type { Db } from '../../db';

/** One polled source: `poll` fetches what is new since its cursor and returns it. */
export interface Poller {
  readonly id: string;
  /** Between two polls. */
  readonly intervalMs: number;
  /** Why it does not run, when it does not (missing credentials). */
  readonly notConfigured?: string;
  poll(signal: AbortSignal): Promise<DiscoursePost[]>;
}

export interface PollerDeps {
  http: HttpClient;
  store: PostStore;
  clock: () => number;
}

/** Hacker News: every story and comment, newest first, since the last created_at_i seen. */
export class HackerNewsPoller implements Poller {
  readonly id = 'hackernews';
  readonly intervalMs = 60_000;
  constructor(private readonly d: PollerDeps, private readonly endpoint: string, private readonly maxPages = 5) {}

  async poll(signal: AbortSignal): Promise<DiscoursePost[]> {
    const cursor = Number((await this.d.store.getCursor(this.id)) ?? Math.floor((this.d.clock() - 3_600_000) / 1000));
    const out: DiscoursePost[] = [];
    let newest = cursor;
    for (let page = 0; page < this.maxPages; page++) {
      const u = new URL('/api/v1/search_by_date', this.endpoint);
      u.searchParams.set('tags', '(story,comment)');
      // `>=`: items of the cursor's own second may have arrived after the last poll; dedupe drops repeats.
      u.searchParams.set('numericFilters', `created_at_i>=${cursor}`);
      u.searchParams.set('hitsPerPage', '200');
      u.searchParams.set('page', String(page));
      const res = await this.d.http.getJson('hackernews', u.href, AlgoliaSearchResponse, { signal });
      for (const hit of res.hits) {
        const p = hnHitToPost(hit);
        if (!p) continue;
        out.push(p);
        newest = Math.max(newest, Math.floor(Date.parse(p.createdAt) / 1000));
      }
      if (res.hits.length < 200 || page + 1 >= (res.nbPages ?? 1)) break;
    }
    if (newest > cursor) await this.d.store.setCursor(this.id, String(newest));
    return out;
  }
}

/** Short GDELT queries per beat: the detector decides what each article is really about. */
export const GDELT_BEAT_QUERIES: Record<string, string> = {
  'open-source-ai': '"open source AI"',
  'industry-business': '"artificial intelligence" funding',
  'hardware-compute': '"AI chips"',
  'research-models': '"language model"',
  'agents-automation': '"AI agents"',
  'security-privacy': '"AI security"',
  'safety-alignment': '"AI safety"',
  consciousness: '"AI consciousness"',
  'bias-fairness': '"algorithmic bias"',
  'policy-regulation': '"AI regulation"',
  healthcare: '"AI" healthcare',
  'social-media': '"AI-generated" deepfake',
  'labor-economy': '"AI" jobs',
  education: '"AI" students',
  'creative-work': '"AI art"',
};

/** GDELT DOC artlist, one beat per poll in turn (GDELT asks for one request per 5 s). */
export class GdeltPoller implements Poller {
  readonly id = 'news';
  readonly intervalMs = 6_000;
  private next = 0;
  constructor(private readonly d: PollerDeps, private readonly endpoint: string) {}

  async poll(signal: AbortSignal): Promise<DiscoursePost[]> {
    const beat = BEATS[this.next++ % BEATS.length]!;
    const u = new URL('/api/v2/doc/doc', this.endpoint);
    u.searchParams.set('query', `${GDELT_BEAT_QUERIES[beat.id] ?? `"${beat.name}"`} sourcelang:english`);
    u.searchParams.set('mode', 'artlist');
    u.searchParams.set('format', 'json');
    u.searchParams.set('maxrecords', '75');
    u.searchParams.set('sort', 'datedesc');
    u.searchParams.set('timespan', '6h');
    const res = await this.d.http.getJson('news', u.href, GdeltArtList, { signal });
    return res.articles.flatMap((a) => gdeltArticleToPost(a) ?? []);
  }
}

export const MASTODON_TAGS = ['ai', 'llm', 'generativeai', 'machinelearning', 'openai', 'aiethics', 'chatgpt', 'opensourceai'];

/** Mastodon tag timelines on several instances, each tag paged by since_id. */
export class MastodonPoller implements Poller {
  readonly id = 'mastodon';
  readonly intervalMs = 60_000;
  constructor(private readonly d: PollerDeps, private readonly instances: readonly string[], private readonly tags = MASTODON_TAGS) {}

  async poll(signal: AbortSignal): Promise<DiscoursePost[]> {
    const out: DiscoursePost[] = [];
    for (const instance of this.instances) {
      for (const tag of this.tags) {
        const key = `mastodon:${new URL(instance).host}:${tag}`;
        const since = await this.d.store.getCursor(key);
        const u = new URL(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, instance);
        u.searchParams.set('limit', '40');
        if (since) u.searchParams.set('since_id', since);
        const statuses = await this.d.http.getJson('mastodon', u.href, MastodonTimeline, { signal });
        let newest = since;
        for (const s of statuses) {
          const id = z.object({ id: z.string().regex(/^\d{1,30}$/) }).safeParse(s);
          if (id.success && (!newest || BigInt(id.data.id) > BigInt(newest))) newest = id.data.id;
          const p = mastodonStatusToPost(s);
          if (p) out.push(p);
        }
        if (newest && newest !== since) await this.d.store.setCursor(key, newest);
      }
    }
    return out;
  }
}

/** X API v2 recent search for AI talk, paged by since_id. Needs X_BEARER_TOKEN. */
export class XPoller implements Poller {
  readonly id = 'x';
  readonly intervalMs = 15 * 60_000;
  readonly notConfigured?: string;
  constructor(private readonly d: PollerDeps, private readonly endpoint: string, private readonly token: string | undefined) {
    if (!token) this.notConfigured = 'set X_BEARER_TOKEN to ingest X';
  }

  async poll(signal: AbortSignal): Promise<DiscoursePost[]> {
    if (!this.token) return [];
    const since = await this.d.store.getCursor(this.id);
    const u = new URL('/2/tweets/search/recent', this.endpoint);
    u.searchParams.set('query', '(AI OR LLM OR "language model" OR OpenAI OR Anthropic OR DeepSeek) lang:en -is:retweet');
    u.searchParams.set('max_results', '100');
    u.searchParams.set('tweet.fields', 'created_at,public_metrics,lang,author_id');
    u.searchParams.set('expansions', 'author_id');
    u.searchParams.set('user.fields', 'username,name,public_metrics');
    if (since) u.searchParams.set('since_id', since);
    const res = await this.d.http.getJson('x', u.href, XSearchResponse, { signal, headers: { authorization: `Bearer ${this.token}` } });
    if (res.meta?.newest_id) await this.d.store.setCursor(this.id, res.meta.newest_id);
    return xSearchToPosts(res);
  }
}

const YouTubeSearch = z.object({ items: z.array(z.object({ id: z.object({ videoId: z.string().regex(/^[\w-]{6,20}$/) }).loose() }).loose()).max(50).default([]) });

/**
 * YouTube: one beat per poll, search.list for its recent videos (100 quota units) and
 * commentThreads.list under each (1 unit): about 2,500 units a day. Needs YOUTUBE_API_KEY.
 */
export class YouTubePoller implements Poller {
  readonly id = 'youtube';
  readonly intervalMs = 60 * 60_000;
  readonly notConfigured?: string;
  private next = 0;
  constructor(private readonly d: PollerDeps, private readonly endpoint: string, private readonly key: string | undefined) {
    if (!key) this.notConfigured = 'set YOUTUBE_API_KEY to ingest YouTube';
  }

  async poll(signal: AbortSignal): Promise<DiscoursePost[]> {
    if (!this.key) return [];
    const beat = BEATS[this.next++ % BEATS.length]!;
    const s = new URL('/youtube/v3/search', this.endpoint);
    for (const [k, v] of Object.entries({ part: 'id', type: 'video', order: 'date', maxResults: '5', q: beat.name, publishedAfter: new Date(this.d.clock() - 86_400_000).toISOString(), key: this.key })) s.searchParams.set(k, v);
    const videos = await this.d.http.getJson('youtube', s.href, YouTubeSearch, { signal });
    const out: DiscoursePost[] = [];
    for (const v of videos.items) {
      const c = new URL('/youtube/v3/commentThreads', this.endpoint);
      for (const [k, val] of Object.entries({ part: 'snippet', videoId: v.id.videoId, maxResults: '50', order: 'relevance', textFormat: 'plainText', key: this.key })) c.searchParams.set(k, val);
      out.push(...youtubeThreadsToPosts(await this.d.http.getJson('youtube', c.href, YouTubeCommentThreadList, { signal })));
    }
    return out;
  }
}

/** Not a source of posts: fills in engagement and handles of recent Bluesky posts from the AppView (see appview.ts). */
export class BlueskyAppViewPoller implements Poller {
  readonly id = 'bluesky-appview';
  readonly intervalMs = 60_000;
  constructor(private readonly d: PollerDeps & { db: Db }, private readonly endpoint: string) {}

  async poll(signal: AbortSignal): Promise<DiscoursePost[]> {
    await enrichBlueskyPosts({ db: this.d.db, http: this.d.http, endpoint: this.endpoint }, signal, this.d.clock());
    return [];
  }
}
