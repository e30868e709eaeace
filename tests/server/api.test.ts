// The HTTP API on both engines, fed by a replay of the committed capture: figures that
// match the capture, the extension's own hosted client, ETag/304, keys, fuzzed queries
// (clear 400s, server stays up), and the rate limit under a 10,000-request loop.
import { request, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostedApiProvider } from '../../utils/context/hosted-api';
import { DiscourseContext, Story, StorySummary } from '../../utils/schema';
import { addKey } from '../../server/api/keys';
import { startServer, type RunningServer } from '../../server/server';
import { testConfig } from './config';
import { CAPTURE_END, generate } from '../../scripts/capture';
import { ENGINES, type Engine } from './engines';
import { NOW } from './config';

const HOUR = 3_600_000;
const truth = generate();


/** GET through node:http from a chosen loopback address (127.0.0.1, 127.0.0.2…). */
function get(url: string, opts: { from?: string; headers?: Record<string, string>; agent?: Agent } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: opts.from ?? '127.0.0.1', headers: opts.headers ?? {}, ...(opts.agent ? { agent: opts.agent } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(ENGINES.map((e) => [e().name, e] as const))('API on %s', (_name, makeEngine) => {
  let engine: Engine;
  let server: RunningServer;
  beforeAll(async () => {
    engine = makeEngine();
    const { db, databaseUrl } = await engine.fresh();
    await db.close();
    const cfg = testConfig(databaseUrl ? { databaseUrl } : {});
    // The story writer on, without a key: a replay has an extractive story per beat soon after it is stored.
    server = await startServer({ ...cfg, stories: { ...cfg.stories, enabled: true } });
    await server.replayed;
  });
  afterAll(async () => {
    await server?.close();
    await engine.stop();
  });

  it('answers /v1/context with the capture\'s figures, X and YouTube included, and the beat records', async () => {
    const res = await fetch(`${server.url}/v1/context?beat=labor-economy`);
    expect(res.status).toBe(200);
    const ctx = DiscourseContext.parse(await res.json());
    const lastHour = Math.floor(NOW / HOUR) * HOUR;
    const inBeat = truth.posts.filter((p) => p.beat === 'labor-economy');
    const day = inBeat.filter((p) => Math.floor(p.t / HOUR) * HOUR >= lastHour - 23 * HOUR);
    const prev = inBeat.filter((p) => Math.floor(p.t / HOUR) * HOUR >= lastHour - 47 * HOUR && Math.floor(p.t / HOUR) * HOUR < lastHour - 23 * HOUR);
    expect(ctx.snapshot.volume24h).toBe(day.length);
    expect(ctx.snapshot.volumePrev24h).toBe(prev.length);
    expect(ctx.snapshot.beatRecords).toBe(200);
    const bySource = Object.fromEntries(ctx.snapshot.bySource.map((s) => [s.source, s.count]));
    for (const source of ['bluesky', 'x', 'youtube', 'hackernews', 'news', 'mastodon']) {
      expect(bySource[source] ?? 0).toBe(day.filter((p) => p.source === source).length);
    }
    expect(Object.keys(bySource)).toEqual(expect.arrayContaining(['x', 'youtube']));
    expect(ctx.snapshot.timeline.reduce((s, p) => s + p.count, 0)).toBe(ctx.snapshot.totalRecords);
    expect(ctx.snapshot.keyVoices.length).toBeGreaterThan(3);
    for (const v of ctx.snapshot.keyVoices) expect(ctx.posts.find((p) => p.id === v.postId)?.text).toContain(v.quote.slice(0, 40));
    expect(ctx.freshness.server).toEqual({ name: 'Undercurrent server', replay: true });
  });

  it('narrows to the page\'s entities, and the extension\'s hosted client reads it and revalidates with the ETag', async () => {
    const client = new HostedApiProvider({ fetch, baseUrl: server.url });
    const query = { beat: 'hardware-compute' as const, entities: ['cerebras', 'groq'], q: 'Cerebras', key: 'hardware-compute|cerebras,groq' };
    const first = await client.fetch(query, {});
    expect(first.kind).toBe('fresh');
    if (first.kind !== 'fresh') return;
    // Every post naming either, in the week before NOW (a post naming both counts for each).
    const weekStart = Math.floor(NOW / HOUR) * HOUR - 167 * HOUR;
    const named = (re: RegExp) => truth.posts.filter((p) => re.test(p.title ?? p.text) && Math.floor(p.t / HOUR) * HOUR >= weekStart).length;
    expect(named(/Cerebras/)).toBeGreaterThan(0);
    expect(first.context.snapshot.totalRecords).toBe(named(/Cerebras/) + named(/Groq/));
    expect(first.context.snapshot.beatRecords).toBe(200);
    expect(first.context.posts.length).toBeGreaterThan(0);
    expect(first.context.posts.every((p) => /Cerebras|Groq/.test(p.text))).toBe(true);
    expect(first.etag).toMatch(/^".+"$/);
    expect(await client.fetch(query, { etag: first.etag! })).toEqual({ kind: 'not-modified' });
  });

  it('names only the entities its figures cover: none when it falls back to the beat', async () => {
    const read = async (entities: string) =>
      DiscourseContext.parse(await (await fetch(`${server.url}/v1/context?beat=hardware-compute&entities=${entities}`)).json());
    const beat = DiscourseContext.parse(await (await fetch(`${server.url}/v1/context?beat=hardware-compute`)).json());
    const nobody = await read('no-post-names-this');
    // Nobody named it this week: the beat's figures, and the context says they are the beat's.
    expect(nobody.topic.entities).toEqual([]);
    expect(nobody.snapshot.volume24h).toBe(beat.snapshot.volume24h);
    const mixed = await read('cerebras,no-post-names-this');
    expect(mixed.topic.entities).toEqual(['cerebras']);
  });

  it('lists beats with records, the replay\'s stories (one per beat, extractive without a key), entities, and 404s an unknown entity', async () => {
    const beats = (await (await fetch(`${server.url}/v1/beats`)).json()) as { id: string; records: number }[];
    expect(beats).toHaveLength(15);
    expect(beats.every((b) => b.records === 200)).toBe(true);
    await server.storiesWritten;
    const stories = ((await (await fetch(`${server.url}/v1/stories`)).json()) as unknown[]).map((s) => StorySummary.parse(s));
    expect(stories.map((s) => s.beat).sort()).toEqual(beats.map((b) => b.id).sort());
    expect(stories.every((s) => s.kind === 'extractive' && s.url === `${server.url}/stories/${s.id}` && !!s.dek)).toBe(true);
    const education = ((await (await fetch(`${server.url}/v1/stories?beat=education`)).json()) as unknown[]).map((s) => StorySummary.parse(s));
    expect(education).toHaveLength(1);
    const story = Story.parse(await (await fetch(`${server.url}/v1/stories/${education[0]!.id}`)).json());
    expect(story.narrative.headline).toBe(education[0]!.title);
    expect(story.snapshot.volume24h).toBeGreaterThan(0);
    expect(story.posts.length).toBeGreaterThan(0);
    const entities = (await (await fetch(`${server.url}/v1/entities`)).json()) as { id: string }[];
    expect(entities.map((e) => e.id)).toContain('anthropic');
    expect(((await (await fetch(`${server.url}/v1/entities/anthropic`)).json()) as { name: string }).name).toBe('Anthropic');
    const missing = await fetch(`${server.url}/v1/entities/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
  });

  it('refuses a wrong key and serves a key made with `keys add`', async () => {
    const key = await addKey(server.db, `test-${Date.now()}`);
    const ok = await fetch(`${server.url}/v1/beats`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    const stored = await server.db.query<{ hash: string }>('SELECT hash FROM api_keys');
    expect(stored.some((r) => r.hash.includes(key))).toBe(false);
    for (const auth of [`Bearer ${key}x`, 'Bearer short', 'Basic abc', `bearer${key}`]) {
      const res = await fetch(`${server.url}/v1/beats`, { headers: { authorization: auth } });
      expect(res.status, auth).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('answers every malformed query with a clear 400 (or 404/414) and stays up', async () => {
    const bad: [string, number][] = [
      ['/v1/context', 400],
      ['/v1/context?beat=', 400],
      ['/v1/context?beat=cooking', 400],
      ['/v1/context?beat=OPEN-SOURCE-AI', 400],
      [`/v1/context?beat=education&entities=${Array.from({ length: 11 }, (_, i) => `e${i}`).join(',')}`, 400],
      [`/v1/context?beat=education&entities=${'a'.repeat(81)}`, 400],
      [`/v1/context?beat=education&entities=${'a,'.repeat(500)}`, 400],
      [`/v1/context?beat=education&q=${'q'.repeat(201)}`, 400],
      ['/v1/context?beat=education&beat=healthcare', 400],
      ['/v1/context?beat=%E0%A4%A', 400],
      ['/v1/context?beat=education%00', 400],
      [`/v1/context?beat=education&q=${'x'.repeat(3000)}`, 414],
      ['/v1/stories?beat=nope', 400],
      ['/v1/stories?limit=abc', 400],
      ['/v1/stories?limit=0', 400],
      ['/v1/stories?limit=100000', 400],
      ['/v1/stories/UPPER', 400],
      ['/v1/stories/%00', 400],
      ['/v1/stories/no-such-story', 404],
      ['/v1/entities/UPPER', 400],
      [`/v1/entities/${'a'.repeat(81)}`, 400],
      ['/v1/entities/%2e%2e%2fetc', 400],
      ['/v1/entities/a%00b', 400],
      ['/v1/nothing', 404],
      ['/v2/context?beat=education', 404],
    ];
    for (const [path, status] of bad) {
      const res = await get(`${server.url}${path}`, { from: '127.0.0.3' });
      expect(res.status, path).toBe(status);
      const body = JSON.parse(res.body) as { error: string; message?: string };
      expect(body.error, path).toMatch(/^(bad-request|not-found)$/);
      if (status === 400) expect(body.message, path).toBeTruthy();
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('exposes Prometheus metrics: ingest per source and request latencies', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const stored = (source: string) => truth.posts.filter((p) => p.source === source).length;
    expect(stored('x')).toBeGreaterThan(0);
    expect(text).toContain(`undercurrent_ingest_posts_total{source="x",outcome="stored"} ${stored('x')}`);
    expect(text).toContain(`undercurrent_ingest_posts_total{source="youtube",outcome="stored"} ${stored('youtube')}`);
    expect(text).toMatch(/undercurrent_http_request_duration_seconds_count\{route="\/v1\/context",status="200"\} [1-9]/);
    expect(text).toContain('undercurrent_ingest_leader 1');
  });
});

describe('rate limit', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(testConfig({ ingest: 'off' }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a client looping 10,000 requests gets 429 with Retry-After; another client is still served', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const statuses = new Map<number, number>();
    let retryAfter: string | undefined;
    let next = 0;
    const worker = async () => {
      while (next < 10_000) {
        next++;
        const r = await get(`${server.url}/v1/beats`, { from: '127.0.0.1', agent });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 429) retryAfter ??= r.headers['retry-after'] as string;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    agent.destroy();
    expect(statuses.get(200)).toBe(120);
    expect(statuses.get(429)).toBe(10_000 - 120);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    const other = await get(`${server.url}/v1/beats`, { from: '127.0.0.2' });
    expect(other.status).toBe(200);
    const keyed = await get(`${server.url}/v1/beats`, { from: '127.0.0.1', headers: { authorization: `Bearer ${await addKey(server.db, 'loop-test')}` } });
    expect(keyed.status).toBe(200);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
  });

  it('with REQUIRE_API_KEY, a request without a key is refused', async () => {
    const strict = await startServer(testConfig({ ingest: 'off', requireKey: true }));
    try {
      const res = await fetch(`${strict.url}/v1/beats`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    } finally {
      await strict.close();
    }
  });
});
