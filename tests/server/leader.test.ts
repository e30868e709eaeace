// Scale-out on one real Postgres: two server instances (each its own connection pool)
// both serve the API, exactly one ingests; when the leader's database session dies,
// the other takes the advisory lock and ingests, and nothing is lost or doubled.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server';
import { INGEST_LOCK } from '../../server/ingest/leader';
import { postgresEngine, until, type Engine } from './engines';
import { testConfig } from './config';

describe('two servers on one Postgres', () => {
  let engine: Engine;
  let databaseUrl: string;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    engine = postgresEngine();
    const fresh = await engine.fresh();
    await fresh.db.close();
    databaseUrl = fresh.databaseUrl!;
  });
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => {});
    await engine.stop();
  });

  it('one ingests, both serve; killing the leader\'s session hands ingest to the other', async () => {
    const a = await startServer(testConfig({ databaseUrl, leaderRetryMs: 100 }));
    servers.push(a);
    await until(() => a.leader.leader, 'the first server to lead');
    const b = await startServer(testConfig({ databaseUrl, leaderRetryMs: 100 }));
    servers.push(b);
    expect((await a.replayed)?.stored).toBe(3000);
    // b keeps trying for the lock and keeps failing while a holds it.
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await until(async () => (await admin`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ${INGEST_LOCK} AND granted`)[0]!.n === 1, 'the lock held once');
    expect(b.leader.leader).toBe(false);
    for (const s of [a, b]) {
      const res = await fetch(`${s.url}/v1/context?beat=education`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { snapshot: { beatRecords: number } }).snapshot.beatRecords).toBe(200);
    }

    // Kill the leader's lock session as a crash would (its backend terminated).
    await admin`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ${INGEST_LOCK} AND granted`;
    await until(() => b.leader.leader, 'the second server to take over');
    await until(() => !a.leader.leader, 'the first server to notice it lost the lock');
    // b replays the same capture on taking over: every post is a duplicate, none doubled.
    const r = await b.replayed;
    expect(r?.stored).toBe(0);
    expect(r?.duplicates).toBe(3000);
    expect((await admin`SELECT count(*)::int AS n FROM posts`)[0]!.n).toBe(3000);
    expect((await admin`SELECT sum(total)::int AS n FROM records WHERE scope LIKE 'beat:%'`)[0]!.n).toBe(3000);
    await admin.end();
  });
});
