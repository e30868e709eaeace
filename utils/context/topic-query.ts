// The query a topic is searched with, built in the background from the detector's entity
// ids and the gazetteer's own names: no word the page wrote (title, an unseen name, a
// query the content script made up) ever reaches an upstream through it.
import type { ContextQuery, PageTopic } from '../schema';
import type { DetectorData } from '../detect/types';

/** The gazetteer entry for an id: its canonical name and kind. */
export interface KnownEntity {
  name: string;
  kind: string;
  aliases: readonly string[];
}

/** Entity id → gazetteer entry (the bundled gazetteer, merged with the hosted API's entity list). */
export type Gazetteer = ReadonlyMap<string, KnownEntity>;

const cache = new WeakMap<DetectorData, Gazetteer>();

/** An index of the detector data's entities by id (built once per data object). */
export function gazetteerOf(data: DetectorData): Gazetteer {
  let g = cache.get(data);
  if (!g) {
    g = new Map(data.entities.map((e) => [e.id, { name: e.name, kind: e.kind, aliases: e.aliases }]));
    cache.set(data, g);
  }
  return g;
}

/** How many entities a query is about, at most (and its cache key). */
export const LEADING = 3;
/** A name joins the lead in a query when its salience is at least this share of the lead's. */
export const NEAR_LEAD = 0.5;

/**
 * The query for a page's topic: the beat, the gazetteer ids of the page's most salient
 * names (up to three, each at least half as salient as the first: a name the article
 * only compares against does not widen the figures) and, as the search text, the
 * gazetteer's canonical name of the first. Unseen names and the title are left out: with
 * no known name the search text is empty and the sources search the beat.
 * Returns null for a topic with no beat.
 */
export function queryForTopic(topic: Pick<PageTopic, 'beat' | 'entities'>, gazetteer: Gazetteer): ContextQuery | null {
  if (!topic.beat) return null;
  // The detector lists names most salient first; whether a name is known is the gazetteer's call, not the report's.
  const known = topic.entities.filter((e) => gazetteer.has(e.id));
  const ranked = known.some((e) => e.salience === undefined) ? known : [...known].sort((a, b) => b.salience! - a.salience!);
  const lead = ranked[0];
  const floor = lead?.salience === undefined ? 0 : lead.salience * NEAR_LEAD;
  const ids = [...new Set(ranked.filter((e) => e.salience === undefined || e.salience >= floor).map((e) => e.id))].slice(0, LEADING);
  return { beat: topic.beat.id, entities: ids, q: lead ? gazetteer.get(lead.id)!.name.slice(0, 200) : '' };
}

/**
 * A query that came from a content script, cut down to what the gazetteer knows: unknown
 * ids are dropped, and the search text is kept only when it is a known entity's name or
 * alias (it becomes the canonical name), else it is the lead entity's name or empty.
 */
export function sanitizeQuery(query: ContextQuery, gazetteer: Gazetteer): ContextQuery {
  const entities = [...new Set(query.entities.filter((id) => gazetteer.has(id)))].slice(0, 10);
  const wanted = query.q.trim().toLowerCase();
  let q = '';
  if (wanted) {
    for (const [id, e] of gazetteer) {
      if (e.name.toLowerCase() === wanted || e.aliases.some((a) => a.toLowerCase() === wanted)) {
        q = e.name;
        if (!entities.includes(id)) entities.unshift(id);
        break;
      }
    }
  }
  if (!q && entities.length) q = gazetteer.get(entities[0]!)!.name;
  return { beat: query.beat, entities: entities.slice(0, 10), q: q.slice(0, 200) };
}
