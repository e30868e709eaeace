// Prometheus metrics (prom-client), one registry per server instance so tests can run
// several side by side: ingest rate per source, lag behind the stream, queue depth,
// request latencies; the story writer's output and what it costs.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly ingested = new Counter({
    name: 'undercurrent_ingest_posts_total',
    help: 'Posts seen by ingest, by source and outcome (stored, duplicate, off-topic, malformed)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly lag = new Gauge({
    name: 'undercurrent_ingest_lag_seconds',
    help: 'How far behind its upstream each source is (now minus the newest event time seen)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly queue = new Gauge({ name: 'undercurrent_ingest_queue_depth', help: 'Posts waiting to be stored', registers: [this.registry] });
  readonly leader = new Gauge({ name: 'undercurrent_ingest_leader', help: '1 when this process holds the ingest lock', registers: [this.registry] });
  readonly requests = new Histogram({
    name: 'undercurrent_http_request_duration_seconds',
    help: 'API request latency by route and status',
    labelNames: ['route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly sourceState = new Gauge({
    name: 'undercurrent_source_configured',
    help: '1 when a source runs, 0 when it is not configured (missing credentials)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly stories = new Counter({
    name: 'undercurrent_stories_written_total',
    help: 'Beat stories stored, by kind (generated, extractive) and, for extractive ones, why (no-key, budget, rejected, error, none)',
    labelNames: ['kind', 'fallback'] as const,
    registers: [this.registry],
  });
  readonly storiesSkipped = new Counter({
    name: 'undercurrent_stories_skipped_total',
    help: 'Story writes skipped: unchanged evidence fingerprint, or no posts in the last 24 h',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly storyTokens = new Counter({
    name: 'undercurrent_story_tokens_total',
    help: 'Claude tokens used by the story writer, by type (input, output, cache_read, cache_write)',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly storyUsd = new Counter({ name: 'undercurrent_story_cost_usd_total', help: 'Estimated dollars spent on stories (public price list)', registers: [this.registry] });
  readonly storyCost = new Histogram({
    name: 'undercurrent_story_cost_usd',
    help: 'Estimated dollars per story written with Claude (both attempts when it took two)',
    buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
    registers: [this.registry],
  });
  readonly storyTokensPerStory = new Histogram({
    name: 'undercurrent_story_tokens',
    help: 'Claude tokens per story written with Claude',
    buckets: [2000, 5000, 10000, 20000, 40000, 80000],
    registers: [this.registry],
  });
  readonly storyTokensToday = new Gauge({ name: 'undercurrent_story_tokens_today', help: 'Tokens the story writer used today (UTC), counted against its daily budget', registers: [this.registry] });
  readonly storyUsdToday = new Gauge({ name: 'undercurrent_story_cost_usd_today', help: 'Estimated dollars the story writer spent today (UTC)', registers: [this.registry] });
  readonly storyBudget = new Gauge({ name: 'undercurrent_story_token_budget', help: 'The story writer\'s daily token budget', registers: [this.registry] });
}
