// The detector data the content scripts receive: the bundled gazetteer, with entities
// refreshed from the hosted API's `/v1/entities` merged in (kept in IndexedDB), so new
// model names are recognised without an extension update.
import { z } from 'zod';
import { Entity, type Secrets, type Settings } from '../schema';
import type { Store } from '../store';
import type { DetectorData } from '../detect/types';
import { mergeEntities } from '../detect/merge';
import { hostedHeaders, hostedUrl } from './hosted-api';
import { BodyTooLarge, readJsonCapped } from '../net';

const Refreshed = z.object({ fetchedAt: z.number(), entities: z.array(Entity).max(5000) });
/** The last refresh in the store's `meta` area (pinned: it outlives the LRU bound). */
export const GAZETTEER_KEY = 'gazetteer:refreshed';
const KEY = GAZETTEER_KEY;
const REFRESH_EVERY_MS = 24 * 3600_000;
const KEEP_MS = 30 * 24 * 3600_000;
/** 5,000 entities with their aliases fit in well under this; a larger answer is refused unread. */
export const MAX_ENTITIES_BYTES = 4_000_000;

export interface GazetteerDeps {
  store: Store;
  fetch: typeof fetch;
  clock: () => number;
  bundled: DetectorData;
  getSettings: () => Promise<Settings>;
  /** The secrets usable with `settings` (a secret bound to another origin comes back ''): pass the settings the request is built from. */
  getSecrets: (settings: Settings) => Promise<Secrets>;
}

export class GazetteerService {
  private merged: { at: number; data: DetectorData } | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly deps: GazetteerDeps) {}

  /** The bundled data merged with the last refresh; starts a refresh when due (not awaited). */
  async data(): Promise<DetectorData> {
    const row = await this.deps.store.get('meta', KEY, Refreshed);
    if (!row || this.deps.clock() - row.value.fetchedAt > REFRESH_EVERY_MS) void this.refresh().catch(() => {});
    if (!row) return this.deps.bundled;
    if (this.merged?.at !== row.value.fetchedAt) this.merged = { at: row.value.fetchedAt, data: mergeEntities(this.deps.bundled, row.value.entities) };
    return this.merged.data;
  }

  /** Fetches `/v1/entities` when a hosted API is configured; a bad or oversized answer changes nothing. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const settings = await this.deps.getSettings();
    if (!settings.hostedApi.baseUrl) return;
    const { hostedApiKey } = await this.deps.getSecrets(settings);
    const url = hostedUrl(settings.hostedApi.baseUrl, 'v1/entities');
    const res = await this.deps.fetch(url, {
      headers: hostedHeaders(hostedApiKey),
      signal: AbortSignal.timeout(8000),
    });
    if (!res.ok) throw new Error(`Hosted API: /v1/entities answered ${res.status}`);
    let body: unknown;
    try {
      body = await readJsonCapped(res, MAX_ENTITIES_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge) throw new Error(`Hosted API: /v1/entities ${err.message}`);
      throw err;
    }
    const entities = z.array(Entity).max(5000).parse(body);
    await this.deps.store.put('meta', KEY, { fetchedAt: this.deps.clock(), entities }, KEEP_MS);
  }
}
