// The one path every post takes into the database, whatever its source (live or
// replay): classify (detector + sentiment) → batch → store once with rollups.
import type { DetectorData } from '../../utils/detect';
import type { DiscoursePost } from '../../utils/schema';
import type { Metrics } from '../metrics';
import type { PostStore, StoreResult } from '../store';
import { classify, type ClassifiedPost } from './classify';

export interface IngestorOptions {
  store: PostStore;
  detector: DetectorData;
  metrics: Metrics;
  clock: () => number;
}

export interface IngestResult extends StoreResult {
  offTopic: number;
}

export class Ingestor {
  constructor(private readonly o: IngestorOptions) {}

  /** Classifies and stores a batch of posts from one source; returns what became of them. */
  async ingest(source: string, posts: readonly DiscoursePost[]): Promise<IngestResult> {
    const now = this.o.clock();
    const kept: ClassifiedPost[] = [];
    for (const p of posts) {
      const c = classify(p, this.o.detector, now);
      if (c) kept.push(c);
    }
    const offTopic = posts.length - kept.length;
    this.o.metrics.queue.inc(kept.length);
    try {
      const r = await this.o.store.insert(kept);
      this.o.metrics.ingested.inc({ source, outcome: 'stored' }, r.stored);
      this.o.metrics.ingested.inc({ source, outcome: 'duplicate' }, r.duplicates);
      this.o.metrics.ingested.inc({ source, outcome: 'off-topic' }, offTopic);
      return { ...r, offTopic };
    } finally {
      this.o.metrics.queue.dec(kept.length);
    }
  }

  /** Counts input a source could not read at all (malformed or oversized events). */
  malformed(source: string, n = 1): void {
    this.o.metrics.ingested.inc({ source, outcome: 'malformed' }, n);
  }
}
