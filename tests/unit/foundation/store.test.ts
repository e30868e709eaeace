import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { IDBFactory } from 'fake-indexeddb';
import { z } from 'zod';
import { DB_VERSION, Store, type CorruptRow } from '../../../utils/store';
import type { DiscoursePost } from '../../../utils/schema';

const Value = z.object({ n: z.number() });

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function post(i: number, hoursAgo: number, now: number): DiscoursePost {
  return {
    id: `hackernews:${i}`,
    source: 'hackernews',
    author: { name: `user${i}` },
    text: `post ${i}`,
    url: `https://news.ycombinator.com/item?id=${i}`,
    createdAt: new Date(now - hoursAgo * 3600_000).toISOString(),
    engagement: { likes: i, reposts: 0, replies: 0 },
    sentiment: null,
  };
}

describe('Store', () => {
  it('serves a record until its TTL and then marks it expired (still returned)', async () => {
    const c = clock();
    const store = await Store.open({ factory: new IDBFactory(), clock: c.now });
    await store.put('snapshots', 'k', { n: 1 }, 1000);
    expect((await store.get('snapshots', 'k', Value))?.expired).toBe(false);
    c.advance(1000);
    const row = await store.get('snapshots', 'k', Value);
    expect(row?.expired).toBe(true);
    expect(row?.value).toEqual({ n: 1 });
  });

  it('evicts the least recently used rows over the bound', async () => {
    const c = clock();
    const store = await Store.open({ factory: new IDBFactory(), clock: c.now, limits: { records: { snapshots: 3, narratives: 3, entityStats: 3, meta: 3 } } });
    for (const k of ['a', 'b', 'c']) {
      await store.put('snapshots', k, { n: 1 }, 60_000);
      c.advance(10);
    }
    await store.get('snapshots', 'a', Value); // a is now the most recently used
    c.advance(10);
    await store.put('snapshots', 'd', { n: 1 }, 60_000);
    expect((await store.keys('snapshots')).sort()).toEqual(['a', 'c', 'd']);
  });

  it('drops a corrupt row, reports it, and serves the rest', async () => {
    const factory = new IDBFactory();
    const corrupt: CorruptRow[] = [];
    const store = await Store.open({ factory, onCorrupt: (r) => corrupt.push(r) });
    await store.put('snapshots', 'good', { n: 1 }, 60_000);
    await store.put('snapshots', 'bad', { n: 'not a number' }, 60_000);
    expect(await store.get('snapshots', 'bad', Value)).toBeUndefined();
    expect(corrupt).toEqual([{ store: 'snapshots', key: 'bad', reason: expect.stringContaining('n:') }]);
    expect(await store.keys('snapshots')).toEqual(['good']);
    expect((await store.get('snapshots', 'good', Value))?.value).toEqual({ n: 1 });
  });

  it('drops corrupt post rows and returns the others', async () => {
    const factory = new IDBFactory();
    const c = clock(Date.parse('2026-11-23T12:00:00Z'));
    const corrupt: CorruptRow[] = [];
    const store = await Store.open({ factory, clock: c.now, onCorrupt: (r) => corrupt.push(r) });
    await store.putPosts([post(1, 1, c.now()), post(2, 2, c.now())], 'topic');
    store.close();
    // Damage one row behind the store's back, as a bad migration or another writer might.
    const raw = await (globalThis.indexedDB = factory, openDB('undercurrent', DB_VERSION));
    const row = await raw.get('posts', 'hackernews:2');
    await raw.put('posts', { ...row, post: { ...row.post, url: 'not a url' } });
    raw.close();
    const reopened = await Store.open({ factory, clock: c.now, onCorrupt: (r) => corrupt.push(r) });
    const posts = await reopened.getPosts('topic');
    expect(posts.map((p) => p.id)).toEqual(['hackernews:1']);
    expect(corrupt.map((r) => r.key)).toEqual(['hackernews:2']);
  });

  it('keeps one row per post across topics and filters by time', async () => {
    const c = clock(Date.parse('2026-11-23T12:00:00Z'));
    const store = await Store.open({ factory: new IDBFactory(), clock: c.now });
    await store.putPosts([post(1, 1, c.now()), post(2, 30, c.now())], 'a');
    await store.putPosts([post(1, 1, c.now())], 'b');
    expect(await store.countPosts()).toBe(2);
    expect((await store.getPosts('b')).map((p) => p.id)).toEqual(['hackernews:1']);
    expect((await store.getPosts('a', c.now() - 24 * 3600_000)).map((p) => p.id)).toEqual(['hackernews:1']);
  });

  it('evicts the oldest posts over the post bound', async () => {
    const c = clock(Date.parse('2026-11-23T12:00:00Z'));
    const store = await Store.open({ factory: new IDBFactory(), clock: c.now, limits: { posts: 3 } });
    await store.putPosts([1, 2, 3, 4, 5].map((i) => post(i, i, c.now())), 't');
    expect((await store.getPosts('t')).map((p) => p.id)).toEqual(['hackernews:1', 'hackernews:2', 'hackernews:3']);
  });

  it('upgrades a version-1 database and keeps its rows', async () => {
    const factory = new IDBFactory();
    globalThis.indexedDB = factory;
    const v1 = await openDB('undercurrent', 1, {
      upgrade(db) {
        db.createObjectStore('snapshots', { keyPath: 'key' });
        db.createObjectStore('narratives', { keyPath: 'key' });
      },
    });
    await v1.put('snapshots', { key: 'old', value: { n: 7 }, storedAt: 1, expiresAt: Number.MAX_SAFE_INTEGER, lastAccess: 1 });
    v1.close();
    const store = await Store.open({ factory });
    expect((await store.get('snapshots', 'old', Value))?.value).toEqual({ n: 7 });
    await store.put('meta', 'x', { n: 1 }, 1000);
    await store.putPosts([post(1, 1, Date.now())], 't');
    expect(await store.countPosts()).toBe(1);
  });

  it('clears every store', async () => {
    const store = await Store.open({ factory: new IDBFactory() });
    await store.put('meta', 'x', { n: 1 }, 1000);
    await store.putPosts([post(1, 1, Date.now())], 't');
    await store.clear();
    expect(await store.keys('meta')).toEqual([]);
    expect(await store.countPosts()).toBe(0);
  });
});
