// What a narrative costs in time and tokens: the grounding check and the extractive
// briefing (pure, run on every context), the size of a Claude request, and attach()
// end to end against the fake Messages API, uncached and cached.
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { Narrator } from '../utils/narrative/narrator';
import { extractiveNarrative } from '../utils/narrative/extractive';
import { checkGrounding } from '../utils/narrative/grounding';
import { SYSTEM_PROMPT, MAX_OUTPUT_TOKENS, samplePosts, userPrompt } from '../utils/narrative/prompt';
import { DiscourseContext, Secrets, Settings } from '../utils/schema';
import { Store } from '../utils/store';
import { startFakeAnthropic } from '../tests/fixtures/servers/anthropic';
import { CONTEXT, GOOD_DRAFT, narrativeFrom } from '../tests/unit/narrative/fixtures';
import { captureContexts } from '../scripts/eval-stories';
import type { BenchRow } from './types';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.floor(s.length / 2)] ?? 0) * 1000) / 1000;
}

async function time(runs: number, fn: () => unknown): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** A context with the fixture's posts repeated to 120 (the sample bound is 40). */
function bigContext(): DiscourseContext {
  const posts = Array.from({ length: 120 }, (_, i) => {
    const p = CONTEXT.posts[i % CONTEXT.posts.length]!;
    return i < CONTEXT.posts.length ? p : { ...p, id: `${p.id}#${i}`, engagement: { ...p.engagement, likes: p.engagement.likes + i } };
  });
  return DiscourseContext.parse({ ...CONTEXT, posts });
}

export default async function bench(): Promise<BenchRow[]> {
  const ctx = bigContext();
  const narrative = narrativeFrom(GOOD_DRAFT);
  const rows: BenchRow[] = [];

  rows.push({ name: 'narrative: grounding check (3 paragraphs, 120 posts)', value: await time(200, () => checkGrounding(narrative, ctx.posts, ctx.snapshot)), unit: 'ms', note: 'median of 200' });
  // Cold: new post objects every run, so nothing computed for a post is reused.
  const fresh = () => DiscourseContext.parse({ ...ctx, posts: ctx.posts.map((p, i) => ({ ...p, text: `${p.text} (${i})` })) });
  rows.push({
    name: 'narrative: grounding check, cold (3 paragraphs, 120 new posts)',
    value: await time(50, () => {
      const c = fresh();
      return checkGrounding(narrative, c.posts, c.snapshot);
    }),
    unit: 'ms',
    note: 'median of 50, includes parsing the context',
  });
  rows.push({ name: 'narrative: extractive briefing (120 posts)', value: await time(200, () => extractiveNarrative(ctx)), unit: 'ms', note: 'median of 200' });
  // The local pipeline's full sample: 200 posts of the replay capture's busiest beat, themes found by the detector.
  const beat = captureContexts().reduce((a, b) => (b.posts.length > a.posts.length || (b.posts.length === a.posts.length && b.snapshot.volume24h > a.snapshot.volume24h) ? b : a));
  rows.push({
    name: `narrative: extractive briefing (${beat.posts.length} posts, replay capture, ${beat.snapshot.beat})`,
    value: await time(100, () => extractiveNarrative(beat)),
    unit: 'ms',
    budget: '≤ 20',
    note: 'median of 100, Node',
  });

  const sample = samplePosts(ctx);
  const promptChars = SYSTEM_PROMPT.length + userPrompt(ctx, sample).length;
  rows.push({ name: 'narrative: posts sent to Claude', value: sample.length, unit: 'posts', budget: '≤ 40' });
  rows.push({ name: 'narrative: request input, estimated', value: Math.round(promptChars / 4), unit: 'tokens', note: `${promptChars} characters / 4; system prompt ${Math.round(SYSTEM_PROMPT.length / 4)} tokens, cacheable` });
  rows.push({ name: 'narrative: max output tokens', value: MAX_OUTPUT_TOKENS, unit: 'tokens' });

  const fake = await startFakeAnthropic({ apiKey: 'sk-ant-bench-0000000000' });
  const store = await Store.open({ name: `bench-narrative-${Date.now()}` });
  try {
    fake.setHandler(() => ({ kind: 'json', value: GOOD_DRAFT }));
    const settings = Settings.parse({ endpoints: { anthropic: fake.url }, anthropic: { dailyTokenBudget: 100_000_000 } });
    const secrets = Secrets.parse({ anthropicApiKey: 'sk-ant-bench-0000000000' });
    const narrator = new Narrator({ store, clock: Date.now, getSettings: async () => settings, getSecrets: async () => secrets });
    let n = 0;
    // A new topic each run, so every run is a real (fake-served) generation.
    const uncached = await time(20, () => narrator.attach(DiscourseContext.parse({ ...CONTEXT, snapshot: { ...CONTEXT.snapshot, topicKey: `bench|${n++}` } })));
    rows.push({ name: 'narrative: attach, generated via SDK + fake API (streamed)', value: uncached, unit: 'ms', note: 'median of 20; loopback, no model latency' });
    await narrator.attach(CONTEXT);
    rows.push({ name: 'narrative: attach, served from the narratives cache', value: await time(50, () => narrator.attach(CONTEXT)), unit: 'ms', note: 'median of 50; includes the grounding re-check' });
  } finally {
    store.close();
    await fake.close();
  }
  return rows;
}
