// Offline replay: a recorded capture (gzipped JSON lines — Jetstream events, and the
// HN / GDELT / Mastodon / X / YouTube answers the pollers would have fetched) fed
// through the same converters and the same ingest as live data. Times are shifted so
// the capture ends now: a demo shows a conversation that is happening.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { DiscoursePost } from '../../utils/schema';
import { AlgoliaSearchResponse, GdeltArtList, GdeltTimelineTone, MastodonTimeline } from '../../utils/schema/discourse';
import { hnHitToPost } from '../../utils/discourse/sources/hackernews';
import { gdeltArticleToPost, toneSeriesOf } from '../../utils/discourse/sources/gdelt';
import { mastodonStatusToPost } from '../../utils/discourse/sources/mastodon';
import { atUri, jetstreamEventToPost, readJetstreamMessage } from './sources/jetstream';
import { XSearchResponse, xSearchToPosts } from './sources/x';
import { YouTubeCommentThreadList, youtubeThreadsToPosts } from './sources/youtube';
import type { Ingestor } from './ingestor';

const count = z.number().int().nonnegative().catch(0);
/** `app.bsky.actor.getProfiles` answer (AppView, keyless). */
export const BskyProfiles = z.object({
  profiles: z.array(z.object({ did: z.string(), handle: z.string().max(253), displayName: z.string().max(640).optional(), followersCount: count.optional() }).loose()).max(25),
});
/** `app.bsky.feed.getPosts` answer: engagement for posts that matter. */
export const BskyPosts = z.object({
  posts: z.array(z.object({ uri: z.string(), likeCount: count.optional(), repostCount: count.optional(), replyCount: count.optional() }).loose()).max(25),
});

const Line = z.discriminatedUnion('type', [
  z.object({ type: z.literal('capture'), start: z.iso.datetime(), end: z.iso.datetime(), note: z.string().optional() }),
  z.object({ type: z.literal('jetstream'), event: z.unknown() }),
  z.object({ type: z.literal('bluesky-profiles'), answer: BskyProfiles }),
  z.object({ type: z.literal('bluesky-posts'), answer: BskyPosts }),
  z.object({ type: z.literal('hackernews'), answer: AlgoliaSearchResponse }),
  z.object({ type: z.literal('gdelt'), answer: GdeltArtList, tone: GdeltTimelineTone.optional() }),
  z.object({ type: z.literal('mastodon'), instance: z.string().optional(), answer: MastodonTimeline }),
  z.object({ type: z.literal('x'), answer: XSearchResponse }),
  z.object({ type: z.literal('youtube'), answer: YouTubeCommentThreadList }),
]);
type Line = z.infer<typeof Line>;

export interface ReplayResult {
  lines: number;
  malformed: number;
  posts: number;
  stored: number;
  duplicates: number;
  offTopic: number;
  bySource: Record<string, number>;
  /** How far the capture's times were moved (ms). */
  shiftMs: number;
}

/** Reads a capture file (gzip or plain JSON lines). */
export function readCapture(file: string): string[] {
  const bytes = readFileSync(file);
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text.split('\n').filter((l) => l.trim());
}

/** The capture's lines converted to posts per source (times not shifted yet). */
export function capturePosts(lines: readonly string[]): { posts: { source: string; post: DiscoursePost }[]; malformed: number; start?: number; end?: number } {
  const parsed: Line[] = [];
  let malformed = 0;
  for (const raw of lines) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      malformed++;
      continue;
    }
    const l = Line.safeParse(json);
    if (l.success) parsed.push(l.data);
    else malformed++;
  }
  const profiles = new Map<string, { handle: string; displayName?: string; followers?: number }>();
  const engagement = new Map<string, { likes: number; reposts: number; replies: number }>();
  let start: number | undefined;
  let end: number | undefined;
  for (const l of parsed) {
    if (l.type === 'capture') {
      start = Date.parse(l.start);
      end = Date.parse(l.end);
    } else if (l.type === 'bluesky-profiles') {
      for (const p of l.answer.profiles) profiles.set(p.did, { handle: p.handle, ...(p.displayName ? { displayName: p.displayName } : {}), ...(p.followersCount !== undefined ? { followers: p.followersCount } : {}) });
    } else if (l.type === 'bluesky-posts') {
      for (const p of l.answer.posts) engagement.set(p.uri, { likes: p.likeCount ?? 0, reposts: p.repostCount ?? 0, replies: p.replyCount ?? 0 });
    }
  }
  const posts: { source: string; post: DiscoursePost }[] = [];
  const add = (source: string, p: DiscoursePost | null) => p && posts.push({ source, post: p });
  for (const l of parsed) {
    switch (l.type) {
      case 'jetstream': {
        const r = readJetstreamMessage(JSON.stringify(l.event));
        if (!r.ok) {
          malformed++;
          break;
        }
        const p = jetstreamEventToPost(r.event, profiles);
        const e = r.event.commit ? engagement.get(atUri(r.event.did, r.event.commit.rkey)) : undefined;
        add('bluesky', p && e ? { ...p, engagement: e } : p);
        break;
      }
      case 'hackernews':
        for (const h of l.answer.hits) add('hackernews', hnHitToPost(h));
        break;
      case 'gdelt': {
        const series = l.tone ? toneSeriesOf(l.tone) : undefined;
        for (const a of l.answer.articles) add('news', gdeltArticleToPost(a, series));
        break;
      }
      case 'mastodon':
        for (const s of l.answer) add('mastodon', mastodonStatusToPost(s));
        break;
      case 'x':
        for (const p of xSearchToPosts(l.answer)) add('x', p);
        break;
      case 'youtube':
        for (const p of youtubeThreadsToPosts(l.answer)) add('youtube', p);
        break;
      default:
        break;
    }
  }
  return { posts, malformed, ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

/**
 * Feeds a capture through `ingestor`. With `shiftTo` (epoch ms) every time moves so
 * the capture's end lands there; without it the recorded times are kept.
 */
export async function replay(lines: readonly string[], ingestor: Ingestor, opts: { shiftTo?: number; batchSize?: number } = {}): Promise<ReplayResult> {
  const { posts, malformed, end } = capturePosts(lines);
  const last = end ?? posts.reduce((m, p) => Math.max(m, Date.parse(p.post.createdAt)), 0);
  const shiftMs = opts.shiftTo !== undefined && last ? opts.shiftTo - last : 0;
  const result: ReplayResult = { lines: lines.length, malformed, posts: posts.length, stored: 0, duplicates: 0, offTopic: 0, bySource: {}, shiftMs };
  ingestor.malformed('replay', malformed);
  // In capture order, one batch per source run, so batches stay large.
  const size = opts.batchSize ?? 1000;
  for (let i = 0; i < posts.length; ) {
    const source = posts[i]!.source;
    const batch: DiscoursePost[] = [];
    while (i < posts.length && posts[i]!.source === source && batch.length < size) {
      const p = posts[i++]!.post;
      batch.push(shiftMs ? { ...p, createdAt: new Date(Date.parse(p.createdAt) + shiftMs).toISOString() } : p);
    }
    const r = await ingestor.ingest(source, batch);
    result.stored += r.stored;
    result.duplicates += r.duplicates;
    result.offTopic += r.offTopic;
    result.bySource[source] = (result.bySource[source] ?? 0) + r.stored;
  }
  return result;
}
