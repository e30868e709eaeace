// Prometheus metrics (prom-client), one registry per server instance so tests can run
// several side by side: ingest rate per source, lag behind the stream, queue depth,
// request latencies.
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
}
