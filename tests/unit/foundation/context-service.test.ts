import { describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Store } from '../../../utils/store';
import { ContextService } from '../../../utils/context/service';
import { ProviderError, topicKey, type ContextProvider, type ProviderAnswer } from '../../../utils/context/provider';
import { loadSamplePack } from '../../../utils/sample/load';
import { hostedContext } from '../../fixtures/hosted/contexts';
import { DiscourseContext, type ContextQuery } from '../../../utils/schema';

const query: ContextQuery = { beat: 'open-source-ai', entities: ['deepseek'], q: 'deepseek v3' };

class ScriptedProvider implements ContextProvider {
  readonly name = 'hosted' as const;
  calls = 0;
  constructor(private readonly answer: (n: number) => Promise<ProviderAnswer>) {}
  fetch(): Promise<ProviderAnswer> {
    return this.answer(++this.calls);
  }
}

async function setup(provider: ContextProvider, now = { t: Date.parse('2026-11-23T12:00:00Z') }) {
  const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
  const updates: string[] = [];
  const service = new ContextService({
    store,
    clock: () => now.t,
    providers: async () => [provider],
    ttlMs: async () => 30 * 60_000,
    onUpdated: (key) => updates.push(key),
  });
  return { store, service, now, updates };
}

const ok = (now: number): Promise<ProviderAnswer> => Promise.resolve({ kind: 'fresh', context: hostedContext(query.beat, query.entities, query.q, now) });

describe('ContextService', () => {
  it('answers from the cache while it is fresh', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const provider = new ScriptedProvider(() => ok(now.t));
    const { service } = await setup(provider, now);
    const first = await service.get(query);
    expect(first.context?.freshness.origin).toBe('hosted');
    now.t += 10 * 60_000;
    const second = await service.get(query);
    expect(second.context?.freshness.origin).toBe('cache');
    expect(second.context?.freshness.stale).toBe(false);
    expect(provider.calls).toBe(1);
  });

  it('serves a stale copy at once and revalidates behind it', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const provider = new ScriptedProvider(() => ok(now.t));
    const { service, updates } = await setup(provider, now);
    await service.get(query);
    now.t += 60 * 60_000;
    const stale = await service.get(query);
    expect(stale.context?.freshness.stale).toBe(true);
    expect(stale.revalidating).toBe(true);
    await service.refresh(query); // joins the revalidation already running
    expect(provider.calls).toBe(2);
    expect(updates).toEqual([topicKey(query), topicKey(query)]);
    expect((await service.get(query)).context?.freshness.origin).toBe('cache');
  });

  it('runs one request per topic however many callers ask at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const provider = new ScriptedProvider(async () => {
      await gate;
      return ok(Date.parse('2026-11-23T12:00:00Z'));
    });
    const { service } = await setup(provider);
    const answers = Promise.all([service.get(query), service.get(query), service.get({ ...query, entities: ['deepseek'] })]);
    await vi.waitFor(() => expect(provider.calls).toBe(1), { timeout: 30_000 });
    release();
    const all = await answers;
    expect(provider.calls).toBe(1);
    expect(all.every((a) => a.context?.snapshot.volume24h === 2412)).toBe(true);
  });

  it('keeps the last good data, marked stale with the error, when the provider fails', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const provider = new ScriptedProvider((n) => (n === 1 ? ok(now.t) : Promise.reject(new ProviderError('http', 'Hosted API: server error 500'))));
    const { service } = await setup(provider, now);
    await service.get(query);
    const forced = await service.get(query, { force: true });
    expect(forced.context?.snapshot.keyVoices[0]?.author).toBe('Dana Whitaker');
    expect(forced.context?.freshness.stale).toBe(true);
    expect(forced.context?.freshness.errors).toEqual([{ source: 'hosted', code: 'http', message: 'Hosted API: server error 500' }]);
  });

  it('falls back to the sample for the beat when nothing is cached and the provider fails', async () => {
    const provider = new ScriptedProvider(() => Promise.reject(new ProviderError('network', 'Hosted API: unreachable')));
    const { service, store } = await setup(provider);
    await loadSamplePack(store);
    const answer = await service.get(query);
    expect(answer.context?.freshness.origin).toBe('sample');
    expect(answer.context?.freshness.sampleDate).toBeDefined();
    expect(answer.context?.freshness.errors[0]?.code).toBe('network');
  });

  it('reports the error when there is no cache and no sample', async () => {
    const provider = new ScriptedProvider(() => Promise.reject(new ProviderError('timeout', 'Hosted API: no answer within 8 s')));
    const { service } = await setup(provider);
    const answer = await service.get({ beat: 'consciousness', entities: [], q: '' });
    expect(answer.context).toBeNull();
    expect(answer.error).toEqual({ source: 'hosted', code: 'timeout', message: 'Hosted API: no answer within 8 s' });
  });

  it("keeps the server's narrowing of the entities: none when its figures are the beat's", async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const asked: ContextQuery = { beat: 'open-source-ai', entities: ['deepseek', 'nobody-posted-this'], q: 'deepseek' };
    const covering = (entities: string[]): ContextProvider => ({
      name: 'hosted',
      async fetch() {
        const context = hostedContext(asked.beat, asked.entities, asked.q, now.t);
        return { kind: 'fresh', context: { ...context, topic: { ...context.topic, entities } } };
      },
    });
    const some = await (await setup(covering(['deepseek']), now)).service.get(asked);
    expect(some.context?.topic.entities).toEqual(['deepseek']);
    const none = await (await setup(covering([]), now)).service.get(asked);
    expect(none.context?.topic.entities).toEqual([]);
    expect(none.context?.topic.key).toBe(topicKey(asked));
  });

  it('revalidates with the stored ETag and keeps the cached body on 304', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const etags: (string | undefined)[] = [];
    const provider: ContextProvider = {
      name: 'hosted',
      async fetch(_q, { etag }) {
        etags.push(etag);
        return etag ? { kind: 'not-modified' } : { kind: 'fresh', context: hostedContext(query.beat, query.entities, query.q, now.t), etag: '"v1"' };
      },
    };
    const { service } = await setup(provider, now);
    await service.get(query);
    now.t += 60 * 60_000;
    const again = await service.get(query, { force: true });
    expect(etags).toEqual([undefined, '"v1"']);
    expect(again.context?.freshness.stale).toBe(false);
    expect(Date.parse(again.context!.freshness.fetchedAt)).toBe(now.t);
  });
});

describe('provider precedence', () => {
  it('uses the hosted API when healthy, the local pipeline after it fails, and skips it while it cools down', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    let hostedUp = false;
    const hosted: ContextProvider & { calls: number } = {
      name: 'hosted',
      calls: 0,
      async fetch() {
        this.calls++;
        if (!hostedUp) throw new ProviderError('rate-limited', 'Hosted API: rate limited, retry in 60 s', 60_000);
        return { kind: 'fresh', context: hostedContext(query.beat, query.entities, query.q, now.t) };
      },
    };
    const live: ContextProvider & { calls: number } = {
      name: 'live',
      calls: 0,
      async fetch() {
        this.calls++;
        return { kind: 'fresh', context: hostedContext(query.beat, query.entities, query.q, now.t) };
      },
    };
    const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
    const service = new ContextService({ store, clock: () => now.t, providers: async () => [hosted, live], ttlMs: async () => 60_000 });

    const first = await service.get(query);
    expect(first.context?.freshness.origin).toBe('live');
    expect(first.context?.freshness.errors[0]).toMatchObject({ source: 'hosted', code: 'rate-limited' });

    now.t += 30_000; // still inside Retry-After: hosted is not asked
    await service.get(query, { force: true });
    expect([hosted.calls, live.calls]).toEqual([1, 2]);

    hostedUp = true;
    now.t += 31_000; // past Retry-After: hosted is asked again and wins
    const later = await service.get(query, { force: true });
    expect(later.context?.freshness.origin).toBe('hosted');
    expect([hosted.calls, live.calls]).toEqual([2, 2]);
  });
});

describe('narrative stage', () => {
  const narrative = (ctx: import('../../../utils/schema').DiscourseContext) => ({
    ...ctx,
    narrative: {
      beat: ctx.snapshot.beat,
      headline: 'H',
      dek: 'D',
      paragraphs: [{ text: 'p', citations: [ctx.posts[0]!.id] }],
      model: 'extractive',
      kind: 'extractive' as const,
      generatedAt: ctx.freshness.fetchedAt,
      postCount: ctx.posts.length,
      disclosure: 'quoted posts',
    },
  });

  it('answers with a quick narrative in place', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
    const service = new ContextService({
      store,
      clock: () => now.t,
      providers: async () => [new ScriptedProvider(() => ok(now.t))],
      ttlMs: async () => 60_000,
      narrator: { attach: async (ctx) => narrative(ctx) },
    });
    const a = await service.get(query);
    expect(a.context?.narrative?.headline).toBe('H');
    expect(a.narrativePending).toBe(false);
  });

  it('answers with the figures first when the narrative is slow, then stores it and says so', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const updates: (string | null)[] = [];
    const partials: string[] = [];
    const service = new ContextService({
      store,
      clock: () => now.t,
      providers: async () => [new ScriptedProvider(() => ok(now.t))],
      ttlMs: async () => 60_000,
      narrator: {
        attach: async (ctx, { onProgress }) => {
          onProgress?.({ attempt: 1, phase: 'writing' });
          await done;
          return narrative(ctx);
        },
      },
      onUpdated: (_k, ctx) => updates.push(ctx.narrative?.headline ?? null),
      onNarrativeProgress: (_k, p) => partials.push(`${p.attempt}:${p.phase}`),
    });
    const first = await service.get(query);
    expect(first.context?.narrative).toBeNull();
    expect(first.context?.snapshot.volume24h).toBe(2412);
    expect(first.narrativePending).toBe(true);
    expect(partials).toEqual(['1:writing']);
    finish();
    await vi.waitFor(() => expect(updates).toEqual([null, 'H']), { timeout: 30_000 });
    const second = await service.get(query);
    expect(second.context?.narrative?.headline).toBe('H');
    expect(second.narrativePending).toBe(false);
  });
});

describe('contexts without a narrative (hover cards)', () => {
  it('writes no narrative when asked not to, and writes it for the next caller that wants one', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
    let attached = 0;
    const service = new ContextService({
      store,
      clock: () => now.t,
      providers: async () => [new ScriptedProvider(() => ok(now.t))],
      ttlMs: async () => 60_000,
      narrator: {
        attach: async (ctx) => {
          attached++;
          return { ...ctx, narrative: { beat: ctx.snapshot.beat, headline: 'H', dek: 'D', paragraphs: [{ text: 'p', citations: [ctx.posts[0]!.id] }], model: 'extractive', kind: 'extractive', generatedAt: ctx.freshness.fetchedAt, postCount: 1, disclosure: 'd' } };
        },
      },
    });
    const card = await service.get(query, { narrative: false });
    expect(card.context?.narrative).toBeNull();
    expect(attached).toBe(0);
    await service.get(query);
    await vi.waitFor(() => expect(attached).toBe(1), { timeout: 30_000 });
    expect((await service.get(query)).context?.narrative?.headline).toBe('H');
  });
});

describe('cancellation when the tabs go away', () => {
  function waitingProvider() {
    const seen: AbortSignal[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const provider: ContextProvider = {
      name: 'live',
      async fetch(_q, { signal }) {
        seen.push(signal!);
        await Promise.race([gate, new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason)))]);
        return { kind: 'fresh', context: hostedContext(query.beat, query.entities, query.q, Date.parse('2026-11-23T12:00:00Z')) };
      },
    };
    return { provider, seen, release: () => release() };
  }

  it('keeps the shared request while one tab still waits, and cancels it when the last goes', async () => {
    const { provider, seen } = waitingProvider();
    const store = await Store.open({ factory: new IDBFactory() });
    const service = new ContextService({ store, clock: Date.now, providers: async () => [provider], ttlMs: async () => 60_000 });
    const tabA = new AbortController();
    const tabB = new AbortController();
    const a = service.get(query, { signal: tabA.signal });
    const b = service.get(query, { signal: tabB.signal });
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 30_000 });
    tabA.abort();
    expect(seen[0]!.aborted).toBe(false);
    tabB.abort();
    expect(seen[0]!.aborted).toBe(true);
    await Promise.all([a, b]);
    expect(await store.keys('snapshots')).toEqual([]);
  });

  it('never cancels a request that a caller without a tab also waits for', async () => {
    const { provider, seen, release } = waitingProvider();
    const store = await Store.open({ factory: new IDBFactory() });
    const service = new ContextService({ store, clock: Date.now, providers: async () => [provider], ttlMs: async () => 60_000 });
    const tab = new AbortController();
    const a = service.get(query, { signal: tab.signal });
    const b = service.get(query);
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 30_000 });
    tab.abort();
    expect(seen[0]!.aborted).toBe(false);
    release();
    expect((await b).context?.snapshot.volume24h).toBe(2412);
    await a;
  });

  it('never shows or stores a hosted narrative before the narrator checked it', async () => {
    const now = { t: Date.parse('2026-11-23T12:00:00Z') };
    const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
    const base = hostedContext(query.beat, query.entities, query.q, now.t);
    const invented = {
      beat: base.snapshot.beat,
      headline: 'DeepSeek CEO arrested',
      dek: 'D',
      paragraphs: [{ text: 'p', citations: [base.posts[0]!.id] }],
      model: 'claude-x',
      kind: 'generated' as const,
      generatedAt: base.freshness.fetchedAt,
      postCount: base.posts.length,
      disclosure: 'AI-generated',
    };
    const provider = new ScriptedProvider(async () => ({ kind: 'fresh', context: { ...base, narrative: invented } }));
    const shown: (string | null)[] = [];
    const service = new ContextService({
      store,
      clock: () => now.t,
      providers: async () => [provider],
      ttlMs: async () => 60_000,
      // A check that has not finished yet (the worker may be stopped right now).
      narrator: { attach: () => new Promise(() => {}) },
      onUpdated: (_k, ctx) => shown.push(ctx.narrative?.headline ?? null),
    });
    const first = await service.get(query);
    expect(first.context?.narrative).toBeNull();
    expect(shown).toEqual([null]);
    const stored = await store.get('snapshots', first.context!.topic.key, DiscourseContext);
    expect(stored!.value.narrative).toBeNull();

    // Hover cards ask without a narrative: the unchecked one is not kept for them either.
    const cards = new ContextService({ store, clock: () => now.t, providers: async () => [provider], ttlMs: async () => 60_000 });
    const card = await cards.get(query, { force: true, narrative: false });
    expect(card.context?.narrative).toBeNull();
    expect((await store.get('snapshots', first.context!.topic.key, DiscourseContext))!.value.narrative).toBeNull();
  });
});
