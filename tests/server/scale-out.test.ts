// Scale-out as deployed: two `npm run server` processes (separate OS processes, each on
// its own loopback port) on one real Postgres, following a fake Jetstream that replays
// the capture. Both serve; exactly one ingests. The leader is killed with SIGKILL in the
// middle of the stream; the other takes the advisory lock, resumes from the persisted
// cursor, and the database ends up holding exactly the capture's Bluesky posts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURSOR_KEY, RESUME_BACK_US } from '../../server/ingest/sources/jetstream';
import { INGEST_LOCK } from '../../server/ingest/leader';
import { CAPTURE_FILE, generate } from '../../scripts/capture';
import { readCapture } from '../../server/ingest/replay';
import { startFakeJetstream, type FakeJetstream } from '../fixtures/servers/jetstream';
import { postgresEngine, until, type Engine } from './engines';

const ROOT = resolve(import.meta.dirname, '../..');
const truth = generate();
const expected = truth.posts.filter((p) => p.source === 'bluesky');
const events = readCapture(CAPTURE_FILE)
  .map((l) => JSON.parse(l) as { type: string; event?: { time_us: number } })
  .filter((l) => l.type === 'jetstream')
  .map((l) => l.event!);

interface Proc {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** `npm run server` as its own process (node + tsx, as the npm script runs it), live ingest. */
async function startProcess(env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (m) resolveUrl(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening:\n${output.join('')}`)));
  });
  return { child, url, output };
}

const healthz = async (p: Proc) => (await (await fetch(`${p.url}/healthz`)).json()) as { ok: boolean; ingest: { leader: boolean } };

describe('two server processes on one Postgres', () => {
  let engine: Engine;
  let databaseUrl: string;
  let fake: FakeJetstream;
  let refuse: Server;
  const procs: Proc[] = [];
  beforeAll(async () => {
    engine = postgresEngine();
    const fresh = await engine.fresh();
    await fresh.db.close();
    databaseUrl = fresh.databaseUrl!;
    // The first connection stops after half the stream with its socket open: a leader
    // that is still following when it is killed.
    fake = await startFakeJetstream({ events, pauseAfter: Math.floor(events.length / 2) });
    // Every other upstream (HN, GDELT, Mastodon, the AppView) answers 503 on loopback.
    refuse = createServer((_, res) => res.writeHead(503).end());
    await new Promise<void>((r) => refuse.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await new Promise((r) => p.child.once('exit', r));
    }
    await fake?.close();
    await new Promise<void>((r) => refuse?.close(() => r()));
    await engine.stop();
  });

  it('both serve, one ingests; SIGKILL the leader mid-stream and the other resumes from the cursor: nothing lost or doubled', async () => {
    const dead = `http://127.0.0.1:${(refuse.address() as AddressInfo).port}`;
    const env = {
      DATABASE_URL: databaseUrl,
      JETSTREAM_URL: fake.url,
      HN_ENDPOINT: dead,
      GDELT_ENDPOINT: dead,
      MASTODON_INSTANCES: dead,
      BSKY_APPVIEW: dead,
      RETENTION_DAYS: '100000',
      LEADER_RETRY_MS: '200',
    };
    const a = await startProcess(env);
    procs.push(a);
    await until(async () => (await healthz(a)).ingest.leader, 'the first process to lead');
    const b = await startProcess(env);
    procs.push(b);
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const bluesky = async () => (await admin`SELECT count(*)::int AS n FROM posts WHERE source = 'bluesky'`)[0]!.n;
    try {
      // The leader stores part of the stream and persists its cursor; b stands by.
      await until(async () => (await admin`SELECT value FROM cursors WHERE source = ${CURSOR_KEY}`).length === 1, 'a persisted Jetstream cursor');
      expect(await bluesky()).toBeGreaterThan(0);
      expect(await bluesky()).toBeLessThan(expected.length);
      expect((await healthz(b)).ingest.leader).toBe(false);
      expect((await admin`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ${INGEST_LOCK} AND granted`)[0]!.n).toBe(1);
      for (const p of [a, b]) {
        const res = await fetch(`${p.url}/v1/beats`);
        expect(res.status).toBe(200);
      }
      expect(fake.connections).toHaveLength(1);

      // Kill the leader as a crash would: no shutdown, no unlock, a batch maybe half sent.
      a.child.kill('SIGKILL');
      await new Promise((r) => a.child.once('exit', r));
      await until(async () => (await healthz(b)).ingest.leader, 'the second process to take over');
      await until(() => fake.connections.length === 2, 'the second process to connect to Jetstream');
      await fake.drained();
      await until(async () => (await bluesky()) === expected.length, 'every Bluesky post of the capture');

      // It resumed a few seconds before a cursor the first leader persisted.
      const resumedAt = Number(fake.connections[1]!.searchParams.get('cursor'));
      const firstHalf = events.slice(0, Math.floor(events.length / 2)).map((e) => e.time_us);
      expect(firstHalf).toContain(resumedAt + RESUME_BACK_US);
      // Exactly the capture: the same texts, once each; rollups and beat records agree.
      const stored = await admin<{ text: string }[]>`SELECT post->>'text' AS text FROM posts WHERE source = 'bluesky'`;
      expect(stored.map((r) => r.text).sort()).toEqual(expected.map((p) => p.text).sort());
      const [roll] = await admin`SELECT sum(count)::int AS n FROM rollups WHERE scope LIKE 'beat:%'`;
      expect(roll!.n).toBe(expected.length);
      const perBeat = new Map<string, number>();
      for (const p of expected) perBeat.set(`beat:${p.beat}`, (perBeat.get(`beat:${p.beat}`) ?? 0) + 1);
      const records = await admin<{ scope: string; total: number }[]>`SELECT scope, total::int AS total FROM records WHERE scope LIKE 'beat:%'`;
      expect(Object.fromEntries(records.map((r) => [r.scope, r.total]))).toEqual(Object.fromEntries(perBeat));
      const [cursor] = await admin<{ value: string }[]>`SELECT value FROM cursors WHERE source = ${CURSOR_KEY}`;
      await until(async () => Number((await admin<{ value: string }[]>`SELECT value FROM cursors WHERE source = ${CURSOR_KEY}`)[0]!.value) === events.at(-1)!.time_us, `the cursor at the last event (now ${cursor?.value})`);

      // The survivor serves the figures of everything stored, by both leaders.
      const beat = expected[0]!.beat;
      const res = await fetch(`${b.url}/v1/context?beat=${beat}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { snapshot: { beatRecords: number } }).snapshot.beatRecords).toBe(perBeat.get(`beat:${beat}`));
    } finally {
      await admin.end();
    }
  });
});
