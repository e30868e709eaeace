// Secrets at rest: the extension origin's own IndexedDB, each value encrypted with
// AES-GCM under a non-extractable CryptoKey kept in the same database. Content scripts
// share storage.local with the extension but run in the page's origin, so neither this
// database nor the key is within their reach; the key cannot be exported even by code
// that can open the database, so a copied profile folder yields ciphertext only.
import { wrap, type IDBPDatabase } from 'idb';
import { z } from 'zod';

/** The secrets kept here: the three the user types in, and the Bluesky session tokens. */
export type SecretName = 'hostedApiKey' | 'blueskyAppPassword' | 'anthropicApiKey' | 'blueskySession';

/** One secret with the origin it was saved for: it is only ever sent to that origin. */
export const BoundSecret = z.object({
  value: z.unknown(),
  origin: z.string().min(1).max(2048),
  savedAt: z.number(),
});
export interface BoundSecret<T = unknown> {
  value: T;
  origin: string;
  savedAt: number;
}

// Checked by tag, not instanceof: structured clones may come from another realm.
const Sealed = z.object({
  iv: z.custom<Uint8Array<ArrayBuffer>>((v) => Object.prototype.toString.call(v) === '[object Uint8Array]'),
  data: z.custom<ArrayBuffer>((v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]'),
});
type Sealed = z.infer<typeof Sealed>;

const DB_NAME = 'undercurrent-secrets';
const KEY_ID = 'aes-gcm-v1';
const MIGRATED = 'migrated-from-storage-local';

interface Options {
  /** IndexedDB to use (fake-indexeddb in tests); the global one by default. */
  indexedDB?: IDBFactory;
  /** WebCrypto (the global one by default). */
  crypto?: Crypto;
  clock?: () => number;
  /** Told about a record that could not be decrypted or parsed (it is then treated as absent). */
  onCorrupt?: (name: string, reason: string) => void;
}

export class SecretStore {
  private db?: Promise<IDBPDatabase>;
  private key?: Promise<CryptoKey>;
  private readonly crypto: Crypto;

  constructor(private readonly o: Options = {}) {
    this.crypto = o.crypto ?? globalThis.crypto;
  }

  private open(): Promise<IDBPDatabase> {
    if (this.db) return this.db;
    // idb's openDB always uses the global factory; tests hand in their own one.
    const request = (this.o.indexedDB ?? indexedDB).open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('keys');
      request.result.createObjectStore('secrets');
    };
    this.db = wrap(request) as unknown as Promise<IDBPDatabase>;
    return this.db;
  }

  /** The AES-GCM key: made once (non-extractable), stored as a CryptoKey object, never as bytes. */
  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= (async () => {
      const db = await this.open();
      const existing = (await db.get('keys', KEY_ID)) as CryptoKey | undefined;
      if (existing) return existing;
      const made = await this.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      // Another worker life may have made one meanwhile: the first one stored wins.
      const tx = db.transaction('keys', 'readwrite');
      const raced = (await tx.store.get(KEY_ID)) as CryptoKey | undefined;
      if (!raced) await tx.store.put(made, KEY_ID);
      await tx.done;
      return raced ?? made;
    })().catch((err) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  /** The secret and its origin, or null when absent or unreadable. */
  async get<T = unknown>(name: SecretName): Promise<BoundSecret<T> | null> {
    const db = await this.open();
    const sealed = Sealed.safeParse(await db.get('secrets', name));
    if (!sealed.success) return null;
    try {
      const plain = await this.crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.data.iv, additionalData: aad(name) }, await this.cryptoKey(), sealed.data.data);
      const parsed = BoundSecret.safeParse(JSON.parse(new TextDecoder().decode(plain)));
      if (!parsed.success) throw new Error('not a bound secret');
      return parsed.data as BoundSecret<T>;
    } catch (err) {
      this.o.onCorrupt?.(name, (err as Error).message || 'decryption failed');
      return null;
    }
  }

  /** Encrypts and stores `value`, bound to `origin`. The record name is authenticated too, so records cannot be swapped. */
  async put(name: SecretName, value: unknown, origin: string): Promise<void> {
    const record: BoundSecret = { value, origin, savedAt: (this.o.clock ?? Date.now)() };
    const iv = this.crypto.getRandomValues(new Uint8Array(12));
    const data = await this.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(name) }, await this.cryptoKey(), new TextEncoder().encode(JSON.stringify(record)));
    const sealed: Sealed = { iv, data };
    await (await this.open()).put('secrets', sealed, name);
  }

  async delete(name: SecretName): Promise<void> {
    await (await this.open()).delete('secrets', name);
  }

  /** True once secrets from storage.local have been moved in (they are taken in only once). */
  async isMigrated(): Promise<boolean> {
    return (await (await this.open()).get('keys', MIGRATED)) === true;
  }

  async markMigrated(): Promise<void> {
    await (await this.open()).put('keys', true, MIGRATED);
  }

  /** Closes the database (tests). */
  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = undefined;
    this.key = undefined;
  }
}

const aad = (name: string) => new TextEncoder().encode(`undercurrent-secret:${name}`);
