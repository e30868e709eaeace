// @vitest-environment node
// The LRU bound evicts cached topics, never the accounting (narrative budget, limiter)
// or the bundled sample pack, however many topics a person (or a page) goes through.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { z } from 'zod';
import { DEFAULT_LIMITS, PINNED, Store, isPinned } from '../../../utils/store';
import { loadSamplePack } from '../../../utils/sample/load';
import { SAMPLE_PREFIX } from '../../../utils/context/service';
import { META_KEYS } from '../../../utils/narrative/narrator';
import { LIMITER_KEY } from '../../../utils/discourse/pipeline';
import { GAZETTEER_KEY } from '../../../utils/context/gazetteer';
import { NarrativeBudgetRecord } from '../../../utils/schema/narrative';
import { DiscourseContext } from '../../../utils/schema';

const DAY = 24 * 3_600_000;

describe('pinned records', () => {
  it('the keys the accounting and the sample pack are written under are the pinned ones', () => {
    expect(isPinned('snapshots', `${SAMPLE_PREFIX}open-source-ai`)).toBe(true);
    for (const k of Object.values(META_KEYS)) expect(isPinned('meta', k), k).toBe(true);
    expect(isPinned('meta', LIMITER_KEY)).toBe(true);
    expect(isPinned('meta', GAZETTEER_KEY)).toBe(true);
    // ... and nothing a topic writes.
    expect(isPinned('snapshots', 'open-source-ai|deepseek-v3|')).toBe(false);
    expect(isPinned('meta', 'etag:hosted:open-source-ai|deepseek-v3|')).toBe(false);
    expect(isPinned('meta', 'gdelt-tone:0123456789abcdef')).toBe(false);
    expect(isPinned('meta', 'discourse:limiter-x')).toBe(false);
    expect(PINNED.narratives).toEqual([]);
  });

  it('after 600 topics past the bound, every sample row and the narrative budget are still there', async () => {
    let t = Date.parse('2026-11-20T08:00:00Z');
    const store = await Store.open({ factory: new IDBFactory(), clock: () => t });
    const samples = await loadSamplePack(store);
    expect(samples).toBeGreaterThanOrEqual(5);
    const budget = { day: '2026-11-20', tokens: 180_000 };
    await store.put('meta', META_KEYS.budget, budget, 2 * DAY);
    await store.put('meta', LIMITER_KEY, { cooldowns: {}, budgets: { hackernews: [t] } }, 2 * 3_600_000);

    for (let i = 0; i < 600; i++) {
      t += 1_000;
      const key = `open-source-ai|topic-${i}|`;
      await store.put('snapshots', key, { n: i }, 7 * DAY);
      await store.put('meta', `etag:hosted:${key}`, `"${i}"`, 7 * DAY);
    }

    const snapshotKeys = await store.keys('snapshots');
    expect(snapshotKeys.length).toBe(DEFAULT_LIMITS.records.snapshots);
    expect((await store.keys('meta')).length).toBe(DEFAULT_LIMITS.records.meta);
    const sampleKeys = snapshotKeys.filter((k) => k.startsWith(SAMPLE_PREFIX));
    expect(sampleKeys).toHaveLength(samples);
    for (const k of sampleKeys) expect((await store.get('snapshots', k, DiscourseContext))?.value.freshness.upstream, k).toBe('sample');
    expect((await store.get('meta', META_KEYS.budget, NarrativeBudgetRecord))?.value).toMatchObject(budget);
    expect((await store.get('meta', LIMITER_KEY, z.unknown()))?.value).toBeDefined();
    // The bound still works: the oldest topics went, the newest stayed.
    expect(snapshotKeys).not.toContain('open-source-ai|topic-0|');
    expect(snapshotKeys).toContain('open-source-ai|topic-599|');
    store.close();
  });
});
