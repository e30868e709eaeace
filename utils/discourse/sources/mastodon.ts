// Mastodon hashtag timelines on the configured instance (public, keyless, limit 40).
// Boosts are unwrapped to the original toot so one toot counts once.
import { DiscoursePost, type DiscoursePost as Post } from '../../schema';
import { MastodonStatus, MastodonTimeline } from '../../schema/discourse';
import type { HttpClient } from '../http';
import { SourceFailure } from '../http';
import { clip, htmlToText, isoOrUndefined, languageCode, safeHttpUrl } from '../text';
import type { DiscourseSource, SearchRequest } from './types';

export interface MastodonOptions {
  http: HttpClient;
  /** Instance base URL (`https://mastodon.social`). */
  endpoint: string;
  limit?: number;
}

/** Status → DiscoursePost (the boosted original when it is a boost), or null. */
export function mastodonStatusToPost(raw: unknown): Post | null {
  const parsed = MastodonStatus.safeParse(raw);
  if (!parsed.success) return null;
  const s = parsed.data.reblog ?? parsed.data;
  const body = htmlToText(s.content);
  const text = s.spoiler_text ? `${s.spoiler_text}\n\n${body}` : body;
  const url = safeHttpUrl(s.url) ?? safeHttpUrl(s.uri);
  const createdAt = isoOrUndefined(s.created_at);
  if (!text.trim() || !url || !createdAt) return null;
  const lang = languageCode(s.language);
  const accountUrl = safeHttpUrl(s.account.url);
  const post = DiscoursePost.safeParse({
    id: clip(`mastodon:${s.uri}`, 512),
    source: 'mastodon',
    author: {
      name: clip(s.account.display_name.trim() || s.account.username, 200),
      handle: clip(`@${s.account.acct}`, 200),
      ...(accountUrl ? { url: accountUrl } : {}),
      followers: s.account.followers_count,
    },
    text: clip(text, 10_000),
    url,
    createdAt,
    engagement: { likes: s.favourites_count, reposts: s.reblogs_count, replies: s.replies_count },
    sentiment: null,
    ...(lang ? { lang } : {}),
  });
  return post.success ? post.data : null;
}

export class MastodonSource implements DiscourseSource {
  readonly id = 'mastodon' as const;
  readonly label = 'Mastodon';

  constructor(private readonly o: MastodonOptions) {}

  async search(req: SearchRequest): Promise<Post[]> {
    if (!req.tags.length) return [];
    // Tags are fetched side by side; one failing tag does not hide the other's toots.
    const results = await Promise.allSettled(
      req.tags.map((tag) => {
        const u = new URL(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, this.o.endpoint);
        u.searchParams.set('limit', String(this.o.limit ?? 40));
        return this.o.http.getJson('mastodon', u.href, MastodonTimeline, { signal: req.signal });
      }),
    );
    const ok = results.filter((r): r is PromiseFulfilledResult<unknown[]> => r.status === 'fulfilled');
    if (!ok.length) {
      const first = results[0] as PromiseRejectedResult;
      throw first.reason instanceof SourceFailure || req.signal.aborted ? first.reason : new SourceFailure('internal', String(first.reason));
    }
    const out: Post[] = [];
    for (const r of ok) {
      for (const raw of r.value) {
        const p = mastodonStatusToPost(raw);
        if (p && Date.parse(p.createdAt) >= req.sinceMs) out.push(p);
      }
    }
    return out;
  }
}
