// Reads for /v1/context: figures from the hourly rollups (O(hours × sources), never
// O(posts)), beat records from `records`, key voices from the key-voice table (the top
// posts per scope and hour) over the last two days, stories from the story table.
import type { BeatId, ContextQuery, DiscourseContext, DiscoursePost, Mood, SourceId, SourceStat, Story, StorySummary, TimelinePoint } from '../../utils/schema';
import { DiscoursePost as PostSchema, SourceId as SourceIdSchema, Story as FullStorySchema, StorySummary as StorySchema } from '../../utils/schema';
import { DAY_MS, HOUR_MS, MIN_POSTS_FOR_SHIFT, pickKeyVoices, shiftLabel, WINDOW_MS } from '../../utils/discourse/aggregate';
import { topicKey } from '../../utils/context/provider';
import type { Queryable } from '../db';
import type { RollupRow } from '../store';

interface Bucket {
  count: number;
  scored: number;
  positive: number;
  negative: number;
  sum: number;
}

const empty = (): Bucket => ({ count: 0, scored: 0, positive: 0, negative: 0, sum: 0 });
const add = (a: Bucket, b: Bucket) => {
  a.count += b.count;
  a.scored += b.scored;
  a.positive += b.positive;
  a.negative += b.negative;
  a.sum += b.sum;
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Mood from rollup sums, with the same cut-offs and rounding as aggregate.ts's moodOf. */
export function moodOfBuckets(cur: Bucket, prev: Bucket): Mood {
  const n = cur.scored;
  const score = n ? cur.sum / n : 0;
  const shift = n >= MIN_POSTS_FOR_SHIFT && prev.scored >= MIN_POSTS_FOR_SHIFT ? round(Math.max(-2, Math.min(2, score - prev.sum / prev.scored))) : null;
  const positive = n ? round(cur.positive / n, 4) : 0;
  const negative = n ? round(cur.negative / n, 4) : 0;
  return { positive, negative, neutral: n ? round(Math.max(0, 1 - positive - negative), 4) : 0, score: round(score), shift, shiftLabel: shiftLabel(shift, cur.count > 0) };
}

/** The scopes a query reads: its entities when it names any, else its beat. */
export function scopesFor(q: ContextQuery): string[] {
  return q.entities.length ? [...new Set(q.entities)].map((e) => `entity:${e}`) : [`beat:${q.beat}`];
}


/** Sums rollups into the snapshot's figures at `now`. */
export function figuresOf(rows: readonly RollupRow[], now: number) {
  const lastHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const dayStart = lastHour - 23 * HOUR_MS;
  const prevStart = dayStart - 24 * HOUR_MS;
  const windowStart = lastHour - (WINDOW_MS / HOUR_MS - 1) * HOUR_MS;
  const day = empty();
  const prev = empty();
  const daySource = new Map<string, Bucket>();
  const prevSource = new Map<string, Bucket>();
  const hours = new Map<number, Bucket>();
  let windowCount = 0;
  let earliest = lastHour;
  for (const r of rows) {
    const h = new Date(r.hour).getTime();
    if (h < windowStart || h > lastHour) continue;
    const b: Bucket = { count: r.count, scored: r.scored, positive: r.positive, negative: r.negative, sum: r.sentiment_sum };
    windowCount += b.count;
    if (h < earliest) earliest = h;
    add(hours.get(h) ?? hours.set(h, empty()).get(h)!, b);
    if (h >= dayStart) {
      add(day, b);
      add(daySource.get(r.source) ?? daySource.set(r.source, empty()).get(r.source)!, b);
    } else if (h >= prevStart) {
      add(prev, b);
      add(prevSource.get(r.source) ?? prevSource.set(r.source, empty()).get(r.source)!, b);
    }
  }
  const bySource: SourceStat[] = [...daySource.entries()]
    .filter(([s]) => SourceIdSchema.safeParse(s).success)
    .map(([source, b]) => ({ source: source as SourceId, count: b.count, mood: moodOfBuckets(b, prevSource.get(source) ?? empty()) }))
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  const timeline: TimelinePoint[] = [];
  for (let h = windowCount ? earliest : lastHour; h <= lastHour; h += HOUR_MS) {
    const b = hours.get(h);
    timeline.push({ hour: new Date(h).toISOString(), count: b?.count ?? 0, score: b?.scored ? round(b.sum / b.scored) : null });
  }
  return { volume24h: day.count, volumePrev24h: prev.count, totalRecords: windowCount, windowHours: WINDOW_MS / HOUR_MS, bySource, mood: moodOfBuckets(day, prev), timeline };
}

/**
 * The 60 best-ranked posts of the last two days in `scopes` (a post in several counts
 * once), from the key-voice table: an index range over 48 hours of at most
 * VOICES_PER_HOUR rows each, never a sort of a beat's or an entity's posts.
 */
export async function readVoiceCandidates(db: Queryable, scopes: readonly string[], now: number, limit = 60): Promise<{ id: string; rank: number; post: unknown }[]> {
  const since = now - 2 * DAY_MS;
  return db.query<{ id: string; rank: number; post: unknown }>(
    `SELECT p.id, v.rank, p.post FROM (
       SELECT post_id, max(rank) AS rank FROM voices
       WHERE scope = ANY($1::text[]) AND hour >= $2 AND created_at > $3
       GROUP BY post_id ORDER BY rank DESC, post_id LIMIT $4
     ) v JOIN posts p ON p.id = v.post_id ORDER BY v.rank DESC, v.post_id`,
    [scopes, new Date(Math.floor(since / HOUR_MS) * HOUR_MS).toISOString(), new Date(since).toISOString(), limit],
  );
}

export interface ServerInfo {
  name: string;
  replay: boolean;
}

/** The context for a query at `now`, read from the rollups and the rank index. */
export async function readContext(db: Queryable, q: ContextQuery, now: number, server: ServerInfo): Promise<DiscourseContext> {
  let scopes = scopesFor(q);
  const since = new Date(Math.floor(now / HOUR_MS) * HOUR_MS - WINDOW_MS).toISOString();
  const readRollups = (s: string[]) =>
    db.query<RollupRow>(
      'SELECT scope, hour, source, count, scored, positive, negative, sentiment_sum FROM rollups WHERE scope = ANY($1::text[]) AND hour > $2',
      [s, since],
    );
  let rows = await readRollups(scopes);
  // Entities nobody talked about this week: the beat's figures say more than zeros.
  if (!rows.length && q.entities.length) {
    scopes = [`beat:${q.beat}`];
    rows = await readRollups(scopes);
  }
  // The context names only the entities its figures cover: none when it fell back to the
  // beat, so the popup says "the beat as a whole" and a hover card labels them the beat's.
  const covered = new Set(rows.map((r) => r.scope));
  const entities = q.entities.filter((e) => covered.has(`entity:${e}`));
  const figures = figuresOf(rows, now);
  const records = await db.query<{ total: number }>('SELECT total::float8 AS total FROM records WHERE scope = $1', [`beat:${q.beat}`]);
  const candidates = await readVoiceCandidates(db, scopes, now);
  const posts: DiscoursePost[] = [];
  for (const c of candidates) {
    const p = PostSchema.safeParse(typeof c.post === 'string' ? JSON.parse(c.post) : c.post);
    if (p.success) posts.push(p.data);
  }
  const keyVoices = pickKeyVoices(posts.map((post) => ({ post, t: Date.parse(post.createdAt) })), now);
  const cited = new Set(keyVoices.map((v) => v.postId));
  const key = topicKey(q);
  return {
    topic: { key, beat: q.beat, entities, q: q.q },
    snapshot: {
      topicKey: key,
      beat: q.beat,
      query: q.q,
      generatedAt: new Date(now).toISOString(),
      ...figures,
      ...(records[0] ? { beatRecords: records[0].total } : { beatRecords: 0 }),
      keyVoices,
    },
    posts: posts.filter((p) => cited.has(p.id)),
    narrative: null,
    stories: await readStories(db, q.beat, 5),
    freshness: { fetchedAt: new Date(now).toISOString(), stale: false, origin: 'hosted', upstream: 'hosted', server, errors: [] },
  };
}

/** The latest stories of a beat, or the latest of every beat when `beat` is undefined. */
export async function readStories(db: Queryable, beat: BeatId | undefined, limit: number): Promise<StorySummary[]> {
  const rows = beat
    ? await db.query<{ summary: unknown }>('SELECT summary FROM stories WHERE beat = $1 ORDER BY published_at DESC LIMIT $2', [beat, limit])
    : await db.query<{ summary: unknown }>(
        'SELECT summary FROM (SELECT DISTINCT ON (beat) summary, published_at FROM stories ORDER BY beat, published_at DESC) latest ORDER BY published_at DESC LIMIT $1',
        [limit],
      );
  const out: StorySummary[] = [];
  for (const r of rows) {
    const s = StorySchema.safeParse(typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary);
    if (s.success) out.push(s.data);
  }
  return out;
}

/** One story in full, or null (unknown id, or a row written before full stories were kept). */
export async function readStory(db: Queryable, id: string): Promise<Story | null> {
  const rows = await db.query<{ story: unknown }>('SELECT story FROM stories WHERE id = $1 AND story IS NOT NULL', [id]);
  if (!rows[0]) return null;
  const s = FullStorySchema.safeParse(typeof rows[0].story === 'string' ? JSON.parse(rows[0].story) : rows[0].story);
  return s.success ? s.data : null;
}
