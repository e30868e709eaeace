// The IndexedDB cache (idb): snapshots, narratives, posts, entity stats and small meta
// records, each with a TTL, bounded in size with least-recently-used eviction. Every
// read is parsed; a row that no longer parses is dropped and reported, the rest served.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { z } from 'zod';
import { DiscoursePost, describeZodError } from '../schema';

export const DB_NAME = 'undercurrent';
/**
 * v1: snapshots, narratives. v2: posts (by topic, by time), entityStats, meta, and an
 * access index on every record store for LRU eviction.
 */
export const DB_VERSION = 2;

/** The record stores that hold one value per key. */
export type RecordStoreName = 'snapshots' | 'narratives' | 'entityStats' | 'meta';

export interface RecordRow {
  key: string;
  value: unknown;
  storedAt: number;
  expiresAt: number;
  lastAccess: number;
}

export interface PostRow {
  id: string;
  source: string;
  post: unknown;
  topics: string[];
  createdAtMs: number;
  storedAt: number;
}

interface UndercurrentDB extends DBSchema {
  snapshots: { key: string; value: RecordRow; indexes: { 'by-access': number } };
  narratives: { key: string; value: RecordRow; indexes: { 'by-access': number } };
  entityStats: { key: string; value: RecordRow; indexes: { 'by-access': number } };
  meta: { key: string; value: RecordRow; indexes: { 'by-access': number } };
  posts: { key: string; value: PostRow; indexes: { 'by-topic': string; 'by-time': number; 'by-source': string } };
}

export interface StoreLimits {
  /** Rows per record store before LRU eviction. */
  records: Record<RecordStoreName, number>;
  /** Posts kept before the oldest stored are evicted. */
  posts: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  records: { snapshots: 300, narratives: 300, entityStats: 2000, meta: 500 },
  posts: 20_000,
};

/**
 * Records the LRU bound never evicts, by store: the accounting the user's money and the
 * upstreams' limits depend on (narrative budget, its last cost and cooldown, the request
 * limiter, the refreshed gazetteer) and the bundled sample pack, which is stored once at
 * install and would otherwise be the least recently used row of all. An entry ending in
 * ':' is a key prefix; any other is an exact key. Their TTLs still apply.
 */
export const PINNED: Readonly<Record<RecordStoreName, readonly string[]>> = {
  snapshots: ['sample:'],
  narratives: [],
  entityStats: [],
  // Every narrator record (budget, last cost, cooldown, and any added later): cached narratives live in `narratives`.
  meta: ['narrative:', 'discourse:limiter', 'gazetteer:refreshed'],
};

/** Whether `key` in `store` is kept out of eviction (see {@link PINNED}). */
export function isPinned(store: RecordStoreName, key: string): boolean {
  return PINNED[store].some((p) => (p.endsWith(':') ? key.startsWith(p) : key === p));
}

export interface CorruptRow {
  store: string;
  key: string;
  reason: string;
}

export interface StoreOptions {
  name?: string;
  /** An IDBFactory (fake-indexeddb in tests); defaults to the global one. */
  factory?: IDBFactory;
  clock?: () => number;
  limits?: Partial<StoreLimits>;
  /** Told about every row dropped because it no longer parsed. */
  onCorrupt?: (row: CorruptRow) => void;
}

export interface CachedValue<T> {
  value: T;
  storedAt: number;
  expiresAt: number;
  expired: boolean;
}

const RECORD_STORES: RecordStoreName[] = ['snapshots', 'narratives', 'entityStats', 'meta'];

/** Opens (and upgrades) the database. Exposed for tests of the upgrade path. */
export function openDatabase(name: string, factory?: IDBFactory): Promise<IDBPDatabase<UndercurrentDB>> {
  const open = () =>
    openDB<UndercurrentDB>(name, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          // v1 layout, kept so an upgrade from any version runs the same steps.
          db.createObjectStore('snapshots', { keyPath: 'key' });
          db.createObjectStore('narratives', { keyPath: 'key' });
        }
        if (oldVersion < 2) {
          for (const s of ['snapshots', 'narratives'] as const) {
            tx.objectStore(s).createIndex('by-access', 'lastAccess');
          }
          for (const s of ['entityStats', 'meta'] as const) {
            db.createObjectStore(s, { keyPath: 'key' }).createIndex('by-access', 'lastAccess');
          }
          const posts = db.createObjectStore('posts', { keyPath: 'id' });
          posts.createIndex('by-topic', 'topics', { multiEntry: true });
          posts.createIndex('by-time', 'createdAtMs');
          posts.createIndex('by-source', 'source');
        }
      },
    });
  if (!factory) return open();
  // idb opens through the global indexedDB; swap in the given factory for the call.
  const g = globalThis as { indexedDB?: IDBFactory };
  const previous = g.indexedDB;
  g.indexedDB = factory;
  try {
    return open();
  } finally {
    g.indexedDB = previous;
  }
}

export class Store {
  private constructor(
    private readonly db: IDBPDatabase<UndercurrentDB>,
    private readonly clock: () => number,
    private readonly limits: StoreLimits,
    private readonly onCorrupt: (row: CorruptRow) => void,
  ) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const db = await openDatabase(options.name ?? DB_NAME, options.factory);
    const limits: StoreLimits = {
      records: { ...DEFAULT_LIMITS.records, ...options.limits?.records },
      posts: options.limits?.posts ?? DEFAULT_LIMITS.posts,
    };
    return new Store(db, options.clock ?? Date.now, limits, options.onCorrupt ?? (() => {}));
  }

  close(): void {
    this.db.close();
  }

  /**
   * Reads and parses one record. Expired records are still returned (marked
   * `expired`) so the UI can show the last good data as stale. A row that fails
   * to parse is deleted and reported; the caller sees `undefined`.
   */
  async get<S extends z.ZodType>(store: RecordStoreName, key: string, schema: S): Promise<CachedValue<z.output<S>> | undefined> {
    const tx = this.db.transaction(store, 'readwrite');
    const row = await tx.store.get(key);
    if (!row) {
      await tx.done;
      return undefined;
    }
    const parsed = schema.safeParse(row.value);
    if (!parsed.success) {
      await tx.store.delete(key);
      await tx.done;
      this.onCorrupt({ store, key, reason: describeZodError(parsed.error) });
      return undefined;
    }
    const now = this.clock();
    await tx.store.put({ ...row, lastAccess: now });
    await tx.done;
    return { value: parsed.data, storedAt: row.storedAt, expiresAt: row.expiresAt, expired: now >= row.expiresAt };
  }

  /**
   * Writes one record with a TTL, then evicts least-recently-used rows over the bound,
   * never a pinned one ({@link PINNED}).
   */
  async put(store: RecordStoreName, key: string, value: unknown, ttlMs: number): Promise<void> {
    const now = this.clock();
    const tx = this.db.transaction(store, 'readwrite');
    await tx.store.put({ key, value, storedAt: now, expiresAt: now + ttlMs, lastAccess: now });
    let over = (await tx.store.count()) - this.limits.records[store];
    if (over > 0) {
      let cursor = await tx.store.index('by-access').openCursor();
      while (cursor && over > 0) {
        // Never evict the row just written (even when clocks tie), nor a pinned one.
        const k = cursor.primaryKey as string;
        if (k !== key && !isPinned(store, k)) {
          await cursor.delete();
          over--;
        }
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  async delete(store: RecordStoreName, key: string): Promise<void> {
    await this.db.delete(store, key);
  }

  /** Keys of a record store (for tests and the options page's cache view). */
  async keys(store: RecordStoreName): Promise<string[]> {
    return (await this.db.getAllKeys(store)) as string[];
  }

  /**
   * Stores posts under a topic. A post already stored keeps its other topics, so one
   * post found by two topics is stored once. No post is dated after the time it was
   * first stored: a future `createdAt` (2099) is held to that time, and stays there
   * however often the upstream repeats the claim, since a stored time never moves later.
   */
  async putPosts(posts: readonly DiscoursePost[], topic: string): Promise<void> {
    if (!posts.length) return;
    const now = this.clock();
    const tx = this.db.transaction('posts', 'readwrite');
    for (const given of posts) {
      const existing = await tx.store.get(given.id);
      const topics = existing ? [...new Set([...existing.topics, topic])] : [topic];
      const claimed = Date.parse(given.createdAt);
      // Once stored, a post's time never moves later (a repeated 2099 stays at its first sighting).
      const createdAtMs = Math.min(claimed, now, existing ? Math.min(existing.createdAtMs, existing.storedAt) : Infinity);
      const post = createdAtMs === claimed ? given : { ...given, createdAt: new Date(createdAtMs).toISOString() };
      await tx.store.put({ id: post.id, source: post.source, post, topics, createdAtMs, storedAt: now });
    }
    const over = (await tx.store.count()) - this.limits.posts;
    if (over > 0) {
      // The oldest posts by time go first: they have left every window we show.
      let cursor = await tx.store.index('by-time').openCursor();
      for (let i = 0; cursor && i < over; i++) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  /** Posts of a topic created at or after `sinceMs`, newest first. Corrupt rows are dropped and reported. */
  async getPosts(topic: string, sinceMs = 0): Promise<DiscoursePost[]> {
    const tx = this.db.transaction('posts', 'readwrite');
    const rows = await tx.store.index('by-topic').getAll(topic);
    const out: DiscoursePost[] = [];
    for (const row of rows) {
      // Rows stored before dates were held to the time seen: the time stored stands in.
      const at = Math.min(row.createdAtMs, row.storedAt);
      if (at < sinceMs) continue;
      const parsed = DiscoursePost.safeParse(row.post);
      if (parsed.success) out.push(at < row.createdAtMs ? { ...parsed.data, createdAt: new Date(at).toISOString() } : parsed.data);
      else {
        await tx.store.delete(row.id);
        this.onCorrupt({ store: 'posts', key: row.id, reason: describeZodError(parsed.error) });
      }
    }
    await tx.done;
    return out.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  async countPosts(): Promise<number> {
    return this.db.count('posts');
  }

  /** Empties every store (options page "clear cache"). */
  async clear(): Promise<void> {
    const tx = this.db.transaction([...RECORD_STORES, 'posts'], 'readwrite');
    await Promise.all([...RECORD_STORES, 'posts' as const].map((s) => tx.objectStore(s).clear()));
    await tx.done;
  }
}
