// The seam between the context service and whatever answers it (hosted API, local
// pipeline). A provider receives its clients through its constructor; this file only
// names what the service expects back.
import type { ContextQuery, DiscourseContext } from '../schema';

/** A provider's failure, with the code the UI names it by. */
export class ProviderError extends Error {
  constructor(
    readonly code: import('../schema').ErrorCode,
    message: string,
    /** Milliseconds the upstream asked us to wait (Retry-After), when it did. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export type ProviderAnswer =
  | { kind: 'fresh'; context: DiscourseContext; etag?: string }
  /** The upstream confirmed the cached copy (ETag / 304). */
  | { kind: 'not-modified' };

export interface ContextProvider {
  /** "hosted" or "live": what the UI's freshness line names. */
  readonly name: 'hosted' | 'live';
  /**
   * Fetch a context for `query`. Throws ProviderError on total failure; a partial
   * answer carries per-source errors in `context.freshness.errors` instead.
   */
  fetch(query: ContextQuery & { key: string }, opts: { signal?: AbortSignal; etag?: string }): Promise<ProviderAnswer>;
}

/** The key a topic is cached under: the beat and up to three leading entities. */
export function topicKey(query: Pick<ContextQuery, 'beat' | 'entities'>): string {
  const ents = [...new Set(query.entities)].slice(0, 3).sort();
  return ents.length ? `${query.beat}|${ents.join(',')}` : query.beat;
}
