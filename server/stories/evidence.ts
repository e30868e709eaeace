// What a beat's story is written from, read from Postgres: the beat's figures (the same
// rollup read as /v1/context), the top posts of the last 24 h by reach and engagement
// spread over sources and authors, the counter-voices (posts against the day's mood),
// yesterday's story, and the beat's hourly history (for the spike detector and the
// importance baseline). Bounded: at most MAX_EVIDENCE posts.
import { createHash } from 'node:crypto';
import { DiscoursePost as PostSchema, type BeatId, type DiscourseContext, type DiscoursePost, type Story } from '../../utils/schema';
import { readContext, type ServerInfo } from '../api/context';
import type { Db } from '../db';
import type { HourBucket } from './spikes';
import type { StoryStore } from './store';

/** Posts a story is written from, at most. */
export const MAX_EVIDENCE = 40;
/** Counter-voices among them, at most. */
export const MAX_COUNTER = 8;
/** One author's posts among them, at most. */
const PER_AUTHOR = 2;
/** One source's share of the top posts on the first pass (the others get their turn). */
const SOURCE_SHARE = 0.4;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Evidence {
  beat: BeatId;
  /** The figures, and `posts` = the evidence (key voices' posts, counter-voices, top posts). */
  context: DiscourseContext;
  counterVoiceIds: string[];
  /** Yesterday's story of the beat, if one was written. */
  previous: Story | null;
  /** The beat's hourly buckets over the last eight days (all sources summed). */
  hours: HourBucket[];
  /** Median posts a day over the seven days before the last 24 h (null without history). */
  baselineDaily: number | null;
  distinctSources: number;
  distinctVoices: number;
}

interface Row {
  post: unknown;
  rank: number;
  sentiment: number | null;
}

function parsePosts(rows: readonly Row[]): (DiscoursePost & { rank: number })[] {
  const out: (DiscoursePost & { rank: number })[] = [];
  for (const r of rows) {
    const p = PostSchema.safeParse(typeof r.post === 'string' ? JSON.parse(r.post) : r.post);
    if (p.success) out.push({ ...p.data, rank: r.rank });
  }
  return out;
}

const authorKey = (p: DiscoursePost) => `${p.source}:${(p.author.handle ?? p.author.name).toLowerCase()}`;

/**
 * Picks up to `max` posts from `candidates` (best first), at most PER_AUTHOR per author
 * and, on the first pass, at most SOURCE_SHARE of them from one source.
 */
export function diversify<P extends DiscoursePost>(candidates: readonly P[], max: number, taken: Set<string> = new Set(), authors: Map<string, number> = new Map()): P[] {
  const out: P[] = [];
  const perSource = new Map<string, number>();
  const cap = Math.max(1, Math.ceil(max * SOURCE_SHARE));
  for (const pass of [0, 1]) {
    for (const p of candidates) {
      if (out.length >= max) return out;
      if (taken.has(p.id)) continue;
      const a = authorKey(p);
      if ((authors.get(a) ?? 0) >= PER_AUTHOR) continue;
      if (pass === 0 && (perSource.get(p.source) ?? 0) >= cap) continue;
      taken.add(p.id);
      authors.set(a, (authors.get(a) ?? 0) + 1);
      perSource.set(p.source, (perSource.get(p.source) ?? 0) + 1);
      out.push(p);
    }
  }
  return out;
}

/** The beat's hourly buckets since `since` (all sources summed), oldest first. */
export async function beatHours(db: Db, beat: BeatId, since: number): Promise<HourBucket[]> {
  const rows = await db.query<{ hour: Date | string; count: number; scored: number; sum: number }>(
    `SELECT hour, sum(count)::float8 AS count, sum(scored)::float8 AS scored, sum(sentiment_sum) AS sum
     FROM rollups WHERE scope = $1 AND hour >= $2 GROUP BY hour ORDER BY hour`,
    [`beat:${beat}`, new Date(since).toISOString()],
  );
  return rows.map((r) => ({ hour: new Date(r.hour).getTime(), count: r.count, scored: r.scored, sentimentSum: r.sum }));
}

/** Median posts a day over the seven 24 h windows before the one that ends with the hour of `now`; null when none of them had a post. */
export function baselineDaily(hours: readonly HourBucket[], now: number): number | null {
  const dayStart = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const days = Array.from({ length: 7 }, () => 0);
  let seen = false;
  for (const h of hours) {
    if (h.hour >= dayStart) continue;
    const k = Math.floor((dayStart - h.hour - 1) / DAY_MS);
    if (k < 7 && h.count > 0) {
      days[k]! += h.count;
      seen = true;
    }
  }
  if (!seen) return null;
  // Days before the beat's first post are not quiet days: leave them out.
  let oldest = 6;
  while (oldest > 0 && days[oldest] === 0) oldest--;
  const used = days.slice(0, oldest + 1).sort((a, b) => a - b);
  const m = used.length >> 1;
  return used.length % 2 ? used[m]! : (used[m - 1]! + used[m]!) / 2;
}

/** Reads the evidence of one beat at `now`. */
export async function selectEvidence(db: Db, stories: StoryStore, beat: BeatId, now: number, server: ServerInfo): Promise<Evidence> {
  const base = await readContext(db, { beat, entities: [], q: '' }, now, server);
  const since = new Date(now - DAY_MS).toISOString();
  const top = parsePosts(
    await db.query<Row>('SELECT post, rank, sentiment FROM posts WHERE beat = $1 AND created_at > $2 ORDER BY rank DESC, created_at DESC LIMIT 400', [beat, since]),
  );
  // Against the day's mood: the best-reached posts of the other side.
  const positive = base.snapshot.mood.score >= 0;
  const counterRows = await db.query<Row>(
    `SELECT post, rank, sentiment FROM posts WHERE beat = $1 AND created_at > $2 AND sentiment ${positive ? '<= -0.05' : '>= 0.05'} ORDER BY rank DESC, created_at DESC LIMIT 100`,
    [beat, since],
  );

  const taken = new Set<string>();
  const authors = new Map<string, number>();
  const posts: DiscoursePost[] = [];
  const keep = (p: DiscoursePost) => {
    const { rank: _rank, ...post } = p as DiscoursePost & { rank?: number };
    posts.push(post);
  };
  // The key voices' posts first: the snapshot names them, so the story must be able to cite them.
  for (const p of base.posts) {
    if (posts.length >= MAX_EVIDENCE || taken.has(p.id)) continue;
    taken.add(p.id);
    authors.set(authorKey(p), (authors.get(authorKey(p)) ?? 0) + 1);
    keep(p);
  }
  const counter = diversify(parsePosts(counterRows), Math.min(MAX_COUNTER, MAX_EVIDENCE - posts.length), taken, authors);
  for (const p of counter) keep(p);
  for (const p of diversify(top, MAX_EVIDENCE - posts.length, taken, authors)) keep(p);

  const hours = await beatHours(db, beat, Math.floor(now / HOUR_MS) * HOUR_MS - 8 * DAY_MS);
  const recent = posts.filter((p) => Date.parse(p.createdAt) > now - DAY_MS);
  return {
    beat,
    context: { ...base, posts, narrative: null },
    counterVoiceIds: counter.map((p) => p.id),
    previous: await stories.latestBefore(beat, now - 18 * HOUR_MS),
    hours,
    baselineDaily: baselineDaily(hours, now),
    distinctSources: base.snapshot.bySource.filter((s) => s.count > 0).length,
    distinctVoices: new Set(recent.map(authorKey)).size,
  };
}

/**
 * Fingerprint of what a story would be written from: the beat, the writer, the evidence
 * posts, and the figures bucketed (25 % steps of volume, 0.2 of mood) so drift is not news.
 */
export function fingerprintOf(e: Evidence, writer: string): string {
  const s = e.context.snapshot;
  const material = {
    v: 1,
    beat: e.beat,
    writer,
    posts: e.context.posts.map((p) => p.id).sort(),
    volume: Math.round(Math.log(s.volume24h + 1) / Math.log(1.25)),
    mood: Math.round(s.mood.score * 5),
    shift: s.mood.shiftLabel,
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 32);
}
