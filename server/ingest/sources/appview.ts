// Jetstream posts carry neither engagement nor the author's handle. For the posts that
// matter — the newest Bluesky posts classified into a beat, not the whole firehose —
// the public, keyless AppView fills them in, batched 25 at a time:
// app.bsky.feed.getPosts (likes, reposts, replies, handle, display name) and
// app.bsky.actor.getProfiles (followers). The rank that picks key voices is updated too.
import { z } from 'zod';
import type { HttpClient } from '../../../utils/discourse/http';
import { DiscoursePost } from '../../../utils/schema';
import type { Db } from '../../db';
import { refreshVoices } from '../../store';

const count = z.number().int().nonnegative().catch(0);
const GetPosts = z.object({
  posts: z.array(z.object({ uri: z.string(), author: z.object({ did: z.string(), handle: z.string().max(253), displayName: z.string().max(640).optional() }).loose(), likeCount: count.optional(), repostCount: count.optional(), replyCount: count.optional() }).loose()).max(25),
});
const GetProfiles = z.object({ profiles: z.array(z.object({ did: z.string(), followersCount: count.optional() }).loose()).max(25) });

export interface AppViewOptions {
  db: Db;
  http: HttpClient;
  /** `https://public.api.bsky.app` */
  endpoint: string;
  /** Posts looked up per pass. */
  perPass?: number;
}

/** One pass: looks up the newest unenriched Bluesky posts; returns how many it updated. */
export async function enrichBlueskyPosts(o: AppViewOptions, signal: AbortSignal, now: number): Promise<number> {
  const rows = await o.db.query<{ id: string; post: unknown }>(
    "SELECT id, post FROM posts WHERE source = 'bluesky' AND enriched_at IS NULL AND created_at > $1 ORDER BY created_at DESC LIMIT $2",
    [new Date(now - 86_400_000).toISOString(), o.perPass ?? 250],
  );
  let updated = 0;
  for (let i = 0; i < rows.length; i += 25) {
    const batch = rows.slice(i, i + 25);
    const uris = batch.map((r) => r.id.slice('bluesky:'.length));
    const u = new URL('/xrpc/app.bsky.feed.getPosts', o.endpoint);
    for (const uri of uris) u.searchParams.append('uris', uri);
    const views = new Map((await o.http.getJson('bluesky', u.href, GetPosts, { signal })).posts.map((p) => [p.uri, p]));
    const dids = [...new Set([...views.values()].map((v) => v.author.did))];
    const followers = new Map<string, number>();
    if (dids.length) {
      const pu = new URL('/xrpc/app.bsky.actor.getProfiles', o.endpoint);
      for (const d of dids) pu.searchParams.append('actors', d);
      for (const p of (await o.http.getJson('bluesky', pu.href, GetProfiles, { signal })).profiles) if (p.followersCount !== undefined) followers.set(p.did, p.followersCount);
    }
    const updates = batch.map((r) => {
      const post = DiscoursePost.parse(typeof r.post === 'string' ? JSON.parse(r.post) : r.post);
      const v = views.get(r.id.slice('bluesky:'.length));
      // A post the AppView no longer has (deleted) is marked looked-up as it is.
      if (!v) return { id: r.id, post, rank: null };
      const f = followers.get(v.author.did);
      const next = DiscoursePost.parse({
        ...post,
        author: { ...post.author, name: (v.author.displayName?.trim() || v.author.handle).slice(0, 200), handle: v.author.handle, url: `https://bsky.app/profile/${v.author.handle}`, ...(f !== undefined ? { followers: f } : {}) },
        url: post.url.replace(`/profile/${v.author.did}/`, `/profile/${v.author.handle}/`),
        engagement: { likes: v.likeCount ?? 0, reposts: v.repostCount ?? 0, replies: v.replyCount ?? 0 },
      });
      const e = next.engagement;
      return { id: r.id, post: next, rank: Math.log1p(e.likes + 2 * e.reposts + e.replies) + 0.3 * Math.log1p(next.author.followers ?? 0) };
    });
    await o.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE posts SET post = x.post, rank = COALESCE(x.rank, posts.rank), enriched_at = now()
         FROM jsonb_to_recordset($1::text::jsonb) AS x(id text, post jsonb, rank real) WHERE posts.id = x.id`,
        [JSON.stringify(updates)],
      );
      // A post whose engagement was looked up may now be a key voice.
      await refreshVoices(tx, updates.filter((u2) => u2.rank !== null).map((u2) => u2.id));
    });
    updated += updates.filter((u2) => u2.rank !== null).length;
  }
  return updated;
}
