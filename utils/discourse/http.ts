// Polite HTTP for the local pipeline: a token bucket per host, Retry-After honoured
// (and remembered across service-worker restarts), an hourly request budget per source,
// timeouts, backoff with jitter, size limits, and errors the UI can name per source.
import type { z } from 'zod';
import { BodyTooLarge, MAX_COOLDOWN_MS, capCooldown, capResponse, parseRetryAfter, readCapped } from '../net';
import { describeZodError, type ErrorCode, type SourceError } from '../schema';
import { LimiterState } from '../schema/discourse';

/** A source's failure with the code and message the UI shows. */
export class SourceFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceFailure';
  }
}

/** Turns anything a source threw into the SourceError the UI renders. */
export function toSourceError(source: string, label: string, err: unknown): SourceError {
  if (err instanceof SourceFailure) return { source, code: err.code, message: `${label}: ${err.message}`.slice(0, 500) };
  return { source, code: 'internal', message: `${label}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) };
}

export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: unknown }).code === 20);
}

/** Capacity and refill of one host's bucket. `perSecond: Infinity` disables the bucket. */
export interface HostLimit {
  capacity: number;
  perSecond: number;
}

export interface LimiterOptions {
  clock: () => number;
  /** Host (e.g. `api.gdeltproject.org`) → its bucket; unknown hosts use `defaultHostLimit`. */
  hostLimits?: Record<string, HostLimit>;
  defaultHostLimit?: HostLimit;
  /** Source → requests allowed per rolling hour. */
  hourlyBudget?: Record<string, number>;
  /** Longest wait for a token before giving up with `rate-limited`. */
  maxWaitMs?: number;
  /** Retry-After assumed when a 429 carries none. */
  defaultCooldownMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Sleeps, rejecting with the signal's reason when it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const HOUR = 3_600_000;
/** Longest pace wait worth sitting through to retry a host that just failed to connect. */
const MAX_NETWORK_RETRY_WAIT_MS = 1000;

/** Token buckets per host, cooldowns per host, hourly budgets per source. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private cooldowns: Record<string, number> = {};
  private budgets: Record<string, number[]> = {};
  private readonly opts: Required<Omit<LimiterOptions, 'hostLimits' | 'hourlyBudget'>> & Pick<LimiterOptions, 'hostLimits' | 'hourlyBudget'>;
  /** Set when the state changed since the last `state()` call, so callers persist only when needed. */
  dirty = false;

  constructor(options: LimiterOptions) {
    this.opts = {
      defaultHostLimit: { capacity: 10, perSecond: 2 },
      maxWaitMs: 15_000,
      defaultCooldownMs: 60_000,
      sleep: abortableSleep,
      ...options,
    };
  }

  private limitFor(host: string): HostLimit {
    return this.opts.hostLimits?.[host] ?? this.opts.defaultHostLimit;
  }

  /**
   * Waits for permission to send one request to `host` on behalf of `source`. Throws
   * `rate-limited` while the host's Retry-After runs or when the wait would be too long,
   * `budget` when the source spent its hour.
   */
  async acquire(source: string, host: string, signal?: AbortSignal): Promise<void> {
    const now = this.opts.clock();
    const until = this.cooldowns[host] ?? 0;
    if (until > now) {
      const s = Math.ceil((until - now) / 1000);
      throw new SourceFailure('rate-limited', `asked us to wait; retrying in ${s} s`, until - now);
    }
    const budget = this.opts.hourlyBudget?.[source];
    if (budget !== undefined) {
      const spent = (this.budgets[source] ?? []).filter((t) => t > now - HOUR);
      this.budgets[source] = spent;
      if (spent.length >= budget) {
        const wait = (spent[0] ?? now) + HOUR - now;
        throw new SourceFailure('budget', `used its ${budget} requests for this hour; asking again in ${Math.ceil(wait / 60_000)} min`, wait);
      }
    }
    const limit = this.limitFor(host);
    let wait = 0;
    if (Number.isFinite(limit.perSecond)) {
      const b = this.buckets.get(host) ?? { tokens: limit.capacity, at: now };
      const tokens = Math.min(limit.capacity, b.tokens + (Math.max(0, now - b.at) * limit.perSecond) / 1000);
      // Tokens may go negative: each waiter reserves its slot, so concurrent callers queue in order.
      wait = tokens >= 1 ? 0 : ((1 - tokens) * 1000) / limit.perSecond;
      if (wait > this.opts.maxWaitMs) throw new SourceFailure('rate-limited', `too many requests queued for ${host}`, wait);
      this.buckets.set(host, { tokens: tokens - 1, at: now });
    }
    if (budget !== undefined) {
      // Charged now, so concurrent callers cannot all slip under the budget while they wait.
      (this.budgets[source] ??= []).push(now);
      this.dirty = true;
    }
    if (wait <= 0) return;
    try {
      await this.opts.sleep(wait, signal);
    } catch (err) {
      // No request went out: give the charge back. The pace slot is not given back, since
      // callers queued behind this one already counted on it being taken.
      if (budget !== undefined) this.refund(source, now);
      throw err;
    }
  }

  private refund(source: string, at: number): void {
    const spent = this.budgets[source];
    const i = spent?.lastIndexOf(at) ?? -1;
    if (i === -1) return;
    spent!.splice(i, 1);
    this.dirty = true;
  }

  /** How long a request to `host` would wait for its slot now, without taking it. */
  peekWait(host: string): number {
    const limit = this.limitFor(host);
    if (!Number.isFinite(limit.perSecond)) return 0;
    const now = this.opts.clock();
    const b = this.buckets.get(host);
    if (!b) return 0;
    const tokens = Math.min(limit.capacity, b.tokens + (Math.max(0, now - b.at) * limit.perSecond) / 1000);
    return tokens >= 1 ? 0 : ((1 - tokens) * 1000) / limit.perSecond;
  }

  /** Sets (or changes) the bucket of one host. */
  setHostLimit(host: string, limit: HostLimit): void {
    const hl = (this.opts.hostLimits ??= {});
    const old = hl[host];
    if (old && old.capacity === limit.capacity && old.perSecond === limit.perSecond) return;
    hl[host] = limit;
    this.buckets.delete(host);
  }

  /** Remembers a host's Retry-After (or the default cooldown), never longer than an hour. */
  cooldown(host: string, ms: number | undefined): number {
    const wait = capCooldown(ms ?? this.opts.defaultCooldownMs);
    this.cooldowns[host] = Math.max(this.cooldowns[host] ?? 0, this.opts.clock() + wait);
    this.dirty = true;
    return wait;
  }

  /** Requests `source` may still send this hour (Infinity without a budget). */
  remaining(source: string): number {
    const budget = this.opts.hourlyBudget?.[source];
    if (budget === undefined) return Infinity;
    const now = this.opts.clock();
    return budget - (this.budgets[source] ?? []).filter((t) => t > now - HOUR).length;
  }

  state(): LimiterState {
    const now = this.opts.clock();
    this.dirty = false;
    return {
      cooldowns: Object.fromEntries(Object.entries(this.cooldowns).filter(([, t]) => t > now)),
      budgets: Object.fromEntries(Object.entries(this.budgets).map(([s, ts]) => [s, ts.filter((t) => t > now - HOUR)])),
    };
  }

  restore(state: unknown): void {
    const parsed = LimiterState.safeParse(state);
    if (!parsed.success) return;
    // A cooldown stored before the cap (or written by anyone else) is held to the cap too.
    const latest = this.opts.clock() + MAX_COOLDOWN_MS;
    for (const [h, t] of Object.entries(parsed.data.cooldowns)) this.cooldowns[h] = Math.max(this.cooldowns[h] ?? 0, Math.min(t, latest));
    for (const [s, ts] of Object.entries(parsed.data.budgets)) this.budgets[s] = [...new Set([...(this.budgets[s] ?? []), ...ts])].sort((a, b) => a - b);
  }
}

export { parseRetryAfter };

export interface HttpOptions {
  fetch: typeof fetch;
  limiter: RateLimiter;
  clock: () => number;
  timeoutMs?: number;
  /** Extra attempts after a network error or 5xx. */
  retries?: number;
  backoffBaseMs?: number;
  /** Retry-After up to this is waited out in place instead of failing the source. */
  maxInlineRetryAfterMs?: number;
  maxBytes?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The signal that ends a request to `url` after `ms` (`AbortSignal.timeout`); tests pass one on their own clock. */
  timeoutSignal?: (ms: number, url: string) => AbortSignal;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  retries?: number;
}

/** fetch with the limiter, timeouts and retries; every source goes through one of these. */
export class HttpClient {
  private readonly o: Required<HttpOptions>;

  constructor(options: HttpOptions) {
    this.o = {
      timeoutMs: 10_000,
      retries: 1,
      backoffBaseMs: 500,
      maxInlineRetryAfterMs: 2_000,
      maxBytes: 5_000_000,
      random: Math.random,
      sleep: abortableSleep,
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      ...options,
    };
  }

  /**
   * Sends a request and returns any HTTP answer except 429 and (after retries) 5xx-less
   * failures: throws SourceFailure for rate limits, timeouts and network errors, and
   * rethrows the caller's abort as is.
   */
  async request(source: string, input: string | Request, init: RequestInit = {}, opts: RequestOptions = {}): Promise<Response> {
    const base = new Request(input, init);
    const host = new URL(base.url).host;
    const retries = opts.retries ?? this.o.retries;
    for (let attempt = 0; ; attempt++) {
      const signal = opts.signal ?? init.signal ?? undefined;
      signal?.throwIfAborted();
      await this.o.limiter.acquire(source, host, signal ?? undefined);
      const timeout = this.o.timeoutSignal(this.o.timeoutMs, base.url);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const req = base.clone();
      for (const [k, v] of Object.entries(opts.headers ?? {})) req.headers.set(k, v);
      let res: Response;
      try {
        res = await this.o.fetch(req, { signal: combined });
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new SourceFailure('timeout', `no answer within ${Math.round(this.o.timeoutMs / 1000)} s`);
        // A host that could not be reached is retried once, but not behind a long pace
        // (GDELT's 5 s): offline, the user should see the cache or the sample at once.
        if (attempt < retries && this.o.limiter.peekWait(host) <= MAX_NETWORK_RETRY_WAIT_MS) {
          await this.backoff(attempt, signal ?? undefined);
          continue;
        }
        throw new SourceFailure('network', `could not connect (${err instanceof Error ? err.message : String(err)})`);
      }
      if (res.status === 429 || res.status === 503) {
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.o.clock());
        if (res.status === 429 || retryAfter !== undefined) {
          await res.body?.cancel().catch(() => {});
          if (attempt < retries && retryAfter !== undefined && retryAfter <= this.o.maxInlineRetryAfterMs) {
            await this.o.sleep(retryAfter, signal ?? undefined);
            continue;
          }
          const wait = this.o.limiter.cooldown(host, retryAfter);
          throw new SourceFailure('rate-limited', `rate-limited; retrying in ${Math.ceil(wait / 1000)} s`, wait);
        }
      }
      if (res.status >= 500 && attempt < retries) {
        await res.body?.cancel().catch(() => {});
        await this.backoff(attempt, signal ?? undefined);
        continue;
      }
      return res;
    }
  }

  /**
   * A `fetch` for clients that read answers themselves (the Bluesky agent), limited under
   * `source`, whose every body is read under `maxBytes` (a larger one fails `too-large`).
   */
  fetchFor(source: string, opts: { signal?: AbortSignal } = {}): typeof fetch {
    return async (input, init) => {
      const signal = opts.signal ?? init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const res = await this.request(source, input instanceof URL ? input.href : input, init, { retries: 0, signal: signal ?? undefined });
      try {
        return await capResponse(res, this.o.maxBytes);
      } catch (err) {
        if (err instanceof BodyTooLarge) throw new SourceFailure('too-large', err.message);
        if (signal?.aborted) throw signal.reason;
        throw new SourceFailure('network', 'the answer was cut off');
      }
    };
  }

  /** GETs JSON and parses it with `schema`; every failure becomes a SourceFailure. */
  async getJson<S extends z.ZodType>(source: string, url: string, schema: S, opts: RequestOptions = {}): Promise<z.output<S>> {
    const res = await this.request(source, url, { headers: { accept: 'application/json' } }, opts);
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw statusFailure(res.status);
    }
    let body: string;
    try {
      body = await readCapped(res, this.o.maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) throw new SourceFailure('too-large', err.message);
      if (opts.signal?.aborted) throw opts.signal.reason;
      throw new SourceFailure('network', 'the answer was cut off');
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new SourceFailure('malformed', 'answered with something that is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SourceFailure('malformed', `unexpected answer (${describeZodError(parsed.error)})`.slice(0, 300));
    return parsed.data;
  }

  private backoff(attempt: number, signal?: AbortSignal): Promise<void> {
    // Full jitter: spreads retries of many tabs/sources so they do not arrive together.
    return this.o.sleep(this.o.random() * this.o.backoffBaseMs * 2 ** attempt, signal);
  }
}

/** Maps an HTTP status to the error the UI names. */
export function statusFailure(status: number): SourceFailure {
  if (status === 401) return new SourceFailure('unauthorized', 'refused the credentials (401)');
  if (status === 403) return new SourceFailure('unauthorized', 'refused access (403)');
  if (status === 404) return new SourceFailure('not-found', 'not found (404)');
  if (status === 429) return new SourceFailure('rate-limited', 'rate-limited (429)');
  if (status === 413) return new SourceFailure('too-large', 'answer too large (413)');
  return new SourceFailure('http', `answered HTTP ${status}`);
}
