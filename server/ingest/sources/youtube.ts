// YouTube Data API v3 comment threads (`commentThreads.list`, key from the server's
// environment only): top-level comments under videos that search.list found for a beat.
// Off unless YOUTUBE_API_KEY is set.
import { z } from 'zod';
import { DiscoursePost, type DiscoursePost as Post } from '../../../utils/schema';
import { clip, htmlToText, isoOrUndefined, safeHttpUrl } from '../../../utils/discourse/text';

const count = z.number().int().nonnegative().catch(0);

export const YouTubeCommentThread = z.object({
  id: z.string().max(200),
  snippet: z.object({
    videoId: z.string().regex(/^[\w-]{6,20}$/),
    totalReplyCount: count.optional(),
    topLevelComment: z.object({
      id: z.string().regex(/^[\w.-]{1,200}$/),
      snippet: z.object({
        authorDisplayName: z.string().max(200),
        authorChannelUrl: z.string().max(500).optional(),
        textDisplay: z.string().max(20_000).optional(),
        textOriginal: z.string().max(20_000).optional(),
        likeCount: count.optional(),
        publishedAt: z.string().max(64),
      }),
    }),
  }),
});
export const YouTubeCommentThreadList = z.object({ items: z.array(z.unknown()).max(500).default([]) }).loose();
export type YouTubeCommentThreadList = z.infer<typeof YouTubeCommentThreadList>;

/** One commentThreads.list answer → posts. */
export function youtubeThreadsToPosts(answer: YouTubeCommentThreadList): Post[] {
  const out: Post[] = [];
  for (const raw of answer.items) {
    const parsed = YouTubeCommentThread.safeParse(raw);
    if (!parsed.success) continue;
    const th = parsed.data.snippet;
    const c = th.topLevelComment.snippet;
    const text = c.textOriginal ?? htmlToText(c.textDisplay ?? '');
    const createdAt = isoOrUndefined(c.publishedAt);
    if (!text.trim() || !createdAt) continue;
    const channel = safeHttpUrl(c.authorChannelUrl);
    const name = c.authorDisplayName.trim() || 'YouTube user';
    const p = DiscoursePost.safeParse({
      id: `youtube:${th.topLevelComment.id}`,
      source: 'youtube',
      author: { name: clip(name, 200), handle: clip(name, 200), ...(channel ? { url: channel } : {}) },
      text: clip(text, 10_000),
      url: `https://www.youtube.com/watch?v=${th.videoId}&lc=${th.topLevelComment.id}`,
      createdAt,
      engagement: { likes: c.likeCount ?? 0, reposts: 0, replies: th.totalReplyCount ?? 0 },
      sentiment: null,
    });
    if (p.success) out.push(p.data);
  }
  return out;
}
