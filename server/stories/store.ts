// Stories in the `stories` table: the whole `Story` is kept as JSON (the `summary`
// column), so the story page, `/v1/stories` and the extension read the same record.
// Every read is parsed: a row that no longer fits the schema is skipped, never served.
import { Story, StorySummary, type BeatId } from '../../utils/schema';
import type { Queryable } from '../db';

/** Stores (or replaces) one story; throws on a story that does not fit the schema. */
export async function saveStory(db: Queryable, story: Story): Promise<void> {
  const s = Story.parse(story);
  await db.query(
    `INSERT INTO stories (id, beat, published_at, summary) VALUES ($1, $2, $3, $4::text::jsonb)
     ON CONFLICT (id) DO UPDATE SET beat = EXCLUDED.beat, published_at = EXCLUDED.published_at, summary = EXCLUDED.summary`,
    [s.id, s.beat, s.publishedAt, JSON.stringify(s)],
  );
}

const parseRow = (value: unknown): Story | null => {
  const parsed = Story.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : null;
};

/** One story by id; null when there is none (or its row no longer parses). */
export async function readStory(db: Queryable, id: string): Promise<Story | null> {
  const rows = await db.query<{ summary: unknown }>('SELECT summary FROM stories WHERE id = $1', [id]);
  return rows[0] ? parseRow(rows[0].summary) : null;
}

/** Stories newest first, of one beat or of all; at most `limit` (default 50). */
export async function listStories(db: Queryable, { beat, limit = 50 }: { beat?: BeatId | undefined; limit?: number } = {}): Promise<Story[]> {
  const rows = beat
    ? await db.query<{ summary: unknown }>('SELECT summary FROM stories WHERE beat = $1 ORDER BY published_at DESC, id LIMIT $2', [beat, limit])
    : await db.query<{ summary: unknown }>('SELECT summary FROM stories ORDER BY published_at DESC, id LIMIT $1', [limit]);
  return rows.map((r) => parseRow(r.summary)).filter((s): s is Story => s !== null);
}

/** What "More stories" lists of a story: headline as title, its dek and how it was written. */
export function summaryOf(story: Story): StorySummary {
  return StorySummary.parse({
    id: story.id,
    title: story.narrative.headline,
    url: story.url,
    category: story.category,
    beat: story.beat,
    importance: story.importance,
    publishedAt: story.publishedAt,
    dek: story.narrative.dek,
    kind: story.narrative.kind === 'generated' ? 'generated' : 'extractive',
  });
}
