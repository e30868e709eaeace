// What a feed page tells the background: the AI post in the middle of the screen (its
// topic, and its author and first words for the popup to name it) and the other AI posts
// in view. The labels stay in the browser's session storage for the popup; queries are
// built from the topic's beat and gazetteer ids only.
import { z } from 'zod';
import { BeatId, PageTopic } from './index';

export const FeedPostLabel = z.object({
  author: z.string().max(80),
  excerpt: z.string().max(120),
  beat: BeatId,
});
export type FeedPostLabel = z.infer<typeof FeedPostLabel>;

export const FeedFocus = z.object({
  topic: PageTopic,
  post: FeedPostLabel,
  others: z.array(FeedPostLabel).max(8).default([]),
});
export type FeedFocus = z.infer<typeof FeedFocus>;

/** A beat's figures for the chips: 24 h volume and mood shift. */
export interface BeatPulse {
  volume24h: number;
  shift: number | null;
}
