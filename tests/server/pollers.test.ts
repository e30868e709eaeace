// The polled sources against fake upstreams on loopback speaking their wire formats:
// Hacker News resumes from its persisted created_at_i cursor (a restart fetches only
// what is new), a 429 comes back as a rate limit with its Retry-After, X runs only with
// a bearer token and pages by since_id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledDetectorData } from '../../utils/detect/data';
import { HttpClient, RateLimiter, SourceFailure } from '../../utils/discourse/http';
import { openDb, type Db } from '../../server/db';
import { Ingestor } from '../../server/ingest/ingestor';
import { readCapture } from '../../server/ingest/replay';
import { HackerNewsPoller, XPoller } from '../../server/ingest/sources/pollers';
import { Metrics } from '../../server/metrics';
import { PostStore } from '../../server/store';
import { CAPTURE_END, CAPTURE_FILE } from '../../scripts/capture';
import { startFakeHackerNews, type AlgoliaHitFixture, type FakeHackerNews } from '../fixtures/servers/hackernews';
import { sendJson, startFakeServer, type FakeServer } from '../fixtures/servers/base';

const lines = readCapture(CAPTURE_FILE).map((l) => JSON.parse(l) as { type: string; answer: { hits?: AlgoliaHitFixture[]; data?: { id: string }[] } });
const hnHits = lines.filter((l) => l.type === 'hackernews').flatMap((l) => l.answer.hits!);
const xAnswers = lines.filter((l) => l.type === 'x').map((l) => l.answer);
let now = CAPTURE_END;

let db: Db;
let store: PostStore;
let ingestor: Ingestor;
let http: HttpClient;
beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  store = new PostStore(db);
  ingestor = new Ingestor({ store, detector: bundledDetectorData, metrics: new Metrics(), clock: () => now });
  const clock = () => now;
  http = new HttpClient({ fetch, clock, limiter: new RateLimiter({ clock, defaultHostLimit: { capacity: 1000, perSecond: 1000 } }), maxInlineRetryAfterMs: 0, retries: 0 });
});
afterAll(async () => {
  await db.close();
});

describe('Hacker News poller', () => {
  let hn: FakeHackerNews;
  beforeAll(async () => {
    hn = await startFakeHackerNews({ hits: [] });
  });
  afterAll(async () => {
    await hn.close();
  });

  it('fetches every story and comment since its cursor, and a restarted poller fetches only what is new', async () => {
    const cut = CAPTURE_END - 24 * 3_600_000;
    const older = hnHits.filter((h) => h.created_at_i * 1000 < cut);
    hn.seed(older);
    await store.setCursor('hackernews', String(Math.floor((CAPTURE_END - 10 * 86_400_000) / 1000)));
    const first = new HackerNewsPoller({ http, store, clock: () => now }, hn.url, 50);
    const got = await first.poll(AbortSignal.timeout(30_000));
    expect(got).toHaveLength(older.length);
    expect((await ingestor.ingest('hackernews', got)).stored).toBe(older.length);
    const cursor = Number(await store.getCursor('hackernews'));
    expect(cursor).toBe(Math.max(...older.map((h) => h.created_at_i)));
    expect(hn.requests.at(-1)!.query.get('tags')).toBe('(story,comment)');

    hn.seed(hnHits);
    const restarted = new HackerNewsPoller({ http, store, clock: () => now }, hn.url, 50);
    const fresh = await restarted.poll(AbortSignal.timeout(30_000));
    expect(hn.requests.at(-1)!.query.get('numericFilters')).toBe(`created_at_i>=${cursor}`);
    const r = await ingestor.ingest('hackernews', fresh);
    // The cursor's own second is fetched again (items may arrive late in it); dedupe drops the repeats.
    expect(r.stored).toBe(hnHits.length - older.length);
    expect(r.duplicates).toBe(fresh.length - r.stored);
  });

  it('a 429 becomes a rate-limited failure carrying Retry-After', async () => {
    hn.setFault({ kind: 'rate-limit', retryAfterSeconds: 120 });
    const p = new HackerNewsPoller({ http, store, clock: () => now }, hn.url);
    const err = await p.poll(AbortSignal.timeout(30_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceFailure);
    expect((err as SourceFailure).code).toBe('rate-limited');
    expect((err as SourceFailure).retryAfterMs).toBe(120_000);
    hn.setFault({ kind: 'none' });
  });
});

describe('X poller', () => {
  let x: FakeServer;
  beforeAll(async () => {
    // X API v2 recent search: bearer token, since_id paging, newest first.
    x = await startFakeServer((req, res) => {
      if (req.path !== '/2/tweets/search/recent') return sendJson(res, 404, { title: 'Not Found Error' });
      if (req.headers.authorization !== 'Bearer x-token') return sendJson(res, 401, { title: 'Unauthorized', status: 401 });
      const since = req.query.get('since_id');
      const answer = since ? { meta: { result_count: 0 } } : xAnswers[0];
      sendJson(res, 200, answer);
    });
  });
  afterAll(async () => {
    await x.close();
  });

  it('is off and says so without a bearer token', async () => {
    const p = new XPoller({ http, store, clock: () => now }, x.url, undefined);
    expect(p.notConfigured).toMatch(/X_BEARER_TOKEN/);
    expect(await p.poll(AbortSignal.timeout(5000))).toEqual([]);
    expect(x.requests).toHaveLength(0);
  });

  it('reads recent search with its authors and pages by since_id', async () => {
    const p = new XPoller({ http, store, clock: () => now }, x.url, 'x-token');
    const posts = await p.poll(AbortSignal.timeout(30_000));
    expect(posts).toHaveLength(xAnswers[0]!.data!.length);
    expect(posts[0]!.url).toMatch(/^https:\/\/x\.com\/\w+\/status\/\d+$/);
    expect(posts[0]!.author.handle).toMatch(/^@\w+$/);
    expect(await store.getCursor('x')).toBe(xAnswers[0]!.data![0]!.id);
    expect(await p.poll(AbortSignal.timeout(30_000))).toEqual([]);
    expect(x.requests.at(-1)!.query.get('since_id')).toBe(xAnswers[0]!.data![0]!.id);
  });
});

describe('Bluesky AppView enrichment', () => {
  let appview: FakeServer;
  const profiles = new Map<string, { did: string; handle: string; displayName: string; followersCount: number }>();
  const counts = new Map<string, { likeCount: number; repostCount: number; replyCount: number }>();
  for (const l of readCapture(CAPTURE_FILE).map((x) => JSON.parse(x) as { type: string; answer: { profiles?: []; posts?: [] } })) {
    if (l.type === 'bluesky-profiles') for (const p of l.answer.profiles as unknown as { did: string; handle: string; displayName: string; followersCount: number }[]) profiles.set(p.did, p);
    if (l.type === 'bluesky-posts') for (const p of l.answer.posts as unknown as { uri: string; likeCount: number; repostCount: number; replyCount: number }[]) counts.set(p.uri, p);
  }
  beforeAll(async () => {
    // The AppView's getPosts / getProfiles, 25 at most per call, as the public one answers.
    appview = await startFakeServer((req, res) => {
      if (req.path === '/xrpc/app.bsky.feed.getPosts') {
        const uris = req.query.getAll('uris');
        if (uris.length > 25) return sendJson(res, 400, { error: 'InvalidRequest', message: 'uris must not have more than 25 elements' });
        return sendJson(res, 200, {
          posts: uris.map((uri) => {
            const did = uri.split('/')[2]!;
            const p = profiles.get(did)!;
            return { uri, cid: 'bafy', author: { did, handle: p.handle, displayName: p.displayName }, record: {}, indexedAt: new Date(now).toISOString(), likeCount: counts.get(uri)?.likeCount ?? 0, repostCount: counts.get(uri)?.repostCount ?? 0, replyCount: counts.get(uri)?.replyCount ?? 0, quoteCount: 0 };
          }),
        });
      }
      if (req.path === '/xrpc/app.bsky.actor.getProfiles') {
        const actors = req.query.getAll('actors');
        if (actors.length > 25) return sendJson(res, 400, { error: 'InvalidRequest' });
        return sendJson(res, 200, { profiles: actors.map((a) => profiles.get(a)).filter(Boolean) });
      }
      sendJson(res, 404, { error: 'MethodNotImplemented' });
    });
  });
  afterAll(async () => {
    await appview.close();
  });

  it('fills in handles, names, followers and engagement for recent Jetstream posts, 25 per call, once', async () => {
    const { jetstreamEventToPost, readJetstreamMessage } = await import('../../server/ingest/sources/jetstream');
    const { enrichBlueskyPosts } = await import('../../server/ingest/sources/appview');
    const events = readCapture(CAPTURE_FILE).map((l) => JSON.parse(l) as { type: string; event?: unknown }).filter((l) => l.type === 'jetstream');
    const posts = events.flatMap((e) => {
      const r = readJetstreamMessage(JSON.stringify(e.event));
      return r.ok ? (jetstreamEventToPost(r.event) ?? []) : [];
    });
    await ingestor.ingest('bluesky', posts);
    const before = (await db.query<{ post: { author: { name: string } } }>("SELECT post FROM posts WHERE source = 'bluesky' LIMIT 1"))[0]!;
    expect(before.post.author.name).toMatch(/^did:plc:/);

    const n = await enrichBlueskyPosts({ db, http, endpoint: appview.url, perPass: 100 }, AbortSignal.timeout(30_000), now);
    expect(n).toBe(100);
    expect(appview.requests.filter((r) => r.path.endsWith('getPosts'))).toHaveLength(4);
    const done = await db.query<{ id: string; rank: number; post: { author: { name: string; handle: string; followers?: number }; engagement: { likes: number }; url: string } }>(
      "SELECT id, rank, post FROM posts WHERE source = 'bluesky' AND enriched_at IS NOT NULL",
    );
    expect(done).toHaveLength(100);
    for (const d of done) {
      const uri = d.id.slice('bluesky:'.length);
      const p = profiles.get(uri.split('/')[2]!)!;
      expect(d.post.author.name).toBe(p.displayName);
      expect(d.post.author.handle).toBe(p.handle);
      expect(d.post.author.followers).toBe(p.followersCount);
      expect(d.post.engagement.likes).toBe(counts.get(uri)?.likeCount ?? 0);
      expect(d.post.url).toContain(`/profile/${p.handle}/post/`);
    }
    // The key-voice table carries the new ranks (enriched posts can become key voices).
    const voiceRanks = new Map((await db.query<{ post_id: string; rank: number }>("SELECT post_id, rank FROM voices WHERE scope LIKE 'beat:%'")).map((r) => [r.post_id, r.rank]));
    expect(done.filter((d) => d.rank > 0).length).toBeGreaterThan(50);
    for (const d of done) expect(voiceRanks.get(d.id), d.id).toBe(d.rank);
    // The next pass looks up the next posts, not the same ones again.
    const calls = appview.requests.length;
    await enrichBlueskyPosts({ db, http, endpoint: appview.url, perPass: 25 }, AbortSignal.timeout(30_000), now);
    const asked = appview.requests.slice(calls).find((r) => r.path.endsWith('getPosts'))!.query.getAll('uris');
    expect(asked.some((u) => done.some((d) => d.id === `bluesky:${u}`))).toBe(false);
  });
});
