// Posts → DiscourseSnapshot: volume now and a day earlier, where the talk happens,
// the mood overall and per source with its shift, key voices and an hourly timeline.
// Pure over plain data, so it runs the same in the service worker, Node and benchmarks.
import type { BeatId, DiscoursePost, DiscourseSnapshot, KeyVoice, Mood, SourceId, SourceStat, TimelinePoint } from '../schema';
import { NEGATIVE_AT, POSITIVE_AT } from './sentiment';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** The longest window a snapshot looks back over (the timeline's length). */
export const WINDOW_MS = 7 * DAY_MS;
/** Key voices shown. */
export const MAX_KEY_VOICES = 8;
/** Fewer scored posts than this in either day and the shift is not called. */
export const MIN_POSTS_FOR_SHIFT = 3;
/** Quotes longer than this are cut at a sentence (or word) boundary, never rewritten. */
export const QUOTE_MAX = 280;

export interface AggregateOptions {
  topicKey: string;
  beat: BeatId;
  /** The search query the posts were found with. */
  query: string;
  /** Epoch ms the snapshot is computed at. */
  now: number;
}

interface Scored {
  post: DiscoursePost;
  t: number;
}

/** The shift in plain words, e.g. "sharply more positive". */
export function shiftLabel(shift: number | null, hasPosts: boolean): string {
  if (!hasPosts) return 'no posts in the last 24 h';
  if (shift === null) return 'new conversation: nothing to compare yet';
  const a = Math.abs(shift);
  const dir = shift > 0 ? 'more positive' : 'more negative';
  if (a < 0.05) return 'steady';
  if (a < 0.15) return `slightly ${dir}`;
  if (a < 0.35) return dir;
  return `sharply ${dir}`;
}

function scoresOf(items: readonly Scored[]): number[] {
  const out: number[] = [];
  for (const { post } of items) if (post.sentiment !== null) out.push(post.sentiment);
  return out;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : 0;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Mood of a set of compound scores, with its shift against `previous`. */
export function moodOf(current: readonly number[], previous: readonly number[], postCount = current.length): Mood {
  let pos = 0;
  let neg = 0;
  for (const s of current) {
    if (s >= POSITIVE_AT) pos++;
    else if (s <= NEGATIVE_AT) neg++;
  }
  const n = current.length;
  const score = round(mean(current));
  const shift =
    n >= MIN_POSTS_FOR_SHIFT && previous.length >= MIN_POSTS_FOR_SHIFT ? round(Math.max(-2, Math.min(2, mean(current) - mean(previous)))) : null;
  const positive = n ? round(pos / n, 4) : 0;
  const negative = n ? round(neg / n, 4) : 0;
  return {
    positive,
    negative,
    neutral: n ? round(Math.max(0, 1 - positive - negative), 4) : 0,
    score,
    shift,
    shiftLabel: shiftLabel(shift, postCount > 0),
  };
}

export function engagementOf(p: DiscoursePost): number {
  return p.engagement.likes + p.engagement.reposts + p.engagement.replies;
}

/** How much a post says about who is being heard: engagement first, then the author's reach; older posts count half. */
export function voiceRank(p: DiscoursePost, t: number, now: number): number {
  const e = p.engagement;
  const r = Math.log1p(e.likes + 2 * e.reposts + e.replies) + 0.3 * Math.log1p(p.author.followers ?? 0);
  return t > now - DAY_MS ? r : r / 2;
}

/** A verbatim excerpt: the whole text when short, else cut at a sentence or word end. */
export function quoteOf(text: string): string {
  const t = text.trim();
  if (t.length <= QUOTE_MAX) return t;
  const head = t.slice(0, QUOTE_MAX);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '), head.lastIndexOf('\n'));
  if (sentence >= 80) return head.slice(0, sentence + 1).trim();
  const space = head.lastIndexOf(' ');
  return (space >= 80 ? head.slice(0, space) : head).trim();
}

function authorKey(p: DiscoursePost): string {
  return `${p.source}:${(p.author.handle ?? p.author.name).toLowerCase()}`;
}

/**
 * Key voices: ranked by engagement and reach, one quote per author, the best of every
 * source first (the split between communities is often the story), then by rank.
 */
export function pickKeyVoices(items: readonly Scored[], now: number, max = MAX_KEY_VOICES): KeyVoice[] {
  const ranked = items
    .filter(({ post }) => (post.text || post.title || '').trim().length > 0)
    .map((s) => ({ ...s, rank: voiceRank(s.post, s.t, now) }))
    .sort((a, b) => b.rank - a.rank || b.t - a.t);
  const chosen: typeof ranked = [];
  const authors = new Set<string>();
  const take = (c: (typeof ranked)[number]) => {
    authors.add(authorKey(c.post));
    chosen.push(c);
  };
  const firstOfSource = new Map<SourceId, (typeof ranked)[number]>();
  for (const c of ranked) if (!firstOfSource.has(c.post.source)) firstOfSource.set(c.post.source, c);
  for (const c of [...firstOfSource.values()].sort((a, b) => b.rank - a.rank)) if (chosen.length < max) take(c);
  for (const c of ranked) {
    if (chosen.length >= max) break;
    if (!chosen.includes(c) && !authors.has(authorKey(c.post))) take(c);
  }
  return chosen
    .sort((a, b) => b.rank - a.rank)
    .map(({ post }) => ({
      postId: post.id,
      author: post.author.name,
      ...(post.author.handle ? { handle: post.author.handle } : {}),
      platform: post.source,
      quote: quoteOf(post.text.trim() ? post.text : (post.title ?? '')),
      url: post.url,
      engagement: engagementOf(post),
    }));
}

/** Hourly counts and mean scores from the first post's hour (at most 7 days back) to now's. */
export function timelineOf(items: readonly Scored[], now: number): TimelinePoint[] {
  const last = Math.floor(now / HOUR_MS) * HOUR_MS;
  const first = last - (WINDOW_MS / HOUR_MS - 1) * HOUR_MS;
  let earliest = last;
  for (const { t } of items) if (t < earliest) earliest = t;
  const start = Math.max(first, Math.floor(earliest / HOUR_MS) * HOUR_MS);
  const n = (last - start) / HOUR_MS + 1;
  const counts = new Array<number>(n).fill(0);
  const sums = new Array<number>(n).fill(0);
  const scored = new Array<number>(n).fill(0);
  for (const { post, t } of items) {
    const i = Math.min(n - 1, Math.max(0, Math.floor((t - start) / HOUR_MS)));
    counts[i]!++;
    if (post.sentiment !== null) {
      sums[i]! += post.sentiment;
      scored[i]!++;
    }
  }
  return counts.map((count, i) => ({
    hour: new Date(start + i * HOUR_MS).toISOString(),
    count,
    score: scored[i] ? round(sums[i]! / scored[i]!) : null,
  }));
}

/** Computes the snapshot of `posts` for a topic at `now`. Posts older than 7 days are ignored. */
export function aggregate(posts: readonly DiscoursePost[], opts: AggregateOptions): DiscourseSnapshot {
  const { now } = opts;
  const items: Scored[] = [];
  for (const post of posts) {
    const t = Date.parse(post.createdAt);
    if (Number.isFinite(t) && t > now - WINDOW_MS) items.push({ post, t });
  }
  const day: Scored[] = [];
  const prev: Scored[] = [];
  const daySource = new Map<SourceId, Scored[]>();
  const prevSource = new Map<SourceId, Scored[]>();
  for (const s of items) {
    if (s.t > now - DAY_MS) {
      day.push(s);
      (daySource.get(s.post.source) ?? daySource.set(s.post.source, []).get(s.post.source)!).push(s);
    } else if (s.t > now - 2 * DAY_MS) {
      prev.push(s);
      (prevSource.get(s.post.source) ?? prevSource.set(s.post.source, []).get(s.post.source)!).push(s);
    }
  }
  const bySource: SourceStat[] = [...daySource.entries()]
    .map(([source, list]) => ({ source, count: list.length, mood: moodOf(scoresOf(list), scoresOf(prevSource.get(source) ?? []), list.length) }))
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  return {
    topicKey: opts.topicKey,
    beat: opts.beat,
    query: opts.query.slice(0, 200),
    generatedAt: new Date(now).toISOString(),
    volume24h: day.length,
    volumePrev24h: prev.length,
    totalRecords: items.length,
    windowHours: WINDOW_MS / HOUR_MS,
    bySource,
    mood: moodOf(scoresOf(day), scoresOf(prev), day.length),
    keyVoices: pickKeyVoices(items, now),
    timeline: timelineOf(items, now),
  };
}
