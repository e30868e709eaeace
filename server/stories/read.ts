// Reads for the story pages: whole stories (the `story` column the writer fills), newest
// first, of one beat or all. Every row is parsed; one that no longer fits is skipped.
import { Story, type BeatId } from '../../utils/schema';
import type { Queryable } from '../db';

/** Stories newest first, of one beat or of all; at most `limit` (default 50). */
export async function listStories(db: Queryable, { beat, limit = 50 }: { beat?: BeatId | undefined; limit?: number } = {}): Promise<Story[]> {
  const rows = beat
    ? await db.query<{ story: unknown }>('SELECT story FROM stories WHERE beat = $1 AND story IS NOT NULL ORDER BY published_at DESC, id LIMIT $2', [beat, limit])
    : await db.query<{ story: unknown }>('SELECT story FROM stories WHERE story IS NOT NULL ORDER BY published_at DESC, id LIMIT $1', [limit]);
  const out: Story[] = [];
  for (const r of rows) {
    const parsed = Story.safeParse(typeof r.story === 'string' ? JSON.parse(r.story) : r.story);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}
