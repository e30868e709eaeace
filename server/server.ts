// Builds a whole server from its configuration: database, API, and (when this process
// wins the ingest lock) the live sources or a replay. Used by `npm run server`, the
// tests, the demo and the benchmarks alike.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { bundledDetectorData } from '../utils/detect/data';
import { HttpClient, RateLimiter } from '../utils/discourse/http';
import { createApi } from './api/app';
import { openDb, type Db } from './db';
import { Ingestor } from './ingest/ingestor';
import { LeaderElection } from './ingest/leader';
import { replay, readCapture, type ReplayResult } from './ingest/replay';
import { IngestRunner } from './ingest/runner';
import { JetstreamIngest } from './ingest/sources/jetstream';
import { BlueskyAppViewPoller, GdeltPoller, HackerNewsPoller, MastodonPoller, XPoller, YouTubePoller, type Poller } from './ingest/sources/pollers';
import { Metrics } from './metrics';
import { PostStore } from './store';
import { StoryScheduler } from './stories/scheduler';
import { StoryWriter, type ClaudeConfig } from './stories/writer';

export interface ServerConfig {
  host: string;
  port: number;
  /** postgres://… ; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
  dataDir: string;
  /** `live`: the public sources; `replay`: a capture file; `off`: API only. */
  ingest: 'live' | 'replay' | 'off';
  replayFile?: string;
  /** Keep the capture's own times instead of moving its end to now. */
  replayKeepTimes?: boolean;
  retentionDays: number;
  requireKey: boolean;
  trustProxy: boolean;
  limits: { perKey: number; perIp: number };
  endpoints: { jetstream: string; appview: string; hackernews: string; gdelt: string; mastodon: string[]; x: string; youtube: string };
  credentials: { xBearerToken?: string; youtubeApiKey?: string };
  name: string;
  /** The story writer: on a schedule and on spikes, while this process is the ingest leader. */
  stories: {
    enabled: boolean;
    intervalMs: number;
    checkMs: number;
    claude: ClaudeConfig;
  };
  /** The address readers reach this server at (story pages); this process's own URL when absent. */
  publicUrl?: string;
  clock?: () => number;
  log?: (line: string) => void;
  leaderRetryMs?: number;
}

/** The configuration from the environment (README's "Server" section lists it). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    host: env.HOST ?? '127.0.0.1',
    port: num(env.PORT, 8787),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.UNDERCURRENT_DATA ?? '.undercurrent-data',
    ingest: env.INGEST === 'off' ? 'off' : 'live',
    retentionDays: num(env.RETENTION_DAYS, 30),
    requireKey: env.REQUIRE_API_KEY === '1',
    trustProxy: env.TRUST_PROXY === '1',
    limits: { perKey: num(env.RATE_LIMIT_PER_KEY, 600), perIp: num(env.RATE_LIMIT_PER_IP, 120) },
    endpoints: {
      jetstream: env.JETSTREAM_URL ?? 'wss://jetstream2.us-east.bsky.network',
      appview: env.BSKY_APPVIEW ?? 'https://public.api.bsky.app',
      hackernews: env.HN_ENDPOINT ?? 'https://hn.algolia.com',
      gdelt: env.GDELT_ENDPOINT ?? 'https://api.gdeltproject.org',
      mastodon: (env.MASTODON_INSTANCES ?? 'https://mastodon.social,https://fosstodon.org,https://sigmoid.social').split(',').map((s) => s.trim()).filter(Boolean),
      x: env.X_ENDPOINT ?? 'https://api.x.com',
      youtube: env.YOUTUBE_ENDPOINT ?? 'https://www.googleapis.com',
    },
    credentials: { ...(env.X_BEARER_TOKEN ? { xBearerToken: env.X_BEARER_TOKEN } : {}), ...(env.YOUTUBE_API_KEY ? { youtubeApiKey: env.YOUTUBE_API_KEY } : {}) },
    name: env.SERVER_NAME ?? 'Undercurrent server',
    stories: {
      enabled: env.STORIES !== 'off',
      intervalMs: num(env.STORY_INTERVAL_HOURS, 3) * 3_600_000,
      checkMs: num(env.STORY_CHECK_MINUTES, 5) * 60_000,
      claude: {
        ...(env.ANTHROPIC_API_KEY ? { apiKey: env.ANTHROPIC_API_KEY } : {}),
        baseURL: env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
        model: env.STORY_MODEL ?? 'claude-sonnet-5-5',
        dailyTokenBudget: num(env.STORY_DAILY_TOKENS, 1_500_000),
      },
    },
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    ...(env.LEADER_RETRY_MS && Number(env.LEADER_RETRY_MS) > 0 ? { leaderRetryMs: Number(env.LEADER_RETRY_MS) } : {}),
  };
}

export interface RunningServer {
  url: string;
  db: Db;
  metrics: Metrics;
  ingestor: Ingestor;
  store: PostStore;
  leader: LeaderElection;
  runner: IngestRunner | undefined;
  /** Resolves with the replay's result once a replay finished (replay mode only). */
  replayed: Promise<ReplayResult | undefined>;
  /** The story writer and its schedule (undefined with STORIES=off). */
  stories: { writer: StoryWriter; scheduler: StoryScheduler } | undefined;
  /** Resolves once this process, as leader, finished its first round of stories (never, while it is not the leader). */
  storiesWritten: Promise<void>;
  close(): Promise<void>;
}

export async function startServer(cfg: ServerConfig): Promise<RunningServer> {
  const clock = cfg.clock ?? Date.now;
  const log = cfg.log ?? ((line: string) => console.log(`[server] ${line}`));
  const db = await openDb({ ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}), dataDir: cfg.dataDir });
  const metrics = new Metrics();
  const store = new PostStore(db);
  const ingestor = new Ingestor({ store, detector: bundledDetectorData, metrics, clock });

  let runner: IngestRunner | undefined;
  let replayDone: (r: ReplayResult | undefined) => void = () => {};
  const replayed = new Promise<ReplayResult | undefined>((r) => (replayDone = r));
  let replayResult: ReplayResult | undefined;
  if (cfg.ingest === 'live') {
    const http = new HttpClient({
      fetch,
      clock,
      limiter: new RateLimiter({
        clock,
        hostLimits: { [new URL(cfg.endpoints.gdelt).host]: { capacity: 1, perSecond: 1 / 5 } },
        hourlyBudget: { hackernews: 5000, x: 60, youtube: 200, bluesky: 2000 },
        maxWaitMs: 60_000,
      }),
      maxInlineRetryAfterMs: 0,
    });
    const deps = { http, store, clock };
    const pollers: Poller[] = [
      new HackerNewsPoller(deps, cfg.endpoints.hackernews),
      new GdeltPoller(deps, cfg.endpoints.gdelt),
      new MastodonPoller(deps, cfg.endpoints.mastodon),
      new XPoller(deps, cfg.endpoints.x, cfg.credentials.xBearerToken),
      new YouTubePoller(deps, cfg.endpoints.youtube, cfg.credentials.youtubeApiKey),
      new BlueskyAppViewPoller({ ...deps, db }, cfg.endpoints.appview),
    ];
    const jetstream = new JetstreamIngest({ url: cfg.endpoints.jetstream, ingestor, store, metrics, clock, log });
    runner = new IngestRunner({ ingestor, store, metrics, clock, jetstream, pollers, retentionDays: cfg.retentionDays, log });
  }
  let url = '';
  const stories = cfg.stories.enabled
    ? (() => {
        const writer = new StoryWriter({
          db,
          metrics,
          clock,
          server: { name: cfg.name, replay: cfg.ingest === 'replay' },
          publicUrl: () => cfg.publicUrl ?? url,
          claude: cfg.stories.claude,
          log,
        });
        const scheduler = new StoryScheduler({ writer, db, clock, intervalMs: cfg.stories.intervalMs, checkMs: cfg.stories.checkMs, retentionDays: cfg.retentionDays, log });
        return { writer, scheduler };
      })()
    : undefined;
  const leader = new LeaderElection({
    db,
    ...(cfg.leaderRetryMs ? { retryMs: cfg.leaderRetryMs } : {}),
    log,
    onElected: async () => {
      metrics.leader.set(1);
      if (runner) await runner.start();
      if (cfg.ingest === 'replay' && cfg.replayFile && !replayResult) {
        const started = performance.now();
        replayResult = await replay(readCapture(cfg.replayFile), ingestor, cfg.replayKeepTimes ? {} : { shiftTo: clock() });
        log(`replay: ${replayResult.stored} posts stored from ${replayResult.posts} in ${((performance.now() - started) / 1000).toFixed(1)} s (${replayResult.duplicates} duplicates, ${replayResult.offTopic} not about AI, ${replayResult.malformed} malformed lines)`);
        replayDone(replayResult);
      }
      // Only the ingest leader writes stories; a replay has its stories right after it is stored.
      stories?.scheduler.start();
    },
    onLost: async () => {
      metrics.leader.set(0);
      await stories?.scheduler.stop();
      await runner?.stop();
    },
  });

  const app = createApi({
    db,
    metrics,
    clock,
    server: { name: cfg.name, replay: cfg.ingest === 'replay' },
    limits: cfg.limits,
    requireKey: cfg.requireKey,
    trustProxy: cfg.trustProxy,
    ingestStatus: () => ({
      mode: cfg.ingest,
      leader: leader.leader,
      sources: runner?.status ?? {},
      ...(replayResult ? { replay: replayResult } : {}),
      stories: !cfg.stories.enabled
        ? { state: 'off' }
        : { state: leader.leader ? 'writing' : 'standing by', writer: cfg.stories.claude.apiKey ? cfg.stories.claude.model : 'extractive (ANTHROPIC_API_KEY not configured)', dailyTokenBudget: cfg.stories.claude.dailyTokenBudget },
    }),
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: cfg.host, port: cfg.port }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${port}`;
  // Elected only once listening: story URLs name this process's address.
  if (cfg.ingest !== 'off') leader.start();
  else replayDone(undefined);
  return {
    url,
    db,
    metrics,
    ingestor,
    store,
    leader,
    runner,
    replayed,
    stories,
    storiesWritten: stories ? stories.scheduler.firstRound : new Promise<void>(() => {}),
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await leader.stop();
      await db.close();
    },
  };
}
