// Every ingested post goes through the extension's own detector (beat + entity ids) and
// sentiment (VADER, or the source's tone), and gets the dedupe keys of
// utils/discourse/dedupe.ts. Posts that are not about AI are dropped here.
import { createHash } from 'node:crypto';
import { detect, type DetectorData } from '../../utils/detect';
import { canonicalUrl, textKey } from '../../utils/discourse/dedupe';
import { fastScoreText } from '../../utils/discourse/vader-fast';
import type { BeatId, DiscoursePost } from '../../utils/schema';

/** A post ready to store: classified, scored, with its dedupe keys. */
export interface ClassifiedPost {
  post: DiscoursePost;
  beat: BeatId;
  /** Known gazetteer entity ids named in it (at most 10). */
  entities: string[];
  /** Engagement and reach, for picking key voices (aggregate.ts's voiceRank without the age factor). */
  rank: number;
  /** Epoch ms of the post. */
  t: number;
  keys: string[];
}

/** As in dedupe.ts: texts shorter than this are too common to call duplicates. */
const MIN_TEXT_KEY = 24;

const hash = (s: string) => createHash('sha1').update(s).digest('base64url').slice(0, 22);

/** The dedupe keys of a post: its id, its own URL, its text and its bag of words. */
export function dedupeKeys(p: DiscoursePost): string[] {
  const keys = [`id:${p.id}`, `url:${hash(canonicalUrl(p.url))}`];
  const tk = textKey(p.source === 'news' ? (p.title ?? p.text) : p.text);
  if (tk.length >= MIN_TEXT_KEY) {
    keys.push(`text:${hash(tk)}`);
    keys.push(`bag:${hash([...new Set(tk.split(' '))].sort().join(' '))}`);
  }
  return keys;
}

function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * Classifies one post, or returns null when it is not about AI. `now` clamps posts
 * dated in the future (wrong clocks) to the moment they arrived.
 */
export function classify(post: DiscoursePost, data: DetectorData, now: number): ClassifiedPost | null {
  const topic = detect({ url: post.url, site: siteOf(post.url), kind: 'post', title: post.title ?? '', lead: '', body: post.text }, data);
  if (!topic.beat) return null;
  const sentiment = post.sentiment ?? fastScoreText(post.text || post.title || '');
  const parsed = Date.parse(post.createdAt);
  const t = Math.min(Number.isFinite(parsed) ? parsed : now, now);
  const e = post.engagement;
  return {
    post: { ...post, sentiment, createdAt: new Date(t).toISOString() },
    beat: topic.beat.id,
    entities: topic.entities.filter((m) => m.known).slice(0, 10).map((m) => m.id),
    rank: Math.log1p(e.likes + 2 * e.reposts + e.replies) + 0.3 * Math.log1p(post.author.followers ?? 0),
    t,
    keys: dedupeKeys(post),
  };
}
