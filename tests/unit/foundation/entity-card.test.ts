import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Store } from '../../../utils/store';
import { ContextService } from '../../../utils/context/service';
import { EntityCards } from '../../../utils/context/entity-card';
import { EntityCard } from '../../../utils/schema';
import { hostedContext } from '../../fixtures/hosted/contexts';
import { loadSamplePack } from '../../../utils/sample/load';

const STATS = { repoId: 'deepseek-ai/DeepSeek-V3', downloads: 10, likes: 2, license: 'mit', openWeights: true, openSource: true, lastModified: null };

async function cards(opts: { offline?: boolean } = {}) {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const store = await Store.open({ factory: new IDBFactory(), clock: () => now });
  const narrated: string[] = [];
  const statsAsked: string[] = [];
  const queries: string[] = [];
  const gazetteer = [
    { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model' as const },
    { id: 'anthropic', name: 'Anthropic', kind: 'org' as const },
  ];
  const service = new ContextService({
    store,
    clock: () => now,
    providers: async () => [
      {
        name: 'live',
        fetch: async (q) => {
          queries.push(q.q);
          if (opts.offline) throw new Error('getaddrinfo ENOTFOUND hn.algolia.com');
          return { kind: 'fresh', context: hostedContext(q.beat, q.entities, q.q, now) };
        },
      },
    ],
    ttlMs: async () => 60_000,
    narrator: { attach: async (ctx) => (narrated.push(ctx.topic.key), ctx) },
  });
  const c = new EntityCards({
    contexts: async () => service,
    clock: () => now,
    modelStats: async (id) => (statsAsked.push(id), STATS),
    resolve: async (id) => gazetteer.find((e) => e.id === id) ?? null,
  });
  if (opts.offline) await loadSamplePack(store);
  return { c, narrated, statsAsked, queries };
}

describe('EntityCards', () => {
  it("builds a model's card with its figures, top voice and Hub stats, and writes no narrative", async () => {
    const { c, narrated, statsAsked, queries } = await cards();
    const card = await c.get({ id: 'deepseek-v3', beat: 'open-source-ai' });
    expect(() => EntityCard.parse(card)).not.toThrow();
    expect(card).toMatchObject({ beat: 'open-source-ai', volume24h: 2412, topVoice: { author: 'Dana Whitaker' }, stats: STATS });
    expect(statsAsked).toEqual(['deepseek-v3']);
    expect(narrated).toEqual([]);
    // The search uses the gazetteer's name for the id.
    expect(queries).toEqual(['DeepSeek V3']);
    expect(card.entity).toEqual({ id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', known: true });
  });

  it('looks up nothing for an id outside the gazetteer (a page-made or newly seen name)', async () => {
    const { c, queries, statsAsked } = await cards();
    await expect(c.get({ id: 'from:someone@example.com private search terms', beat: null })).rejects.toMatchObject({ code: 'not-found' });
    expect(queries).toEqual([]);
    expect(statsAsked).toEqual([]);
  });

  it('asks for no Hub figures for a company', async () => {
    const { c, statsAsked } = await cards();
    const card = await c.get({ id: 'anthropic', beat: null });
    expect(card.stats).toBeNull();
    expect(card.beat).toBe('research-models');
    expect(statsAsked).toEqual([]);
  });

  it("marks figures as the name's own when the context was gathered for it", async () => {
    const { c } = await cards();
    expect((await c.get({ id: 'deepseek-v3', beat: 'open-source-ai' })).scope).toBe('entity');
  });

  it("offline, gives the sample's figures only as the beat's, never as the name's", async () => {
    const { c } = await cards({ offline: true });
    const a = await c.get({ id: 'deepseek-v3', beat: 'open-source-ai' });
    const b = await c.get({ id: 'anthropic', beat: 'open-source-ai' });
    for (const card of [a, b]) {
      expect(() => EntityCard.parse(card)).not.toThrow();
      expect(card.scope).toBe('beat');
      expect(card.freshness.upstream).toBe('sample');
      expect(card.errors.length).toBeGreaterThan(0);
    }
  });
});
