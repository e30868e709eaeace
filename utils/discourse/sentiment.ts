// Sentiment per post: VADER (a lexicon built for social text) for posts, GDELT's
// average tone for news. Both land on the DiscoursePost's compound scale [-1, 1].
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import type { DiscoursePost } from '../schema';

/** VADER's own cut-offs for calling a compound score positive or negative. */
export const POSITIVE_AT = 0.05;
export const NEGATIVE_AT = -0.05;

/** Compound VADER score of a text, or null when there is nothing to score. */
export function scoreText(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  const c = SentimentIntensityAnalyzer.polarity_scores(t.slice(0, 2000)).compound;
  return Number.isFinite(c) ? Math.max(-1, Math.min(1, c)) : null;
}

/**
 * GDELT tone (percentage of positive minus negative words, practically within ±10)
 * onto [-1, 1]. News tone runs low, so a tone of -2 already reads as negative.
 */
export function toneToSentiment(tone: number): number {
  return Math.max(-1, Math.min(1, tone / 10));
}

export type Polarity = 'positive' | 'neutral' | 'negative';

export function polarity(score: number): Polarity {
  return score >= POSITIVE_AT ? 'positive' : score <= NEGATIVE_AT ? 'negative' : 'neutral';
}

/** Fills in sentiment where a source left it null: VADER on the text (or a headline). */
export function scorePosts(posts: readonly DiscoursePost[]): DiscoursePost[] {
  return posts.map((p) => (p.sentiment !== null ? p : { ...p, sentiment: scoreText(p.text || p.title || '') }));
}
