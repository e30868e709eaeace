// The one interface every upstream implements, so the pipeline runs them side by side.
import type { BeatId, DiscoursePost, SourceId } from '../../schema';

/** What a source is asked for. */
export interface SearchRequest {
  /** Free-text search query ("DeepSeek V3"). */
  text: string;
  /** Hashtag-friendly terms, most specific first ("deepseekv3", "opensourceai"). */
  tags: string[];
  beat: BeatId;
  /** Only posts created at or after this (epoch ms). */
  sinceMs: number;
  now: number;
  /** ISO 639-1 codes the user reads. */
  languages: string[];
  signal: AbortSignal;
}

/** One upstream. `search` throws SourceFailure (or the caller's abort) on failure. */
export interface DiscourseSource {
  readonly id: SourceId;
  /** The name the UI uses in error lines ("Hacker News"). */
  readonly label: string;
  search(req: SearchRequest): Promise<DiscoursePost[]>;
}
