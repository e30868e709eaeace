// Folds entities refreshed from the hosted API (`/v1/entities`) into the detector data,
// so new model names are underlined without an extension update.
import type { Entity } from '../schema';
import type { DetectorData, DetectorEntity } from './types';

/**
 * Returns new detector data whose gazetteer has `entities` merged in: an entity with a
 * known id replaces the bundled one (its aliases are united), new ids are added ahead of
 * the bundled families so their specific names win the longest match. `data` is not changed.
 */
export function mergeEntities(data: DetectorData, entities: readonly Entity[]): DetectorData {
  const byId = new Map<string, DetectorEntity>(data.entities.map((e) => [e.id, e]));
  const fresh: DetectorEntity[] = [];
  for (const e of entities) {
    const old = byId.get(e.id);
    const merged: DetectorEntity = {
      id: e.id,
      name: e.name,
      kind: e.kind,
      aliases: [...new Set([...(old?.aliases ?? []), ...e.aliases])],
      beats: e.beats.length ? [...e.beats] : [...(old?.beats ?? [])],
      ambiguous: e.ambiguous,
      ...(e.hfRepo ?? old?.hfRepo ? { hfRepo: e.hfRepo ?? old?.hfRepo } : {}),
    };
    if (old) byId.set(e.id, merged);
    else fresh.push(merged);
  }
  const known = data.entities.map((e) => byId.get(e.id)!);
  return { ...data, version: `${data.version}+${entities.length}`, entities: [...fresh, ...known] };
}
