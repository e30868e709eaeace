// What a beat story costs: the committed capture replayed into PGlite, then the story
// writer run for every beat through the real SDK against the fake Messages API (which
// counts tokens as the real one bills them — input, output, cache writes and reads — at
// 4 characters a token), priced with utils/narrative/pricing.ts. Also the time a story
// takes to write (extractive and generated), and the day's cost at the default schedule.
import { performance } from 'node:perf_hooks';
import { BEAT_IDS } from '../utils/schema';
import { estimateUsd, type TokenUsage } from '../utils/narrative/pricing';
import { startServer } from '../server/server';
import { StoryWriter, type ClaudeConfig } from '../server/stories/writer';
import { configFromEnv } from '../server/server';
import { startFakeAnthropic } from '../tests/fixtures/servers/anthropic';
import { groundedDraft, inventedQuoteDraft, sentPosts, toolReply } from '../tests/fixtures/story-drafts';
import { CAPTURE_END, CAPTURE_FILE } from '../scripts/capture';
import type { BenchRow } from './types';

const KEY = 'sk-ant-bench-stories-000000000000';
const MODEL = 'claude-sonnet-5-5';
/** Scheduled rounds a day at the default interval (3 h). */
const ROUNDS_PER_DAY = 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const sum = (u: TokenUsage) => u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
const usd = (x: number) => Math.round(x * 10_000) / 10_000;

export default async function bench(): Promise<BenchRow[]> {
  const now = CAPTURE_END + 30 * 60_000;
  const env = configFromEnv({});
  const server = await startServer({ ...env, stories: { ...env.stories, enabled: false }, port: 0, dataDir: 'memory://', ingest: 'replay', replayFile: CAPTURE_FILE, replayKeepTimes: true, clock: () => now, log: () => {} });
  const fake = await startFakeAnthropic({ apiKey: KEY, minCacheTokens: 1024 });
  const rows: BenchRow[] = [];
  try {
    await server.replayed;
    const writer = (claude: Partial<ClaudeConfig>) =>
      new StoryWriter({ db: server.db, metrics: server.metrics, clock: () => now, server: { name: 'bench', replay: true }, publicUrl: () => server.url, claude: { baseURL: fake.url, model: MODEL, dailyTokenBudget: 1e9, ...claude } });

    // Extractive (no key): every beat once.
    const extractiveMs: number[] = [];
    const plain = writer({});
    for (const beat of BEAT_IDS) {
      const t = performance.now();
      await plain.write(beat, 'schedule');
      extractiveMs.push(performance.now() - t);
    }
    rows.push({ name: 'stories: extractive story, evidence read + write (PGlite)', value: Math.round(median(extractiveMs)), unit: 'ms', note: `median of 15 beats, ${Math.round(Math.min(...extractiveMs))}–${Math.round(Math.max(...extractiveMs))}` });

    // Generated, first attempt passes: every beat once (a new fingerprint: the model is part of it).
    fake.setHandler((req) => toolReply(groundedDraft(sentPosts(req))));
    const claude = writer({ apiKey: KEY });
    const per: { usage: TokenUsage; usd: number; posts: number; ms: number }[] = [];
    for (const beat of BEAT_IDS) {
      const t = performance.now();
      const r = await claude.write(beat, 'schedule');
      if (r.outcome !== 'written' || r.story.narrative.kind !== 'generated') throw new Error(`${beat}: no generated story (${r.outcome})`);
      per.push({ usage: r.usage, usd: r.usd ?? 0, posts: r.story.posts.length, ms: performance.now() - t });
    }
    const tokens = per.map((p) => sum(p.usage));
    const costs = per.map((p) => p.usd);
    const first = per[0]!.usage;
    const later = per.slice(1);
    rows.push({ name: 'stories: evidence posts per story', value: median(per.map((p) => p.posts)), unit: 'posts', budget: '≤ 40' });
    rows.push({ name: 'stories: generated story, write time via SDK + fake API', value: Math.round(median(per.map((p) => p.ms))), unit: 'ms', note: 'median of 15; loopback, no model latency' });
    rows.push({ name: 'stories: tokens per story (one attempt)', value: median(tokens), unit: 'tokens', note: `${Math.min(...tokens)}–${Math.max(...tokens)} over 15 beats` });
    rows.push({ name: 'stories:   of which input (uncached)', value: median(later.map((p) => p.usage.inputTokens)), unit: 'tokens' });
    rows.push({ name: 'stories:   of which cache write (evidence block)', value: median(later.map((p) => p.usage.cacheWriteTokens)), unit: 'tokens', note: `first story of a round also writes the system prompt and tool: ${first.cacheWriteTokens}` });
    rows.push({ name: 'stories:   of which cache read (system prompt + tool)', value: median(later.map((p) => p.usage.cacheReadTokens)), unit: 'tokens' });
    rows.push({ name: 'stories:   of which output', value: median(later.map((p) => p.usage.outputTokens)), unit: 'tokens' });
    rows.push({ name: `stories: dollars per story (${MODEL})`, value: usd(median(costs)), unit: 'USD', note: `${usd(Math.min(...costs))}–${usd(Math.max(...costs))}` });
    const haiku = median(per.map((p) => estimateUsd('claude-haiku-5-5', p.usage) ?? 0));
    rows.push({ name: 'stories: dollars per story (claude-haiku-5-5)', value: usd(haiku), unit: 'USD' });

    // A draft refused once, fixed on the retry: two requests, the second reading the cached
    // evidence. A fresh fake API, so nothing of this beat's prompt is cached beforehand.
    const cold = await startFakeAnthropic({ apiKey: KEY, minCacheTokens: 1024 });
    try {
      let n = 0;
      cold.setHandler((req) => toolReply(n++ % 2 === 0 ? inventedQuoteDraft(sentPosts(req)) : groundedDraft(sentPosts(req))));
      const retried = await new StoryWriter({
        db: server.db,
        metrics: server.metrics,
        clock: () => now,
        server: { name: 'bench', replay: true },
        publicUrl: () => server.url,
        claude: { apiKey: KEY, baseURL: cold.url, model: 'claude-sonnet-5-5-20261001', dailyTokenBudget: 1e9 },
      }).write('education', 'schedule');
      if (retried.outcome === 'written' && retried.story.narrative.kind === 'generated') {
        const u = retried.usage;
        rows.push({ name: 'stories: tokens per story needing the retry (cold cache)', value: sum(u), unit: 'tokens', note: `input ${u.inputTokens}, cache write ${u.cacheWriteTokens}, cache read ${u.cacheReadTokens}, output ${u.outputTokens}` });
        rows.push({ name: `stories: dollars per story needing the retry (${MODEL})`, value: usd(retried.usd ?? 0), unit: 'USD', note: `without caching the evidence: ${usd(estimateUsd(MODEL, { inputTokens: u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens, outputTokens: u.outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 }) ?? 0)}` });
      }
    } finally {
      await cold.close();
    }

    const perDayTokens = median(tokens) * BEAT_IDS.length * ROUNDS_PER_DAY;
    rows.push({ name: 'stories: tokens per day, every beat rewritten every 3 h', value: perDayTokens, unit: 'tokens', note: `${BEAT_IDS.length} beats × ${ROUNDS_PER_DAY} rounds, none skipped as unchanged; default budget ${env.stories.claude.dailyTokenBudget.toLocaleString('en-US')}` });
    rows.push({ name: `stories: dollars per day, same (${MODEL})`, value: usd(median(costs) * BEAT_IDS.length * ROUNDS_PER_DAY), unit: 'USD' });
  } finally {
    await fake.close();
    await server.close();
  }
  return rows;
}
