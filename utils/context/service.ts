// The context service: cache first, stale-while-revalidate, one in-flight request per
// topic, providers in order of precedence (hosted API, then the local pipeline), and
// the bundled sample pack when nothing else can answer.
import { z } from 'zod';
import { DiscourseContext, type ContextQuery, type SourceError } from '../schema';
import type { Store } from '../store';
import type { NarrativeProgress } from '../schema/narrative';
import { ProviderError, topicKey, type ContextProvider } from './provider';
import type { Hold } from './spend-policy';

/** The narrative stage: gives a context its (checked) narrative. */
export interface NarrativeStage {
  attach(context: DiscourseContext, opts: { signal?: AbortSignal; onProgress?: (p: NarrativeProgress) => void }): Promise<DiscourseContext>;
}

export interface ContextServiceDeps {
  store: Store;
  clock: () => number;
  /** Providers in order of precedence, read per request (settings may change). */
  providers: () => Promise<ContextProvider[]>;
  /** How long a stored context counts as fresh. */
  ttlMs: () => Promise<number>;
  narrator?: NarrativeStage;
  /** Told when a revalidation stored a newer context. */
  onUpdated?: (key: string, context: DiscourseContext) => void;
  /** Told how far a narrative being written has got (no text: it is shown only once checked). */
  onNarrativeProgress?: (key: string, progress: NarrativeProgress) => void;
}

export interface ContextAnswer {
  context: DiscourseContext | null;
  error: SourceError | null;
  revalidating: boolean;
  /** A narrative is being written for this context; it arrives with a contextUpdated event. */
  narrativePending: boolean;
  /** The upstreams were not asked, and why (the context, if any, is what the cache had). */
  held: Hold | null;
}

/**
 * Asked only when answering would reach the network (a miss, a stale copy, a forced
 * refresh): null lets the request through, a Hold keeps it local.
 */
export type FetchGate = () => Hold | null;

/** How long a fetch waits for its narrative before answering without it (Claude streams on). */
const NARRATIVE_WAIT_MS = 400;

/** Stored contexts are kept well past their freshness so they can be shown stale, offline. */
const KEEP_MS = 30 * 24 * 3600_000;
const ETagSchema = z.string().max(500);
const COOLDOWN_MS = 2 * 60_000;
export const SAMPLE_PREFIX = 'sample:';

function asSourceError(source: string, err: unknown): SourceError {
  if (err instanceof ProviderError) return { source, code: err.code, message: err.message.slice(0, 500) };
  return { source, code: 'internal', message: String((err as Error)?.message ?? err).slice(0, 500) };
}

export class ContextService {
  private readonly inFlight = new Map<string, Flight>();
  /** Providers that failed recently are skipped until then, unless no other is left. */
  private readonly cooldownUntil = new Map<string, number>();
  /** Topics whose narrative is being written right now. */
  private readonly narrating = new Map<string, Promise<DiscourseContext>>();

  constructor(private readonly deps: ContextServiceDeps) {}

  /** The context for a query: cached if fresh, else fetched (or the stale copy while revalidating). */
  /**
   * `narrative: false` (hover cards) skips writing a narrative; a later caller that wants
   * one for the same topic gets it written then.
   */
  async get(
    query: ContextQuery,
    { force = false, narrative = true, signal, gate }: { force?: boolean; narrative?: boolean; signal?: AbortSignal; gate?: FetchGate } = {},
  ): Promise<ContextAnswer> {
    const key = topicKey(query);
    const cached = await this.deps.store.get('snapshots', key, DiscourseContext);
    const ttl = await this.deps.ttlMs();
    const now = this.deps.clock();
    // Freshness follows when the data was fetched, not when the row was last written.
    const fresh = cached && now - Date.parse(cached.value.freshness.fetchedAt) < ttl;

    const answer = (context: DiscourseContext | null, revalidating = false, error: SourceError | null = null, held: Hold | null = null): ContextAnswer => ({
      context,
      error,
      revalidating,
      narrativePending: this.narrating.has(key),
      held,
    });

    if (cached && fresh && !force) {
      // A context stored before its narrative was finished (the worker was stopped) gets one now.
      if (narrative && !cached.value.narrative && cached.value.posts.length) void this.narrate(key, cached.value);
      return answer(this.fromCache(cached.value, false));
    }
    // From here on the upstreams would be asked (unless a request for the topic is already under way).
    const held = this.inFlight.has(key) ? null : (gate?.() ?? null);
    if (held) {
      if (cached) {
        if (narrative && !cached.value.narrative && cached.value.posts.length) void this.narrate(key, cached.value);
        return answer(this.fromCache(cached.value, true), false, null, held);
      }
      return answer(null, false, null, held);
    }
    if (cached && !force) {
      // Stale: answer now with what we have, refresh behind it.
      this.refresh(query, key, narrative, signal).catch((err) => (isAbort(err) ? undefined : this.recordFailure(key, cached.value, err)));
      return answer(this.fromCache(cached.value, true), true);
    }
    try {
      return answer(await this.refresh(query, key, narrative, signal));
    } catch (err) {
      const error = asSourceError('all', err);
      if (cached) {
        const ctx = this.fromCache(cached.value, true);
        ctx.freshness.errors = [...(err instanceof AggregateSourceError ? err.errors : [error]), ...ctx.freshness.errors].slice(0, 20);
        return answer(ctx);
      }
      const sample = await this.sample(query.beat);
      if (sample) {
        sample.freshness.errors = (err instanceof AggregateSourceError ? err.errors : [error]).slice(0, 20);
        return answer(sample);
      }
      return answer(null, false, err instanceof AggregateSourceError ? err.errors[0]! : error);
    }
  }

  /**
   * Gives a context its narrative in the background, stores it and tells the UI. One
   * narrative per topic at a time. Resolves with the narrated context.
   */
  private narrate(key: string, context: DiscourseContext): Promise<DiscourseContext> {
    const narrator = this.deps.narrator;
    if (!narrator) return Promise.resolve(context);
    const running = this.narrating.get(key);
    if (running) return running;
    const p = narrator
      .attach(context, { onProgress: (p) => this.deps.onNarrativeProgress?.(key, p) })
      .then(async (narrated) => {
        await this.deps.store.put('snapshots', key, narrated, KEEP_MS);
        this.deps.onUpdated?.(key, narrated);
        return narrated;
      })
      .finally(() => this.narrating.delete(key));
    this.narrating.set(key, p);
    p.catch(() => {});
    return p;
  }

  /**
   * Fetches through the providers, one request per topic at a time. Callers pass the
   * signal of the tab they ask for; the request is cancelled when every tab that asked
   * has gone away (a caller without a signal keeps it alive).
   */
  refresh(query: ContextQuery, key = topicKey(query), narrative = true, signal?: AbortSignal): Promise<DiscourseContext> {
    let flight = this.inFlight.get(key);
    if (!flight) {
      const controller = new AbortController();
      const f: Flight = { controller, holders: 0, unbound: false, promise: Promise.resolve(null as never) };
      f.promise = this.fetchAndStore({ ...query, key }, narrative, controller.signal).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, f);
      flight = f;
    }
    const f = flight;
    if (!signal) f.unbound = true;
    else {
      f.holders++;
      const leave = () => {
        if (--f.holders === 0 && !f.unbound) f.controller.abort(new DOMException('Every tab that asked for this topic went away', 'AbortError'));
      };
      if (signal.aborted) leave();
      else signal.addEventListener('abort', leave, { once: true });
    }
    return f.promise;
  }

  private async fetchAndStore(query: ContextQuery & { key: string }, narrative: boolean, signal: AbortSignal): Promise<DiscourseContext> {
    const all = await this.deps.providers();
    const now = this.deps.clock();
    const healthy = all.filter((p) => (this.cooldownUntil.get(p.name) ?? 0) <= now);
    const providers = healthy.length ? healthy : all;
    const errors: SourceError[] = [];
    for (const provider of providers) {
      const etagRow = await this.deps.store.get('meta', `etag:${provider.name}:${query.key}`, ETagSchema);
      try {
        const answer = await provider.fetch(query, { signal, etag: etagRow?.value });
        let context: DiscourseContext;
        if (answer.kind === 'not-modified') {
          const cached = await this.deps.store.get('snapshots', query.key, DiscourseContext);
          if (!cached) throw new ProviderError('malformed', `${provider.name}: 304 for a context we do not have`);
          context = { ...cached.value, freshness: { ...cached.value.freshness, fetchedAt: new Date(this.deps.clock()).toISOString(), stale: false } };
        } else {
          context = answer.context;
          if (answer.etag) await this.deps.store.put('meta', `etag:${provider.name}:${query.key}`, answer.etag, KEEP_MS);
        }
        context = {
          ...context,
          // The Undercurrent server names only the entities its figures cover (none when it
          // fell back to the beat's): keep that, so a card never shows beat figures as a name's.
          topic: provider.name === 'hosted' ? { ...query, entities: query.entities.filter((e) => context.topic.entities.includes(e)) } : { ...query },
          freshness: {
            ...context.freshness,
            fetchedAt: new Date(this.deps.clock()).toISOString(),
            origin: provider.name,
            upstream: provider.name,
            stale: false,
            errors: [...errors, ...context.freshness.errors].slice(0, 20),
          },
        };
        this.cooldownUntil.delete(provider.name);
        // A narrative the provider sent along is checked even when none is wanted now (the
        // check spends no tokens): nothing unchecked is stored to be shown later from cache.
        const given = context.narrative;
        let checked = false;
        if (this.deps.narrator && !narrative && given && !(given.kind === 'extractive' && given.origin !== 'hosted')) {
          context = await this.deps.narrator.attach(context, {});
          checked = true;
        }
        // A provider's narrative (the hosted API's) is shown and stored only once the
        // narrator has checked it; until then the context goes without one.
        const unchecked: DiscourseContext = checked ? context : { ...context, narrative: null };
        if (this.deps.narrator && narrative) {
          // The extractive narrative is instant; a generated one streams for seconds. Wait
          // briefly, then answer with the figures and let the narrative follow.
          await this.deps.store.put('snapshots', query.key, unchecked, KEEP_MS);
          const narrated = this.narrate(query.key, context);
          const first = await Promise.race([narrated, new Promise<null>((r) => setTimeout(() => r(null), NARRATIVE_WAIT_MS))]).catch(() => null);
          if (first) return first;
          this.deps.onUpdated?.(query.key, unchecked);
          return unchecked;
        }
        await this.deps.store.put('snapshots', query.key, unchecked, KEEP_MS);
        this.deps.onUpdated?.(query.key, unchecked);
        return unchecked;
      } catch (err) {
        // Nobody is waiting any more: stop here rather than asking the next provider.
        if (signal.aborted) throw signal.reason;
        errors.push(asSourceError(provider.name, err));
        // Honour Retry-After; otherwise give a failing provider two minutes before asking again.
        const wait = err instanceof ProviderError && err.retryAfterMs !== undefined ? err.retryAfterMs : COOLDOWN_MS;
        this.cooldownUntil.set(provider.name, this.deps.clock() + wait);
      }
    }
    if (!providers.length) errors.push({ source: 'all', code: 'not-configured', message: 'No source is enabled: turn one on in the options.' });
    throw new AggregateSourceError(errors);
  }

  /** A failed revalidation keeps the stale copy and says what failed, so the UI can name it. */
  private async recordFailure(key: string, stale: DiscourseContext, err: unknown): Promise<void> {
    const errors = err instanceof AggregateSourceError ? err.errors : [asSourceError('all', err)];
    const context = { ...stale, freshness: { ...stale.freshness, stale: true, errors: errors.slice(0, 20) } };
    await this.deps.store.put('snapshots', key, context, KEEP_MS);
    this.deps.onUpdated?.(key, this.fromCache(context, true));
  }

  private fromCache(context: DiscourseContext, stale: boolean): DiscourseContext {
    const sample = context.freshness.upstream === 'sample';
    return { ...context, freshness: { ...context.freshness, origin: sample ? 'sample' : 'cache', stale: sample ? context.freshness.stale : stale } };
  }

  /** The bundled sample for a beat, as loaded into the store on install. */
  async sample(beat: ContextQuery['beat']): Promise<DiscourseContext | null> {
    const row = await this.deps.store.get('snapshots', `${SAMPLE_PREFIX}${beat}`, DiscourseContext);
    return row ? { ...row.value, freshness: { ...row.value.freshness, origin: 'sample', upstream: 'sample' } } : null;
  }
}

interface Flight {
  promise: Promise<DiscourseContext>;
  controller: AbortController;
  /** Callers with a signal still waiting. */
  holders: number;
  /** A caller without a signal asked: never cancel. */
  unbound: boolean;
}

function isAbort(err: unknown): boolean {
  return (err as { name?: unknown })?.name === 'AbortError';
}

/** Every provider failed: the per-provider errors, first one first. */
export class AggregateSourceError extends Error {
  constructor(readonly errors: SourceError[]) {
    super(errors.map((e) => e.message).join('; ') || 'No provider answered');
  }
}
