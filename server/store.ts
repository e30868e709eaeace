// The server's storage: writes classified posts once (dedupe keys), keeps the hourly
// rollups and all-time records at insert time, drops raw posts past retention, keeps
// ingest cursors. Reads for the API live in api/context.ts.
import type { Db, Queryable } from './db';
import type { ClassifiedPost } from './ingest/classify';

export const HOUR_MS = 3_600_000;

export interface StoreResult {
  stored: number;
  duplicates: number;
}

/** One hourly rollup row as stored (a driver returns `hour` as a Date or a string). */
export interface RollupRow {
  scope: string;
  hour: Date | string;
  source: string;
  count: number;
  scored: number;
  positive: number;
  negative: number;
  sentiment_sum: number;
}

/** The rollup scopes a post counts in: its beat and each entity it names. */
export function scopesOf(p: Pick<ClassifiedPost, 'beat' | 'entities'>): string[] {
  return [`beat:${p.beat}`, ...p.entities.map((e) => `entity:${e}`)];
}

/**
 * Key-voice candidates kept per scope and hour. /v1/context takes the 60 best-ranked
 * posts of the last two days: no hour can hold more of them than this, so the side
 * table gives the same candidates as sorting every post would.
 */
export const VOICES_PER_HOUR = 60;

const hourOf = (t: number) => new Date(Math.floor(t / HOUR_MS) * HOUR_MS).toISOString();

/** Keeps only the best VOICES_PER_HOUR rows of each (scope, hour) group named in `groups`. */
async function trimVoices(tx: Queryable, groups: { scope: string; hour: string }[]): Promise<void> {
  if (!groups.length) return;
  await tx.query(
    `DELETE FROM voices v USING (
       SELECT scope, hour, post_id, row_number() OVER (PARTITION BY scope, hour ORDER BY rank DESC, post_id) AS n
       FROM voices WHERE (scope, hour) IN (SELECT g.scope, g.hour FROM jsonb_to_recordset($1::text::jsonb) AS g(scope text, hour timestamptz))
     ) d
     WHERE d.n > $2 AND v.scope = d.scope AND v.hour = d.hour AND v.post_id = d.post_id`,
    [JSON.stringify(groups), VOICES_PER_HOUR],
  );
}

/**
 * Puts posts whose rank changed (AppView enrichment) into the key-voice table of each of
 * their scopes with the new rank, then trims the groups they touched.
 */
export async function refreshVoices(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await tx.query<{ scope: string; hour: Date | string }>(
    `INSERT INTO voices (scope, hour, post_id, rank, created_at)
     SELECT s.scope, date_trunc('hour', p.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', p.id, p.rank, p.created_at
     FROM posts p CROSS JOIN LATERAL unnest(ARRAY['beat:' || p.beat] || ARRAY(SELECT 'entity:' || e FROM unnest(p.entities) AS e)) AS s(scope)
     WHERE p.id = ANY($1::text[])
     ON CONFLICT (scope, hour, post_id) DO UPDATE SET rank = excluded.rank
     RETURNING scope, hour`,
    [ids],
  );
  const groups = new Map<string, { scope: string; hour: string }>();
  for (const r of rows) {
    const hour = new Date(r.hour).toISOString();
    groups.set(`${r.scope}|${hour}`, { scope: r.scope, hour });
  }
  await trimVoices(tx, [...groups.values()]);
}

/** VADER's cut-offs (utils/discourse/sentiment.ts). */
const POSITIVE_AT = 0.05;
const NEGATIVE_AT = -0.05;

export class PostStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores a batch in one transaction: posts whose dedupe keys were all unseen are
   * written with their rollups and records; the others count as duplicates (their new
   * keys still join the group, as utils/discourse/dedupe.ts does).
   */
  async insert(batch: readonly ClassifiedPost[]): Promise<StoreResult> {
    if (!batch.length) return { stored: 0, duplicates: 0 };
    return this.db.transaction(async (tx) => {
      const allKeys = [...new Set(batch.flatMap((p) => p.keys))];
      const seen = new Set((await tx.query<{ key: string }>('SELECT key FROM post_keys WHERE key = ANY($1::text[])', [allKeys])).map((r) => r.key));
      const fresh: ClassifiedPost[] = [];
      const keyRows: { key: string; post_id: string; seen_at: string }[] = [];
      for (const p of batch) {
        const dup = p.keys.some((k) => seen.has(k));
        const at = new Date(p.t).toISOString();
        for (const k of p.keys) {
          if (seen.has(k)) continue;
          seen.add(k);
          keyRows.push({ key: k, post_id: p.post.id, seen_at: at });
        }
        if (!dup) fresh.push(p);
      }
      if (keyRows.length) {
        await tx.query(
          `INSERT INTO post_keys (key, post_id, seen_at)
           SELECT key, post_id, seen_at FROM jsonb_to_recordset($1::text::jsonb) AS x(key text, post_id text, seen_at timestamptz)
           ON CONFLICT (key) DO NOTHING`,
          [JSON.stringify(keyRows)],
        );
      }
      if (!fresh.length) return { stored: 0, duplicates: batch.length };
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO posts (id, source, beat, entities, created_at, rank, sentiment, post)
         SELECT id, source, beat, entities, created_at, rank, sentiment, post
         FROM jsonb_to_recordset($1::text::jsonb) AS x(id text, source text, beat text, entities text[], created_at timestamptz, rank real, sentiment real, post jsonb)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          JSON.stringify(
            fresh.map((p) => ({
              id: p.post.id,
              source: p.post.source,
              beat: p.beat,
              entities: p.entities,
              created_at: p.post.createdAt,
              rank: p.rank,
              sentiment: p.post.sentiment,
              post: p.post,
            })),
          ),
        ],
      );
      const ids = new Set(inserted.map((r) => r.id));
      const stored = fresh.filter((p) => ids.has(p.post.id));
      await this.addRollups(tx, stored);
      return { stored: stored.length, duplicates: batch.length - stored.length };
    });
  }

  private async addRollups(tx: Queryable, posts: readonly ClassifiedPost[]): Promise<void> {
    if (!posts.length) return;
    const rollups = new Map<string, RollupRow>();
    const records = new Map<string, { scope: string; total: number; first_at: number; last_at: number }>();
    const voices = new Map<string, { scope: string; hour: string; rows: { post_id: string; rank: number; created_at: string }[] }>();
    for (const p of posts) {
      const hour = hourOf(p.t);
      const s = p.post.sentiment;
      for (const scope of scopesOf(p)) {
        const k = `${scope}|${hour}|${p.post.source}`;
        let r = rollups.get(k);
        if (!r) rollups.set(k, (r = { scope, hour, source: p.post.source, count: 0, scored: 0, positive: 0, negative: 0, sentiment_sum: 0 }));
        r.count++;
        if (s !== null) {
          r.scored++;
          r.sentiment_sum += s;
          if (s >= POSITIVE_AT) r.positive++;
          else if (s <= NEGATIVE_AT) r.negative++;
        }
        const rec = records.get(scope);
        if (!rec) records.set(scope, { scope, total: 1, first_at: p.t, last_at: p.t });
        else {
          rec.total++;
          rec.first_at = Math.min(rec.first_at, p.t);
          rec.last_at = Math.max(rec.last_at, p.t);
        }
        const vk = `${scope}|${hour}`;
        let v = voices.get(vk);
        if (!v) voices.set(vk, (v = { scope, hour, rows: [] }));
        v.rows.push({ post_id: p.post.id, rank: p.rank, created_at: p.post.createdAt });
      }
    }
    await tx.query(
      `INSERT INTO rollups (scope, hour, source, count, scored, positive, negative, sentiment_sum)
       SELECT scope, hour, source, count, scored, positive, negative, sentiment_sum
       FROM jsonb_to_recordset($1::text::jsonb) AS x(scope text, hour timestamptz, source text, count integer, scored integer, positive integer, negative integer, sentiment_sum double precision)
       ON CONFLICT (scope, hour, source) DO UPDATE SET
         count = rollups.count + excluded.count,
         scored = rollups.scored + excluded.scored,
         positive = rollups.positive + excluded.positive,
         negative = rollups.negative + excluded.negative,
         sentiment_sum = rollups.sentiment_sum + excluded.sentiment_sum`,
      [JSON.stringify([...rollups.values()])],
    );
    await tx.query(
      `INSERT INTO records (scope, total, first_at, last_at)
       SELECT scope, total, first_at, last_at
       FROM jsonb_to_recordset($1::text::jsonb) AS x(scope text, total bigint, first_at timestamptz, last_at timestamptz)
       ON CONFLICT (scope) DO UPDATE SET
         total = records.total + excluded.total,
         first_at = LEAST(records.first_at, excluded.first_at),
         last_at = GREATEST(records.last_at, excluded.last_at)`,
      [JSON.stringify([...records.values()].map((r) => ({ ...r, first_at: new Date(r.first_at).toISOString(), last_at: new Date(r.last_at).toISOString() })))],
    );
    // Only the batch's best of each group can be among the group's best.
    const voiceRows: { scope: string; hour: string; post_id: string; rank: number; created_at: string }[] = [];
    for (const v of voices.values()) {
      if (v.rows.length > VOICES_PER_HOUR) v.rows.sort((a, b) => b.rank - a.rank || (a.post_id < b.post_id ? -1 : 1)).length = VOICES_PER_HOUR;
      for (const r of v.rows) voiceRows.push({ scope: v.scope, hour: v.hour, ...r });
    }
    await tx.query(
      `INSERT INTO voices (scope, hour, post_id, rank, created_at)
       SELECT scope, hour, post_id, rank, created_at
       FROM jsonb_to_recordset($1::text::jsonb) AS x(scope text, hour timestamptz, post_id text, rank real, created_at timestamptz)
       ON CONFLICT (scope, hour, post_id) DO NOTHING`,
      [JSON.stringify(voiceRows)],
    );
    await trimVoices(tx, [...voices.values()].map((v) => ({ scope: v.scope, hour: v.hour })));
  }

  /** Drops raw posts (and their dedupe keys) older than `days`; rollups and records stay. */
  async applyRetention(now: number, days: number): Promise<number> {
    const cutoff = new Date(now - days * 24 * HOUR_MS).toISOString();
    const gone = await this.db.query<{ id: string }>('DELETE FROM posts WHERE created_at < $1 RETURNING id', [cutoff]);
    await this.db.query('DELETE FROM post_keys WHERE seen_at < $1', [cutoff]);
    await this.db.query('DELETE FROM voices WHERE created_at < $1', [cutoff]);
    return gone.length;
  }

  async getCursor(source: string): Promise<string | null> {
    const rows = await this.db.query<{ value: string }>('SELECT value FROM cursors WHERE source = $1', [source]);
    return rows[0]?.value ?? null;
  }

  async setCursor(source: string, value: string): Promise<void> {
    await this.db.query(
      `INSERT INTO cursors (source, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (source) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [source, value],
    );
  }

  async countPosts(): Promise<number> {
    return (await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts'))[0]!.n;
  }
}
