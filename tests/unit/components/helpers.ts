// Shared fixtures for the component tests: a realistic context (parsed with the real
// schema, so it is a value the background could send), variations of it, fake clients,
// and the axe matcher.
import { expect } from 'vitest';
import * as matchers from 'vitest-axe/matchers';
import { axe } from 'vitest-axe';
import { DiscourseContext, EntityCard, PageTopic, type SourceError } from '../../../utils/schema';
import type { MessageName, Replies, RequestOf, Result } from '../../../utils/messaging/protocol';
import type { Send } from '../../../components/client';

expect.extend(matchers);

declare module 'vitest' {
  interface Assertion {
    toHaveNoViolations(): void;
  }
}

/** Runs axe on a container; returns the violations with readable summaries. */
export async function axeViolations(el: Element): Promise<string[]> {
  const results = await axe(el, { rules: { region: { enabled: false }, 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const hour = 3_600_000;
export const NOW = Date.now();
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

export function makeContext(over: { stale?: boolean; upstream?: 'hosted' | 'live' | 'sample'; errors?: SourceError[]; narrative?: 'generated' | 'extractive' | 'sample' | null } = {}): DiscourseContext {
  const upstream = over.upstream ?? 'hosted';
  return DiscourseContext.parse({
    topic: { key: 'open-source-ai|deepseek|', beat: 'open-source-ai', entities: ['deepseek'], q: 'DeepSeek V3' },
    snapshot: {
      topicKey: 'open-source-ai|deepseek|',
      beat: 'open-source-ai',
      query: 'DeepSeek V3',
      generatedAt: iso(10 * 60_000),
      volume24h: 1240,
      volumePrev24h: 880,
      totalRecords: 5310,
      bySource: [
        { source: 'bluesky', count: 520, mood: { positive: 0.5, neutral: 0.3, negative: 0.2, score: 0.21, shift: 0.1, shiftLabel: 'more positive' } },
        { source: 'hackernews', count: 410, mood: { positive: 0.3, neutral: 0.4, negative: 0.3, score: 0.01, shift: null, shiftLabel: 'steady' } },
        { source: 'news', count: 310 },
      ],
      mood: { positive: 0.42, neutral: 0.38, negative: 0.2, score: 0.18, shift: 0.12, shiftLabel: 'more positive' },
      keyVoices: [
        { postId: 'bluesky:abc', author: 'Noor Lindqvist', handle: 'noorlindqvist.bsky.social', platform: 'bluesky', quote: 'DeepSeek V3 is the strongest open-weights release this year.', url: 'https://bsky.app/profile/noorlindqvist.bsky.social/post/abc', engagement: 860 },
        { postId: 'hackernews:42', author: 'sinaw', platform: 'hackernews', quote: 'The licence matters more than the benchmark here.', url: 'https://news.ycombinator.com/item?id=42', engagement: 312 },
      ],
      timeline: Array.from({ length: 168 }, (_, i) => ({ hour: iso((168 - i) * hour), count: 20 + ((i * 7) % 30), score: 0.1 })),
    },
    posts: [
      { id: 'bluesky:abc', source: 'bluesky', author: { name: 'Noor Lindqvist', handle: 'noorlindqvist.bsky.social' }, text: 'DeepSeek V3 is the strongest open-weights release this year.', url: 'https://bsky.app/profile/noorlindqvist.bsky.social/post/abc', createdAt: iso(2 * hour), engagement: { likes: 800, reposts: 50, replies: 10 } },
      { id: 'hackernews:42', source: 'hackernews', author: { name: 'sinaw' }, text: 'The licence matters more than the benchmark here.', url: 'https://news.ycombinator.com/item?id=42', createdAt: iso(3 * hour), engagement: { likes: 300, reposts: 0, replies: 12 } },
    ],
    narrative:
      over.narrative === null
        ? null
        : {
            beat: 'open-source-ai',
            headline: 'Open weights close the gap',
            dek: 'DeepSeek V3 has researchers comparing licences, not just scores.',
            paragraphs: [
              { text: 'Researchers called it the strongest open release of the year.', citations: ['bluesky:abc'] },
              { text: 'On Hacker News the licence drew more attention than the benchmarks.', citations: ['hackernews:42', 'bluesky:abc'] },
            ],
            model: over.narrative === 'extractive' ? 'extractive' : 'claude-sonnet-4-5',
            kind: over.narrative ?? (upstream === 'sample' ? 'sample' : 'generated'),
            generatedAt: iso(20 * 60_000),
            postCount: 2,
            disclosure: 'AI-generated summary of public posts; every paragraph cites its sources.',
          },
    stories: [
      { id: 's1', title: 'DeepSeek releases V3 under a permissive licence', url: 'https://news.example.com/deepseek-v3', outlet: 'Example News', category: 'Industry', beat: 'open-source-ai', importance: 4, publishedAt: iso(5 * hour) },
    ],
    freshness: {
      fetchedAt: iso(over.stale ? 5 * hour : 4 * 60_000),
      stale: over.stale ?? false,
      origin: over.stale ? 'cache' : upstream === 'sample' ? 'sample' : upstream,
      upstream,
      sampleDate: upstream === 'sample' ? '2026-10-15' : undefined,
      errors: over.errors ?? [],
    },
  });
}

export function makeTopic(): PageTopic {
  return PageTopic.parse({
    url: 'https://news.example.com/deepseek-v3',
    kind: 'article',
    site: 'news.example.com',
    title: 'DeepSeek releases V3 under a permissive licence',
    beat: { id: 'open-source-ai', score: 0.61 },
    entities: [{ id: 'deepseek', name: 'DeepSeek', kind: 'org', count: 4, known: true, ranges: [] }],
    query: 'DeepSeek V3',
  });
}

export function makeCard(): EntityCard {
  return EntityCard.parse({
    entity: { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', known: true },
    beat: 'open-source-ai',
    volume24h: 640,
    mood: { positive: 0.5, neutral: 0.3, negative: 0.2, score: 0.25, shift: -0.2, shiftLabel: 'more negative' },
    topVoice: { postId: 'bluesky:abc', author: 'Noor Lindqvist', platform: 'bluesky', quote: 'DeepSeek V3 is the strongest open-weights release this year.', url: 'https://bsky.app/profile/noorlindqvist.bsky.social/post/abc', engagement: 860 },
    stats: { repoId: 'deepseek-ai/DeepSeek-V3', downloads: 1_250_000, likes: 3900, license: 'mit', openWeights: true, openSource: true, lastModified: iso(30 * 24 * hour) },
    freshness: { fetchedAt: iso(60_000), stale: false, origin: 'hosted', upstream: 'hosted' },
    errors: [],
  });
}

type Handler<N extends MessageName> = (data: RequestOf<N>) => Result<Replies[N]> | Promise<Result<Replies[N]>>;

/** A fake `send` answering from a table; records every call. Unlisted messages answer "unknown-message". */
export function fakeSend(handlers: { [N in MessageName]?: Handler<N> }): Send & { calls: { name: MessageName; data: unknown }[] } {
  const calls: { name: MessageName; data: unknown }[] = [];
  const send = (async (name: MessageName, data: unknown) => {
    calls.push({ name, data });
    const h = handlers[name] as Handler<MessageName> | undefined;
    if (!h) return { ok: false, error: { code: 'unknown-message', message: `no fake for ${name}` } };
    return h(data as never);
  }) as Send & { calls: typeof calls };
  send.calls = calls;
  return send;
}

export const ok = <T,>(value: T) => ({ ok: true as const, value });
