import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Store } from '../../../utils/store';
import { ContextService } from '../../../utils/context/service';
import { EntityCards } from '../../../utils/context/entity-card';
import { EntityCard } from '../../../utils/schema';
import { hostedContext } from '../../fixtures/hosted/contexts';

const STATS = { repoId: 'deepseek-ai/DeepSeek-V3', downloads: 10, likes: 2, license: 'mit', openWeights: true, openSource: true, lastModified: null };

async function cards() {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const store = await Store.open({ factory: new IDBFactory(), clock: () => now });
  const narrated: string[] = [];
  const statsAsked: string[] = [];
  const service = new ContextService({
    store,
    clock: () => now,
    providers: async () => [{ name: 'live', fetch: async (q) => ({ kind: 'fresh', context: hostedContext(q.beat, q.entities, q.q, now) }) }],
    ttlMs: async () => 60_000,
    narrator: { attach: async (ctx) => (narrated.push(ctx.topic.key), ctx) },
  });
  const c = new EntityCards({ contexts: async () => service, clock: () => now, modelStats: async (id) => (statsAsked.push(id), STATS) });
  return { c, narrated, statsAsked };
}

describe('EntityCards', () => {
  it("builds a model's card with its figures, top voice and Hub stats, and writes no narrative", async () => {
    const { c, narrated, statsAsked } = await cards();
    const card = await c.get({ id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', known: true, beat: 'open-source-ai' });
    expect(() => EntityCard.parse(card)).not.toThrow();
    expect(card).toMatchObject({ beat: 'open-source-ai', volume24h: 2412, topVoice: { author: 'Dana Whitaker' }, stats: STATS });
    expect(statsAsked).toEqual(['deepseek-v3']);
    expect(narrated).toEqual([]);
  });

  it('asks for no Hub figures for a company', async () => {
    const { c, statsAsked } = await cards();
    const card = await c.get({ id: 'anthropic', name: 'Anthropic', kind: 'org', known: true, beat: null });
    expect(card.stats).toBeNull();
    expect(card.beat).toBe('research-models');
    expect(statsAsked).toEqual([]);
  });
});
