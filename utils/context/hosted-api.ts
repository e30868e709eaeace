// Client for the optional hosted API (`GET {base}/v1/context`): bearer key, ETag
// revalidation, a timeout, a body-size cap, and every answer parsed with the schema.
import { DiscourseContext, describeZodError, type ContextQuery } from '../schema';
import { ProviderError, type ContextProvider, type ProviderAnswer } from './provider';
import { BodyTooLarge, parseRetryAfter, readCapped } from '../net';

export interface HostedApiOptions {
  fetch: typeof fetch;
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Answers larger than this are refused (a misconfigured or hostile server). */
  maxBytes?: number;
}

/** An endpoint of the hosted API under its base URL (which may or may not end in '/'). */
export function hostedUrl(baseUrl: string, path: string): URL {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

/** The headers every hosted-API request carries: JSON, and the bearer key when there is one. */
export function hostedHeaders(apiKey: string | undefined): Record<string, string> {
  return { accept: 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
}

/** Builds the request URL for a context query. */
export function contextUrl(baseUrl: string, query: ContextQuery): string {
  const u = hostedUrl(baseUrl, 'v1/context');
  u.searchParams.set('beat', query.beat);
  if (query.entities.length) u.searchParams.set('entities', query.entities.join(','));
  if (query.q) u.searchParams.set('q', query.q);
  return u.toString();
}

export class HostedApiProvider implements ContextProvider {
  readonly name = 'hosted' as const;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(private readonly opts: HostedApiOptions) {
    this.timeoutMs = opts.timeoutMs ?? 8000;
    this.maxBytes = opts.maxBytes ?? 2_000_000;
  }

  async fetch(query: ContextQuery & { key: string }, { signal, etag }: { signal?: AbortSignal; etag?: string }): Promise<ProviderAnswer> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const headers = hostedHeaders(this.opts.apiKey);
    if (etag) headers['if-none-match'] = etag;
    let res: Response;
    try {
      res = await this.opts.fetch(contextUrl(this.opts.baseUrl, query), {
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      if (timeout.aborted) throw new ProviderError('timeout', `Hosted API: no answer within ${this.timeoutMs / 1000} s`);
      if (signal?.aborted) throw new ProviderError('network', 'Hosted API: request cancelled');
      throw new ProviderError('network', `Hosted API: unreachable (${(err as Error).message})`);
    }
    if (res.status === 304) return { kind: 'not-modified' };
    if (res.status === 429) {
      const wait = parseRetryAfter(res.headers.get('retry-after'), Date.now());
      throw new ProviderError('rate-limited', `Hosted API: rate limited${wait ? `, retry in ${Math.ceil(wait / 1000)} s` : ''}`, wait);
    }
    if (res.status === 401 || res.status === 403) {
      throw new ProviderError('unauthorized', `Hosted API: the key was refused (${res.status}) — check it on the options page`);
    }
    if (!res.ok) throw new ProviderError('http', `Hosted API: server error ${res.status}`);
    let body: string;
    try {
      body = await readCapped(res, this.maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) throw new ProviderError('too-large', `Hosted API: answer too large (${err.message})`);
      if (timeout.aborted) throw new ProviderError('timeout', `Hosted API: answer not finished within ${this.timeoutMs / 1000} s`);
      throw new ProviderError('network', `Hosted API: answer cut off (${(err as Error).message})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ProviderError('malformed', 'Hosted API: the answer is not valid JSON');
    }
    const parsed = DiscourseContext.safeParse(json);
    if (!parsed.success) throw new ProviderError('malformed', `Hosted API: unexpected answer (${describeZodError(parsed.error)})`);
    const context: DiscourseContext = {
      ...parsed.data,
      freshness: { ...parsed.data.freshness, origin: 'hosted', upstream: 'hosted', stale: false },
    };
    return { kind: 'fresh', context, etag: res.headers.get('etag') ?? undefined };
  }
}
