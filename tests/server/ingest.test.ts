// Ingest on both engines: the committed capture replayed through the real pipeline, and
// Bluesky through a fake Jetstream that drops the connection mid-stream and sends
// malformed and oversized events — the stored posts equal the capture exactly.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledDetectorData } from '../../utils/detect/data';
import type { Db } from '../../server/db';
import { Ingestor } from '../../server/ingest/ingestor';
import { readCapture, replay } from '../../server/ingest/replay';
import { CURSOR_KEY, JetstreamIngest, RESUME_BACK_US } from '../../server/ingest/sources/jetstream';
import { Metrics } from '../../server/metrics';
import { PostStore, VOICES_PER_HOUR } from '../../server/store';
import { readVoiceCandidates } from '../../server/api/context';
import { CAPTURE_END, CAPTURE_FILE, generate } from '../../scripts/capture';
import { startFakeJetstream } from '../fixtures/servers/jetstream';
import { ENGINES, until, type Engine } from './engines';

const lines = readCapture(CAPTURE_FILE);
const truth = generate();
const NOW = CAPTURE_END + 3_600_000;

function setup(db: Db) {
  const metrics = new Metrics();
  const store = new PostStore(db);
  const ingestor = new Ingestor({ store, detector: bundledDetectorData, metrics, clock: () => NOW });
  return { metrics, store, ingestor };
}

const count = async (db: Db, where = 'true', params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM posts WHERE ${where}`, params))[0]!.n;

it('the committed capture is what scripts/capture.ts writes (run `npm run capture`)', () => {
  const committed = gunzipSync(readFileSync(CAPTURE_FILE)).toString('utf8').trimEnd().split('\n');
  expect(committed).toEqual(truth.lines);
  expect(truth.posts).toHaveLength(3000);
});

describe.each(ENGINES.map((e) => [e().name, e] as const))('ingest on %s', (_name, makeEngine) => {
  let engine: Engine;
  beforeAll(() => {
    engine = makeEngine();
  });
  afterAll(async () => {
    await engine.stop();
  });

  it('replays the capture: every AI post stored once, rollups and beat records agree, a second replay adds nothing', async () => {
    const { db } = await engine.fresh();
    const { ingestor, metrics } = setup(db);
    const r = await replay(lines, ingestor);
    expect(r.malformed).toBe(0);
    expect(r.stored).toBe(truth.posts.length);
    const bySource: Record<string, number> = {};
    for (const p of truth.posts) bySource[p.source] = (bySource[p.source] ?? 0) + 1;
    expect(r.bySource).toEqual(bySource);
    expect(await count(db)).toBe(3000);
    // Each beat has the 200 posts written for it; records and rollups say the same.
    for (const beat of new Set(truth.posts.map((p) => p.beat))) {
      expect(await count(db, 'beat = $1', [beat])).toBe(200);
      const [rec] = await db.query<{ total: number }>('SELECT total::int AS total FROM records WHERE scope = $1', [`beat:${beat}`]);
      expect(rec?.total).toBe(200);
      const [roll] = await db.query<{ n: number }>('SELECT sum(count)::int AS n FROM rollups WHERE scope = $1', [`beat:${beat}`]);
      expect(roll?.n).toBe(200);
    }
    // Entity rollups equal the posts that name each entity.
    const [ent] = await db.query<{ scope: string; n: number }>("SELECT scope, sum(count)::int AS n FROM rollups WHERE scope LIKE 'entity:%' GROUP BY scope ORDER BY n DESC LIMIT 1");
    expect(await count(db, '$1 = ANY(entities)', [ent!.scope.slice('entity:'.length)])).toBe(ent!.n);

    // Key-voice candidates from the side table equal the 60 best posts by rank, sorted
    // from every post, for each beat and for the entities most talked about.
    const now = CAPTURE_END;
    const since = new Date(now - 2 * 86_400_000).toISOString();
    const naive = (where: string, params: unknown[]) =>
      db.query<{ id: string; rank: number }>(`SELECT id, rank FROM posts WHERE ${where} AND created_at > $${params.length + 1} ORDER BY rank DESC, id LIMIT 60`, [...params, since]);
    const topEntities = (await db.query<{ scope: string }>("SELECT scope FROM records WHERE scope LIKE 'entity:%' ORDER BY total DESC, scope LIMIT 4")).map((r) => r.scope);
    const cases: [string[], Promise<{ id: string; rank: number }[]>][] = [
      ...[...new Set(truth.posts.map((p) => p.beat))].map((b): [string[], Promise<{ id: string; rank: number }[]>] => [[`beat:${b}`], naive('beat = $1', [b])]),
      ...topEntities.map((e): [string[], Promise<{ id: string; rank: number }[]>] => [[e], naive('$1 = ANY(entities)', [e.slice('entity:'.length)])]),
      [topEntities.slice(0, 3), naive('entities && $1::text[]', [topEntities.slice(0, 3).map((e) => e.slice('entity:'.length))])],
    ];
    for (const [scopes, expectedRows] of cases) {
      const want = await expectedRows;
      const got = await readVoiceCandidates(db, scopes, now);
      expect(want.length, scopes.join()).toBeGreaterThan(0);
      expect(got.map((r) => r.rank), scopes.join()).toEqual(want.map((r) => r.rank));
      // Ties at the last rank may be broken differently; every post above it is the same.
      const last = want.at(-1)!.rank;
      expect(got.filter((r) => r.rank > last).map((r) => r.id).sort(), scopes.join()).toEqual(want.filter((r) => r.rank > last).map((r) => r.id).sort());
    }
    // The side table stays small: at most VOICES_PER_HOUR rows per scope and hour.
    const [widest] = await db.query<{ n: number }>('SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM voices GROUP BY scope, hour) x');
    expect(widest!.n).toBeLessThanOrEqual(VOICES_PER_HOUR);

    const again = await replay(lines, ingestor);
    expect(again.stored).toBe(0);
    expect(again.duplicates).toBe(3000);
    expect(await count(db)).toBe(3000);
    const metric = await metrics.registry.getSingleMetricAsString('undercurrent_ingest_posts_total');
    for (const [source, n] of Object.entries(bySource)) expect(metric).toContain(`source="${source}",outcome="duplicate"} ${n}`);
    await db.close();
  });

  it('retention drops raw posts past the limit and keeps rollups and records', async () => {
    const { db } = await engine.fresh();
    const { ingestor, store } = setup(db);
    await replay(lines, ingestor);
    // Three days after the capture ended, a two-day retention keeps only the last day's posts.
    const dropped = await store.applyRetention(CAPTURE_END + 3 * 86_400_000, 5 - 1);
    const kept = truth.posts.filter((p) => p.t >= CAPTURE_END + 3 * 86_400_000 - 4 * 86_400_000).length;
    expect(dropped).toBe(3000 - kept);
    expect(await count(db)).toBe(kept);
    const [roll] = await db.query<{ n: number }>("SELECT sum(count)::int AS n FROM rollups WHERE scope LIKE 'beat:%'");
    expect(roll?.n).toBe(3000);
    const [rec] = await db.query<{ n: number }>("SELECT sum(total)::int AS n FROM records WHERE scope LIKE 'beat:%'");
    expect(rec?.n).toBe(3000);
    await db.close();
  });

  it('follows a Jetstream that drops mid-stream and sends junk: resumes from the cursor, nothing lost or doubled', async () => {
    const { db } = await engine.fresh();
    const { ingestor, store, metrics } = setup(db);
    const events = lines.map((l) => JSON.parse(l) as { type: string; event?: { time_us: number } }).filter((l) => l.type === 'jetstream').map((l) => l.event!);
    const oversized = JSON.stringify({ ...events[10], commit: { ...(events[10] as unknown as { commit: object }).commit, record: { text: 'x'.repeat(100_000), createdAt: new Date(NOW).toISOString() } } });
    const inject = new Map([
      [5, ['{"did": "did:plc:abc", "time_us": ']],
      [300, ['{"did":"not a did","time_us":1,"kind":"commit"}', oversized]],
      [900, ['[]']],
    ]);
    const fake = await startFakeJetstream({ events, inject, dropAfter: Math.floor(events.length * 0.45) });
    const expected = truth.posts.filter((p) => p.source === 'bluesky');

    const follow = () => new JetstreamIngest({ url: fake.url, ingestor, store, metrics, clock: () => NOW, batchSize: 100, flushMs: 20, backoffMs: 10 });
    const js = follow();
    await js.start();
    await fake.drained();
    await until(async () => (await js.idle(), (await count(db)) === expected.length), 'every Bluesky post of the capture');
    await js.stop();
    expect(fake.connections).toHaveLength(2);
    expect(fake.connections[0]!.searchParams.get('wantedCollections')).toBe('app.bsky.feed.post');
    expect(fake.connections[0]!.searchParams.has('cursor')).toBe(false);
    const resumedAt = Number(fake.connections[1]!.searchParams.get('cursor'));
    expect(resumedAt).toBeGreaterThan(0);

    const stored = await db.query<{ text: string }>("SELECT post->>'text' AS text FROM posts WHERE source = 'bluesky'");
    expect(stored.map((r) => r.text).sort()).toEqual(expected.map((p) => p.text).sort());
    const metricText = await metrics.registry.getSingleMetricAsString('undercurrent_ingest_posts_total');
    expect(metricText).toContain('source="bluesky",outcome="malformed"} 4');
    // Resuming a few seconds back re-sent posts that were already stored: dropped as duplicates.
    expect(metricText).toMatch(/source="bluesky",outcome="duplicate"} [1-9]/);
    const cursor = Number(await store.getCursor(CURSOR_KEY));
    expect(cursor).toBe(events.at(-1)!.time_us);

    // A restarted ingester resumes from the persisted cursor, a few seconds back.
    const again = follow();
    await again.start();
    await until(() => fake.connections.length === 3, 'a third connection');
    await fake.drained();
    await again.idle();
    await again.stop();
    expect(Number(fake.connections[2]!.searchParams.get('cursor'))).toBe(cursor - RESUME_BACK_US);
    expect(await count(db)).toBe(expected.length);
    await fake.close();
    await db.close();
  });
});
