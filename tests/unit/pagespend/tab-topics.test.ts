// Item 10 of the hardening issue: topics reported by many tabs at once must all be kept
// (the old table was one storage row, read-modified-written, and lost updates).
import { describe, expect, it } from 'vitest';
import { TabTopics } from '../../../utils/context/tab-topics';
import type { PageTopic } from '../../../utils/schema';

const topic = (n: number): PageTopic => ({
  url: `https://news.example/a/${n}`,
  kind: 'article',
  site: 'news.example',
  title: `Article ${n}`,
  beat: { id: 'open-source-ai', score: 0.8 },
  runnersUp: [],
  entities: [],
  query: '',
});

describe('TabTopics under concurrency', () => {
  it('keeps every one of 50 concurrent reports', async () => {
    const tabs = new TabTopics();
    await Promise.all(Array.from({ length: 50 }, (_, i) => tabs.set(100 + i, topic(i), 1000 + i)));
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => tabs.get(100 + i)));
    expect(got.filter((g) => g.analysed)).toHaveLength(50);
    expect(got.map((g) => g.topic?.url)).toEqual(Array.from({ length: 50 }, (_, i) => `https://news.example/a/${i}`));
  });

  it('removing tabs while others report loses none of the others', async () => {
    const tabs = new TabTopics();
    for (let i = 0; i < 10; i++) await tabs.set(i, topic(i), 1);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => tabs.remove(i)),
      ...Array.from({ length: 40 }, (_, i) => tabs.set(200 + i, topic(200 + i), 2)),
    ]);
    const gone = await Promise.all(Array.from({ length: 10 }, (_, i) => tabs.get(i)));
    const kept = await Promise.all(Array.from({ length: 40 }, (_, i) => tabs.get(200 + i)));
    expect(gone.every((g) => !g.analysed)).toBe(true);
    expect(kept.every((g) => g.analysed)).toBe(true);
  });

  it('a corrupt row reads as not analysed, and other tabs are unaffected', async () => {
    const tabs = new TabTopics();
    await tabs.set(1, topic(1), 1);
    const { storage } = await import('@wxt-dev/storage');
    await storage.setItem(`session:tabTopic:2`, { topic: 'nonsense', at: 'x' });
    expect((await tabs.get(2)).analysed).toBe(false);
    expect((await tabs.get(1)).topic?.url).toBe('https://news.example/a/1');
  });
});
