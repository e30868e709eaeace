// Hacker News through Algolia's public search (keyless, CORS-open): stories and
// comments by date, newest first, since the window start.
import { DiscoursePost, type DiscoursePost as Post } from '../../schema';
import { AlgoliaHit, AlgoliaSearchResponse } from '../../schema/discourse';
import type { HttpClient } from '../http';
import { clip, htmlToText, isoOrUndefined, safeHttpUrl } from '../text';
import type { DiscourseSource, SearchRequest } from './types';

export interface HackerNewsOptions {
  http: HttpClient;
  /** Base URL of the Algolia HN API (`https://hn.algolia.com`). */
  endpoint: string;
  hitsPerPage?: number;
  /** Pages fetched one after another when the first is full. */
  maxPages?: number;
}

/** Algolia hit → DiscoursePost, or null when the hit has nothing to show. */
export function hnHitToPost(raw: unknown): Post | null {
  const parsed = AlgoliaHit.safeParse(raw);
  if (!parsed.success) return null;
  const h = parsed.data;
  const isComment = h._tags.includes('comment') || !!h.comment_text;
  const body = htmlToText(isComment ? (h.comment_text ?? '') : (h.story_text ?? ''));
  const title = isComment ? (h.story_title ?? undefined) : (h.title ?? undefined);
  const text = isComment ? body : [h.title ?? '', body].filter(Boolean).join('\n\n');
  const createdAt = isoOrUndefined(h.created_at) ?? isoOrUndefined(h.created_at_i * 1000);
  if (!text.trim() || !createdAt) return null;
  const author = h.author ?? 'unknown';
  const post = DiscoursePost.safeParse({
    id: `hackernews:${h.objectID}`,
    source: 'hackernews',
    author: { name: author, handle: author, url: `https://news.ycombinator.com/user?id=${encodeURIComponent(author)}` },
    text: clip(text, 10_000),
    ...(title ? { title: clip(title, 500) } : {}),
    url: `https://news.ycombinator.com/item?id=${encodeURIComponent(h.objectID)}`,
    createdAt,
    engagement: { likes: h.points, reposts: 0, replies: h.num_comments },
    sentiment: null,
    lang: 'en',
  });
  return post.success ? post.data : null;
}

/** Linked article of a story, when it has one (used for dedupe with news, not shown). */
export function hnLinkedUrl(raw: unknown): string | undefined {
  const parsed = AlgoliaHit.safeParse(raw);
  return parsed.success ? safeHttpUrl(parsed.data.url ?? parsed.data.story_url) : undefined;
}

export class HackerNewsSource implements DiscourseSource {
  readonly id = 'hackernews' as const;
  readonly label = 'Hacker News';

  constructor(private readonly o: HackerNewsOptions) {}

  async search(req: SearchRequest): Promise<Post[]> {
    const perPage = this.o.hitsPerPage ?? 100;
    const maxPages = this.o.maxPages ?? 1;
    const out: Post[] = [];
    for (let page = 0; page < maxPages; page++) {
      const u = new URL('/api/v1/search_by_date', this.o.endpoint);
      u.searchParams.set('query', req.text);
      u.searchParams.set('tags', '(story,comment)');
      u.searchParams.set('numericFilters', `created_at_i>${Math.floor(req.sinceMs / 1000)}`);
      u.searchParams.set('hitsPerPage', String(perPage));
      u.searchParams.set('page', String(page));
      const res = await this.o.http.getJson('hackernews', u.href, AlgoliaSearchResponse, { signal: req.signal });
      for (const hit of res.hits) {
        const p = hnHitToPost(hit);
        if (p) out.push(p);
      }
      if (res.hits.length < perPage || page + 1 >= (res.nbPages ?? 1)) break;
    }
    return out;
  }
}
