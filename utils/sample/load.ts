// Loads the bundled sample pack into the cache (on install, and after the cache is cleared).
import type { Store } from '../store';
import { samplePack } from './pack';
import { SAMPLE_PREFIX } from '../context/service';

const TEN_YEARS = 10 * 365 * 24 * 3600_000;

/** Writes every sample context under `sample:<beat>`; returns how many were written. */
export async function loadSamplePack(store: Store): Promise<number> {
  const pack = samplePack();
  for (const ctx of pack) await store.put('snapshots', `${SAMPLE_PREFIX}${ctx.snapshot.beat}`, ctx, TEN_YEARS);
  return pack.length;
}
