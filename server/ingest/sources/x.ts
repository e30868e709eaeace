// X API v2 recent search (`GET /2/tweets/search/recent`, bearer token from the server's
// environment only): tweets with their authors expanded. Off unless X_BEARER_TOKEN is set.
import { z } from 'zod';
import { DiscoursePost, type DiscoursePost as Post } from '../../../utils/schema';
import { clip, isoOrUndefined } from '../../../utils/discourse/text';

const count = z.number().int().nonnegative().catch(0);

export const XTweet = z.object({
  id: z.string().regex(/^\d{1,30}$/),
  text: z.string().max(30_000),
  author_id: z.string().max(30).optional(),
  created_at: z.string().max(64).optional(),
  lang: z.string().max(16).optional(),
  public_metrics: z.object({ like_count: count, retweet_count: count, reply_count: count, quote_count: count.optional() }).partial().optional(),
});
export const XUser = z.object({
  id: z.string().max(30),
  name: z.string().max(200),
  username: z.string().regex(/^\w{1,50}$/),
  public_metrics: z.object({ followers_count: count }).partial().optional(),
});
/** The recent-search answer (unknown fields ignored). */
export const XSearchResponse = z.object({
  data: z.array(z.unknown()).max(500).default([]),
  includes: z.object({ users: z.array(z.unknown()).max(500).default([]) }).default({ users: [] }),
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional(), result_count: z.number().optional() }).loose().optional(),
});
export type XSearchResponse = z.infer<typeof XSearchResponse>;

/** One recent-search answer → posts (tweets that do not parse are skipped). */
export function xSearchToPosts(answer: XSearchResponse): Post[] {
  const users = new Map<string, z.infer<typeof XUser>>();
  for (const raw of answer.includes.users) {
    const u = XUser.safeParse(raw);
    if (u.success) users.set(u.data.id, u.data);
  }
  const out: Post[] = [];
  for (const raw of answer.data) {
    const t = XTweet.safeParse(raw);
    if (!t.success) continue;
    const tw = t.data;
    const user = tw.author_id ? users.get(tw.author_id) : undefined;
    const createdAt = isoOrUndefined(tw.created_at);
    if (!createdAt || !tw.text.trim()) continue;
    const m = tw.public_metrics ?? {};
    const p = DiscoursePost.safeParse({
      id: `x:${tw.id}`,
      source: 'x',
      author: user
        ? { name: clip(user.name.trim() || user.username, 200), handle: `@${user.username}`, url: `https://x.com/${user.username}`, ...(user.public_metrics?.followers_count !== undefined ? { followers: user.public_metrics.followers_count } : {}) }
        : { name: 'X user' },
      text: clip(tw.text, 10_000),
      url: user ? `https://x.com/${user.username}/status/${tw.id}` : `https://x.com/i/web/status/${tw.id}`,
      createdAt,
      engagement: { likes: m.like_count ?? 0, reposts: (m.retweet_count ?? 0) + (m.quote_count ?? 0), replies: m.reply_count ?? 0 },
      sentiment: null,
      ...(tw.lang && tw.lang !== 'und' ? { lang: tw.lang } : {}),
    });
    if (p.success) out.push(p.data);
  }
  return out;
}
