// The context service asks the spend gate only when it would reach the network, and keeps
// what it has when the gate says no (issue 9 item 2).
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Store } from '../../../utils/store';
import { ContextService } from '../../../utils/context/service';
import type { ContextProvider, ProviderAnswer } from '../../../utils/context/provider';
import type { Hold } from '../../../utils/context/spend-policy';
import { hostedContext } from '../../fixtures/hosted/contexts';
import type { ContextQuery, DiscourseContext } from '../../../utils/schema';

const query: ContextQuery = { beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'DeepSeek V3' };

async function setup(withNarrative = false) {
  const now = { t: Date.parse('2026-11-23T12:00:00Z') };
  let calls = 0;
  const provider: ContextProvider = {
    name: 'hosted',
    fetch: async (): Promise<ProviderAnswer> => {
      calls++;
      const ctx = hostedContext(query.beat, query.entities, query.q, now.t);
      if (withNarrative) ctx.narrative = { beat: ctx.snapshot.beat, headline: 'Unchecked hosted headline', dek: 'D', paragraphs: [{ text: 'p', citations: [ctx.posts[0]!.id] }], model: 'm', kind: 'generated', generatedAt: ctx.freshness.fetchedAt, postCount: 1, disclosure: 'd' } as never;
      return { kind: 'fresh', context: ctx };
    },
  };
  const narrated: string[] = [];
  const store = await Store.open({ factory: new IDBFactory(), clock: () => now.t });
  const service = new ContextService({
    store,
    clock: () => now.t,
    providers: async () => [provider],
    ttlMs: async () => 30 * 60_000,
    narrator: {
      attach: async (ctx: DiscourseContext) => {
        narrated.push(ctx.topic.key);
        return { ...ctx, narrative: { beat: ctx.snapshot.beat, headline: 'H', dek: 'D', paragraphs: [{ text: 'p', citations: [ctx.posts[0]!.id] }], model: 'extractive', kind: 'extractive', generatedAt: ctx.freshness.fetchedAt, postCount: 1, disclosure: 'd' } };
      },
    },
  });
  return { service, now, calls: () => calls, narrated };
}

const hold: Hold = { reason: 'tab-rate', retryAt: null };

describe('the spend gate in the context service', () => {
  it('a held miss asks no upstream and says why', async () => {
    const s = await setup();
    let asked = 0;
    const a = await s.service.get(query, { gate: () => (asked++, hold) });
    expect(a).toMatchObject({ context: null, held: hold });
    expect(asked).toBe(1);
    expect(s.calls()).toBe(0);
  });

  it('a fresh cached context does not ask the gate; a stale one held is shown stale and not revalidated', async () => {
    const s = await setup();
    await s.service.get(query, { narrative: false });
    expect(s.calls()).toBe(1);
    let asked = 0;
    const fresh = await s.service.get(query, { narrative: false, gate: () => (asked++, hold) });
    expect(asked).toBe(0);
    expect(fresh.held).toBeNull();
    s.now.t += 60 * 60_000;
    const stale = await s.service.get(query, { narrative: false, gate: () => (asked++, hold) });
    expect(asked).toBe(1);
    expect(stale).toMatchObject({ held: hold, revalidating: false });
    expect(stale.context?.freshness.stale).toBe(true);
    expect(s.calls()).toBe(1);
  });

  it('figures only: no narrative is written unless asked for', async () => {
    const s = await setup();
    const figures = await s.service.get(query, { narrative: false, gate: () => null });
    expect(figures.context?.narrative).toBeNull();
    expect(s.narrated).toEqual([]);
    const looked = await s.service.get(query, { narrative: true });
    expect(s.narrated).toHaveLength(1);
    expect(s.calls()).toBe(1);
    void looked;
  });

  it('a narrative sent by the provider is checked even for a figures-only fetch, so the cache never holds an unchecked one', async () => {
    const s = await setup(true);
    const figures = await s.service.get(query, { narrative: false, gate: () => null });
    expect(s.narrated).toHaveLength(1);
    expect(figures.context?.narrative?.headline).toBe('H');
    const later = await s.service.get(query, { narrative: true });
    expect(later.context?.narrative?.headline).toBe('H');
  });
});
