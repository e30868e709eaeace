// The story table and the story writer's daily usage: stores a full Story with its
// summary (what "More stories" lists), the fingerprint of the evidence it was written
// from, why it is extractive when it is, and what it cost; keeps the day's token budget.
import { Story, type StorySummary } from '../../utils/schema';
import type { TokenUsage } from '../../utils/narrative/pricing';
import type { Db } from '../db';

/** Why a story was assembled by code instead of written by Claude. */
export type Fallback = 'no-key' | 'budget' | 'rejected' | 'error';

export interface StoredStoryMeta {
  id: string;
  publishedAt: number;
  fingerprint: string | null;
  kind: 'generated' | 'extractive';
  fallback: Fallback | null;
}

export interface UsageToday extends TokenUsage {
  day: string;
  tokens: number;
  usd: number;
  requests: number;
}

/** The summary "More stories" lists: title = headline, and the story page's address. */
export function summaryOf(story: Story): StorySummary {
  return {
    id: story.id,
    title: story.narrative.headline,
    url: story.url,
    category: story.category,
    beat: story.beat,
    importance: story.importance,
    publishedAt: story.publishedAt,
    dek: story.narrative.dek,
    kind: story.narrative.kind === 'generated' ? 'generated' : 'extractive',
  };
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export class StoryStore {
  constructor(private readonly db: Db) {}

  async save(story: Story, meta: { fingerprint: string; fallback: Fallback | null; tokens: number; usd: number | null }): Promise<void> {
    const s = Story.parse(story);
    await this.db.query(
      `INSERT INTO stories (id, beat, published_at, summary, story, kind, fingerprint, fallback, tokens, usd)
       VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET summary = excluded.summary, story = excluded.story, kind = excluded.kind,
         fingerprint = excluded.fingerprint, fallback = excluded.fallback, tokens = excluded.tokens, usd = excluded.usd`,
      [s.id, s.beat, s.publishedAt, JSON.stringify(summaryOf(s)), JSON.stringify(s), s.narrative.kind, meta.fingerprint, meta.fallback, meta.tokens, meta.usd],
    );
  }

  /** The latest story of a beat (its bookkeeping only), or null. */
  async latestMeta(beat: string): Promise<StoredStoryMeta | null> {
    const rows = await this.db.query<{ id: string; published_at: Date | string; fingerprint: string | null; kind: string | null; fallback: string | null }>(
      'SELECT id, published_at, fingerprint, kind, fallback FROM stories WHERE beat = $1 ORDER BY published_at DESC LIMIT 1',
      [beat],
    );
    const r = rows[0];
    if (!r) return null;
    return { id: r.id, publishedAt: new Date(r.published_at).getTime(), fingerprint: r.fingerprint, kind: r.kind === 'generated' ? 'generated' : 'extractive', fallback: (r.fallback as Fallback | null) ?? null };
  }

  /** The latest story of a beat published at or before `before` (epoch ms): "yesterday's story". */
  async latestBefore(beat: string, before: number): Promise<Story | null> {
    const rows = await this.db.query<{ story: unknown }>('SELECT story FROM stories WHERE beat = $1 AND published_at <= $2 AND story IS NOT NULL ORDER BY published_at DESC LIMIT 1', [
      beat,
      new Date(before).toISOString(),
    ]);
    const parsed = rows[0] ? Story.safeParse(json(rows[0].story)) : null;
    return parsed?.success ? parsed.data : null;
  }

  /**
   * Drops stories older than `days` (epoch ms `now`), except each beat's latest, and usage
   * rows older than a year. Returns how many stories went.
   */
  async applyRetention(now: number, days: number): Promise<number> {
    const cutoff = new Date(now - days * 86_400_000).toISOString();
    const gone = await this.db.query<{ id: string }>(
      `DELETE FROM stories s WHERE s.published_at < $1
         AND s.published_at < (SELECT max(published_at) FROM stories l WHERE l.beat = s.beat) RETURNING s.id`,
      [cutoff],
    );
    await this.db.query('DELETE FROM story_usage WHERE day < $1', [new Date(now - 366 * 86_400_000).toISOString().slice(0, 10)]);
    return gone.length;
  }

  /** Today's (UTC) use of Claude by the story writer. */
  async usage(now: number): Promise<UsageToday> {
    const day = utcDay(now);
    const rows = await this.db.query<Record<string, number>>(
      `SELECT tokens::float8 AS tokens, input_tokens::float8 AS input, output_tokens::float8 AS output, cache_read_tokens::float8 AS cache_read,
              cache_write_tokens::float8 AS cache_write, usd, requests FROM story_usage WHERE day = $1`,
      [day],
    );
    const r = rows[0];
    return {
      day,
      tokens: r?.tokens ?? 0,
      inputTokens: r?.input ?? 0,
      outputTokens: r?.output ?? 0,
      cacheReadTokens: r?.cache_read ?? 0,
      cacheWriteTokens: r?.cache_write ?? 0,
      usd: r?.usd ?? 0,
      requests: r?.requests ?? 0,
    };
  }

  /**
   * Reserves `tokens` of today's budget if they fit (one statement, so two writers cannot
   * both take the last of it). Returns the UTC day charged, or null when they do not fit.
   */
  async reserve(now: number, tokens: number, limit: number): Promise<string | null> {
    const day = utcDay(now);
    await this.db.query('INSERT INTO story_usage (day) VALUES ($1) ON CONFLICT (day) DO NOTHING', [day]);
    const rows = await this.db.query<{ day: unknown }>('UPDATE story_usage SET tokens = tokens + $2, requests = requests + 1 WHERE day = $1 AND tokens + $2 <= $3 RETURNING day', [day, tokens, limit]);
    return rows.length ? day : null;
  }

  /** Replaces a reservation by what the request really used, and adds its cost, on the day it was charged. */
  async settle(day: string, reserved: number, used: TokenUsage, usd: number | null): Promise<void> {
    const total = used.inputTokens + used.outputTokens + used.cacheReadTokens + used.cacheWriteTokens;
    await this.db.query(
      `UPDATE story_usage SET tokens = GREATEST(0, tokens - $2 + $3), input_tokens = input_tokens + $4, output_tokens = output_tokens + $5,
         cache_read_tokens = cache_read_tokens + $6, cache_write_tokens = cache_write_tokens + $7, usd = usd + $8 WHERE day = $1`,
      [day, reserved, total, used.inputTokens, used.outputTokens, used.cacheReadTokens, used.cacheWriteTokens, usd ?? 0],
    );
  }
}
