// Runs the live sources while this process is the ingest leader: Jetstream's websocket,
// the pollers on their intervals (a rate-limited source waits out its Retry-After), and
// the retention sweep. Stops them all when leadership is lost.
import { SourceFailure } from '../../utils/discourse/http';
import type { Metrics } from '../metrics';
import type { PostStore } from '../store';
import type { Ingestor } from './ingestor';
import type { JetstreamIngest } from './sources/jetstream';
import type { Poller } from './sources/pollers';

export interface RunnerOptions {
  ingestor: Ingestor;
  store: PostStore;
  metrics: Metrics;
  clock: () => number;
  jetstream?: JetstreamIngest;
  pollers: Poller[];
  retentionDays: number;
  log?: (line: string) => void;
}

export interface SourceStatus {
  state: 'running' | 'stopped' | 'not-configured' | 'failing';
  detail?: string;
  lastPollAt?: string;
  stored: number;
}

export class IngestRunner {
  private abort: AbortController | undefined;
  private tasks: Promise<void>[] = [];
  private readonly sources: Record<string, SourceStatus> = {};

  constructor(private readonly o: RunnerOptions) {
    if (o.jetstream) this.sources.bluesky = { state: 'stopped', stored: 0 };
    for (const p of o.pollers) {
      this.sources[p.id] = p.notConfigured ? { state: 'not-configured', detail: p.notConfigured, stored: 0 } : { state: 'stopped', stored: 0 };
      o.metrics.sourceState.set({ source: p.id }, p.notConfigured ? 0 : 1);
    }
  }

  /** Each source's state, for /healthz. */
  get status(): Record<string, SourceStatus> {
    const js = this.o.jetstream;
    const bsky = this.sources.bluesky;
    if (js && bsky && bsky.state !== 'stopped') {
      bsky.state = js.connected ? 'running' : 'failing';
      if (js.connected) delete bsky.detail;
      else bsky.detail = js.lastError ?? 'connecting';
    }
    return this.sources;
  }

  async start(): Promise<void> {
    if (this.abort) return;
    const abort = (this.abort = new AbortController());
    if (this.o.jetstream) {
      await this.o.jetstream.start();
      this.sources.bluesky!.state = 'running';
    }
    for (const p of this.o.pollers) if (!p.notConfigured) this.tasks.push(this.loop(p, abort.signal));
    this.tasks.push(this.retention(abort.signal));
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    this.abort = undefined;
    await this.o.jetstream?.stop();
    if (this.sources.bluesky) this.sources.bluesky.state = 'stopped';
    await Promise.allSettled(this.tasks);
    this.tasks = [];
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }

  private async loop(p: Poller, signal: AbortSignal): Promise<void> {
    const st = this.sources[p.id]!;
    while (!signal.aborted) {
      let wait = p.intervalMs;
      try {
        const posts = await p.poll(signal);
        const r = await this.o.ingestor.ingest(p.id, posts);
        st.state = 'running';
        delete st.detail;
        st.stored += r.stored;
        st.lastPollAt = new Date(this.o.clock()).toISOString();
        let newest = 0;
        for (const post of posts) newest = Math.max(newest, Date.parse(post.createdAt));
        if (newest) this.o.metrics.lag.set({ source: p.id }, Math.max(0, (this.o.clock() - newest) / 1000));
      } catch (err) {
        if (signal.aborted) break;
        st.state = 'failing';
        st.detail = err instanceof Error ? err.message : String(err);
        if (err instanceof SourceFailure && err.retryAfterMs) wait = Math.max(wait, err.retryAfterMs);
        this.o.log?.(`ingest ${p.id}: ${st.detail}`);
      }
      await this.sleep(wait, signal);
    }
    st.state = 'stopped';
  }

  private async retention(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const n = await this.o.store.applyRetention(this.o.clock(), this.o.retentionDays);
        if (n) this.o.log?.(`retention: dropped ${n} posts older than ${this.o.retentionDays} days`);
      } catch (err) {
        this.o.log?.(`retention failed: ${(err as Error).message}`);
      }
      await this.sleep(3_600_000, signal);
    }
  }
}
