// The story writer on both engines, fed by a replay of the committed capture, with the
// real @anthropic-ai/sdk pointed at a fake Messages API on 127.0.0.1 that answers with
// tool_use blocks and usage (cache tokens included): a story is written, checked,
// stored and served by /v1/stories and /v1/stories/{id}; a draft that fails the check
// twice becomes the extractive story with `rejected`; a spent budget gives extractive
// stories that say so; unchanged evidence is not paid for twice; the schedule and the
// spike trigger run on a fake clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEATS, Story, StorySummary, type BeatId } from '../../utils/schema';
import { checkGrounding } from '../../utils/narrative/grounding';
import { startServer, type RunningServer } from '../../server/server';
import { COOLDOWN_MS, StoryWriter, type ClaudeConfig } from '../../server/stories/writer';
import { StoryScheduler } from '../../server/stories/scheduler';
import { STORY_TOOL } from '../../server/stories/prompt';
import { API_ERRORS, startFakeAnthropic, type FakeAnthropic } from '../fixtures/servers/anthropic';
import { groundedDraft, inventedQuoteDraft, sentPosts, toolReply } from '../fixtures/story-drafts';
import { testConfig, NOW } from './config';
import { ENGINES, type Engine } from './engines';

const KEY = 'sk-ant-test-story-writer-key-0123456789';
const MODEL = 'claude-sonnet-5-5';
const HOUR = 3_600_000;


describe.each(ENGINES.map((e) => [e().name, e] as const))('story writer on %s', (_name, makeEngine) => {
  let engine: Engine;
  let server: RunningServer;
  let fake: FakeAnthropic;
  let now = NOW;
  const claude = (over: Partial<ClaudeConfig> = {}): ClaudeConfig => ({ apiKey: KEY, baseURL: fake.url, model: MODEL, dailyTokenBudget: 10_000_000, ...over });
  const writer = (over: Partial<ClaudeConfig> = {}) =>
    new StoryWriter({ db: server.db, metrics: server.metrics, clock: () => now, server: { name: 'Undercurrent server', replay: true }, publicUrl: () => server.url, claude: claude(over) });
  const getJson = async <T,>(path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    return { status: res.status, etag: res.headers.get('etag'), body: res.status === 200 ? ((await res.json()) as T) : undefined };
  };

  beforeAll(async () => {
    engine = makeEngine();
    const { db, databaseUrl } = await engine.fresh();
    await db.close();
    fake = await startFakeAnthropic({ apiKey: KEY, minCacheTokens: 1024 });
    server = await startServer(testConfig(databaseUrl ? { databaseUrl } : {}));
    await server.replayed;
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
    await engine?.stop();
  });

  it('writes a story with Claude, checks it, stores it, and serves it by /v1/stories and /v1/stories/{id}', async () => {
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    const before = fake.messageRequests().length;
    const result = await writer().write('research-models', 'schedule');
    expect(result.outcome).toBe('written');
    if (result.outcome !== 'written') return;
    const { story } = result;
    expect(fake.messageRequests().length - before).toBe(1);
    expect(story.narrative.kind).toBe('generated');
    expect(story.narrative.model).toBe(MODEL);
    expect(story.narrative.rejected).toBeUndefined();
    expect(story.narrative.paragraphs.length).toBeGreaterThanOrEqual(4);
    expect(checkGrounding(story.narrative, story.posts, story.snapshot)).toEqual([]);
    expect(story.category).toBe('Technical');
    expect(story.posts.length).toBeGreaterThan(10);
    expect(story.posts.length).toBeLessThanOrEqual(40);
    // Key voices are the model's picks, with quotes taken from the posts by code.
    expect(story.snapshot.keyVoices).toHaveLength(3);
    for (const v of story.snapshot.keyVoices) expect(story.posts.find((p) => p.id === v.postId)?.text).toContain(v.quote);
    // Importance from the data, moved one step by the model with its reason.
    expect(story.importanceReason).toContain('moved up one step by the writer: the posts come from every platform at once');
    expect(story.url).toBe(`${server.url}/stories/${story.id}`);

    // What was sent: the forced tool, the cacheable system prompt and evidence, posts wrapped as untrusted data.
    const req = fake.messageRequests().at(-1)!;
    expect(req.body.tool_choice).toEqual({ type: 'tool', name: STORY_TOOL });
    expect(req.body.tools[0].name).toBe(STORY_TOOL);
    expect(req.body.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(req.body.messages[0].content[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(req.body.messages[0].content[0].text).toMatch(/<untrusted_posts>[\s\S]*<\/untrusted_posts>/);
    expect(sentPosts(req).length).toBe(story.posts.length);
    expect(result.usage.cacheWriteTokens).toBeGreaterThan(1024);
    expect(result.usd).toBeGreaterThan(0);

    const list = await getJson<unknown[]>('/v1/stories?beat=research-models');
    expect(list.status).toBe(200);
    const summaries = list.body!.map((s) => StorySummary.parse(s));
    expect(summaries[0]).toEqual({
      id: story.id,
      title: story.narrative.headline,
      url: story.url,
      category: 'Technical',
      beat: 'research-models',
      importance: story.importance,
      publishedAt: story.publishedAt,
      dek: story.narrative.dek,
      kind: 'generated',
    });
    const all = await getJson<unknown[]>('/v1/stories');
    expect(all.body!.map((s) => StorySummary.parse(s).id)).toContain(story.id);

    const one = await getJson<unknown>(`/v1/stories/${story.id}`);
    expect(one.status).toBe(200);
    expect(Story.parse(one.body)).toEqual(story);
    expect((await getJson(`/v1/stories/${story.id}`, { 'if-none-match': one.etag! })).status).toBe(304);
    expect((await getJson('/v1/stories/research-models-19990101t0000-abcdef')).status).toBe(404);
    expect((await getJson('/v1/stories/..%2Fetc')).status).toBe(400);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/undercurrent_stories_written_total\{kind="generated",fallback="none"\} 1\b/);
    expect(metrics).toMatch(/undercurrent_story_cost_usd_count 1\b/);
    expect(metrics).toMatch(/undercurrent_story_tokens_total\{type="cache_write"\} [1-9]/);
    expect(metrics).toMatch(/undercurrent_story_tokens_today [1-9]/);
  });

  it('does not call the model again while the evidence is unchanged', async () => {
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    const w = writer();
    const first = await w.write('agents-automation', 'schedule');
    expect(first.outcome).toBe('written');
    const calls = fake.messageRequests().length;
    now += 5 * 60_000; // minutes later, nothing new in the beat
    try {
      const second = await w.write('agents-automation', 'schedule');
      expect(second).toEqual({ outcome: 'unchanged', storyId: first.outcome === 'written' ? first.story.id : '' });
      expect(fake.messageRequests().length).toBe(calls);
    } finally {
      now = NOW;
    }
  });

  it('retries once with the failures named, then stores the extractive story with `rejected`', async () => {
    fake.setHandler((req) => toolReply(inventedQuoteDraft(sentPosts(req))));
    const before = fake.messageRequests().length;
    const result = await writer().write('security-privacy', 'schedule');
    expect(result.outcome).toBe('written');
    if (result.outcome !== 'written') return;
    const reqs = fake.messageRequests().slice(before);
    expect(reqs).toHaveLength(2);
    // The retry carries the first answer and its problems as the tool's error result.
    const retry = reqs[1]!.body.messages;
    expect(retry[1].content[0]).toMatchObject({ type: 'tool_use', name: STORY_TOOL });
    expect(retry[2].content[0]).toMatchObject({ type: 'tool_result', is_error: true });
    expect(retry[2].content[0].content).toContain('[quote-mismatch]');
    expect(retry[2].content[0].content).toContain("a reckless gamble with everyone's data");
    // The evidence block was cached by the first request and read by the retry.
    expect(result.usage.cacheReadTokens).toBeGreaterThan(1024);

    const { story } = result;
    expect(result.fallback).toBe('rejected');
    expect(story.narrative.kind).toBe('extractive');
    expect(story.narrative.rejected?.map((p) => p.check)).toContain('quote-mismatch');
    expect(story.narrative.rejected?.some((p) => p.detail.startsWith('attempt 2:'))).toBe(true);
    expect(story.narrative.disclosure).toMatch(/failed the grounding check twice/);
    // The refused words are kept only in the record of why; nothing a reader sees carries them.
    const { headline, dek, paragraphs } = story.narrative;
    expect(JSON.stringify({ headline, dek, paragraphs })).not.toContain('reckless gamble');
    const served = Story.parse((await getJson(`/v1/stories/${story.id}`)).body);
    expect(served.narrative.rejected).toEqual(story.narrative.rejected);
    expect(StorySummary.parse((await getJson<unknown[]>('/v1/stories?beat=security-privacy')).body![0]).kind).toBe('extractive');
  });

  it('stores a story the retry fixed', async () => {
    let n = 0;
    fake.setHandler((req) => toolReply(n++ === 0 ? inventedQuoteDraft(sentPosts(req)) : groundedDraft(sentPosts(req))));
    const result = await writer().write('education', 'schedule');
    expect(result.outcome === 'written' && result.story.narrative.kind).toBe('generated');
    expect(n).toBe(2);
  });

  it('writes extractive stories that say so once the daily budget is spent, and calls no model', async () => {
    fake.setHandler(() => {
      throw new Error('no request may be sent over budget');
    });
    const before = fake.messageRequests().length;
    const w = writer({ dailyTokenBudget: 2_000 });
    for (const beat of ['healthcare', 'creative-work'] as BeatId[]) {
      const result = await w.write(beat, 'schedule');
      expect(result.outcome).toBe('written');
      if (result.outcome !== 'written') return;
      expect(result.fallback).toBe('budget');
      expect(result.story.narrative.kind).toBe('extractive');
      expect(result.story.narrative.disclosure).toMatch(/^The server's daily Claude budget is spent/);
      expect(result.story.narrative.paragraphs.length).toBeGreaterThan(0);
    }
    expect(fake.messageRequests().length).toBe(before);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/undercurrent_stories_written_total\{kind="extractive",fallback="budget"\} 2\b/);

    // With budget again, the same evidence is written by Claude: a stand-in for a spent budget is not "unchanged".
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    const again = await writer().write('healthcare', 'schedule');
    expect(again.outcome === 'written' && again.story.narrative.kind).toBe('generated');
    expect(fake.messageRequests().length).toBe(before + 1);
  });

  it('writes extractive stories without a key', async () => {
    const result = await writer({ apiKey: '' }).write('consciousness', 'schedule');
    expect(result.outcome === 'written' && result.fallback).toBe('no-key');
    if (result.outcome !== 'written') return;
    expect(result.story.narrative.model).toBe('extractive');
    expect(result.story.narrative.disclosure).not.toMatch(/budget/);
  });

  it('runs on a schedule and on a spike (fake clock)', async () => {
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    const beats: BeatId[] = ['bias-fairness', 'social-media'];
    const scheduler = new StoryScheduler({ writer: writer({ apiKey: '' }), db: server.db, clock: () => now, intervalMs: 3 * HOUR, checkMs: 60_000, beats });
    try {
      const first = await scheduler.tick();
      expect(first.map((e) => [e.beat, e.trigger, e.result.outcome])).toEqual([
        ['bias-fairness', 'start', 'written'],
        ['social-media', 'start', 'written'],
      ]);
      now += HOUR;
      expect(await scheduler.tick()).toEqual([]);

      // A burst in one beat this hour: 60 new posts against a few an hour.
      const template = (await server.db.query<{ post: unknown }>("SELECT post FROM posts WHERE beat = 'social-media' ORDER BY created_at DESC LIMIT 1"))[0]!.post;
      const base = (typeof template === 'string' ? JSON.parse(template) : template) as { id: string; text: string; url: string };
      const burst = Array.from({ length: 60 }, (_, i) => ({
        ...base,
        id: `${base.id}-burst-${i}`,
        url: `${base.url}-burst-${i}`,
        text: `${base.text} (burst report number ${i + 1} with details ${'abcdefghijklmnopqrstuvwxyz'.slice(i % 20, (i % 20) + 6)}${i})`,
        createdAt: new Date(NOW - 10 * 60_000).toISOString(),
      }));
      const stored = await server.ingestor.ingest('bluesky', burst as never);
      expect(stored.stored).toBeGreaterThan(40);
      const spiked = await scheduler.tick();
      expect(spiked.map((e) => [e.beat, e.trigger])).toEqual([['social-media', 'spike']]);
      expect(spiked[0]!.reason).toMatch(/volume spike/);
      // One story per spike.
      now += 10 * 60_000;
      expect(await scheduler.tick()).toEqual([]);

      now = NOW + 3 * HOUR + 60_000;
      const later = await scheduler.tick();
      expect(later.map((e) => [e.beat, e.trigger])).toEqual([['bias-fairness', 'schedule']]);
    } finally {
      now = NOW;
      await scheduler.stop();
    }
  });

  it('keeps a story Claude wrote through an outage, waits before asking again, and covers a beat without one', async () => {
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    const good = await writer().write('hardware-compute', 'schedule');
    expect(good.outcome === 'written' && good.story.narrative.kind).toBe('generated');
    if (good.outcome !== 'written') return;
    // Another model is other evidence (the fingerprint names the writer): a real rewrite, which meets an overloaded API.
    fake.setHandler(() => API_ERRORS.overloaded);
    const w = writer({ model: 'claude-opus-5-5' });
    const before = fake.messageRequests().length;
    const failed = await w.write('hardware-compute', 'schedule');
    expect(failed).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/overloaded/) });
    // The SDK's one retry, then nothing more during the cooldown.
    const sent = fake.messageRequests().length - before;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(StorySummary.parse((await getJson<unknown[]>('/v1/stories?beat=hardware-compute')).body![0]).id).toBe(good.story.id);
    const other = await w.write('industry-business', 'schedule');
    expect(other.outcome === 'written' && other.fallback).toBe('error');
    if (other.outcome !== 'written') return;
    expect(other.story.narrative.disclosure).toMatch(/^Claude could not be reached/);
    expect(fake.messageRequests().length - before).toBe(sent);
    // The next round, still cooling down: the stand-in is not written again.
    now += 60_000;
    expect(await w.write('industry-business', 'schedule')).toEqual({ outcome: 'unchanged', storyId: other.story.id });
    now = NOW;
    // Past the cooldown, Claude is asked again.
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    now += COOLDOWN_MS + 1000;
    try {
      const back = await w.write('hardware-compute', 'schedule');
      expect(back.outcome === 'written' && back.story.narrative.kind).toBe('generated');
    } finally {
      now = NOW;
    }
  });

  it('ignores an importance adjustment whose reason carries a link', async () => {
    fake.setHandler((req) => toolReply({ ...groundedDraft(sentPosts(req)), importanceAdjustment: 1, importanceReason: 'read more at https://evil.example/now' }));
    const result = await writer().write('labor-economy', 'schedule');
    expect(result.outcome === 'written' && result.story.narrative.kind).toBe('generated');
    if (result.outcome !== 'written') return;
    expect(result.story.importanceReason).not.toMatch(/evil|moved/);
  });

  it('drops stories past the retention, keeping each beat\'s latest', async () => {
    const count = async () => (await server.db.query<{ n: number; beats: number }>('SELECT count(*)::int AS n, count(DISTINCT beat)::int AS beats FROM stories'))[0]!;
    const before = await count();
    expect(before.n).toBeGreaterThan(before.beats); // healthcare has two by now
    const w = writer();
    expect(await w.stories.applyRetention(NOW + 10 * 24 * HOUR, 30)).toBe(0);
    expect(await w.stories.applyRetention(NOW + 40 * 24 * HOUR, 30)).toBe(before.n - before.beats);
    expect(await count()).toEqual({ n: before.beats, beats: before.beats });
  });

  it('keeps every beat\'s story page address under the public URL', async () => {
    const result = await new StoryWriter({
      db: server.db,
      metrics: server.metrics,
      clock: () => now,
      server: { name: 'x', replay: true },
      publicUrl: () => 'https://stories.example.org/',
      claude: claude({ apiKey: '' }),
    }).write('policy-regulation', 'schedule');
    expect(result.outcome === 'written' && result.story.url).toMatch(/^https:\/\/stories\.example\.org\/stories\/policy-regulation-[a-z0-9-]+$/);
    expect(BEATS.some((b) => b.id === 'policy-regulation')).toBe(true);
  });
});
