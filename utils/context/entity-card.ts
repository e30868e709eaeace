// Hover cards: one entity's mood, volume and top voice (from the context of that entity,
// fetched without a narrative) and, for models, the Hugging Face figures.
import type { ContextService } from './service';
import type { BeatId, EntityCard, EntityKind, ModelStats } from '../schema';
import { HandlerError } from '../messaging/server';
import type { ParsedRequestOf } from '../messaging/protocol';

export interface EntityCardDeps {
  contexts: () => Promise<ContextService>;
  /** Hub figures for a model entity; null when it has none or they cannot be had. */
  modelStats: (entityId: string) => Promise<ModelStats | null>;
  clock: () => number;
  /** The gazetteer's entry for an id: the only source of the name a card searches for. */
  resolve: (entityId: string) => Promise<{ id: string; name: string; kind: EntityKind } | null>;
}

/** Cards are asked about in the page's beat; a name seen outside one is a research topic. */
const DEFAULT_BEAT: BeatId = 'research-models';

export class EntityCards {
  constructor(private readonly deps: EntityCardDeps) {}

  async get(req: ParsedRequestOf<'getEntityCard'>, signal?: AbortSignal): Promise<EntityCard> {
    const entity = await this.deps.resolve(req.id);
    // Names outside the gazetteer are never looked up (they could be anything a page wrote).
    if (!entity) throw new HandlerError('not-found', 'This name is not in the gazetteer; it is not looked up.');
    const beat = req.beat ?? DEFAULT_BEAT;
    // A card shows figures and a top voice, never a narrative: none is written for it.
    const [answer, stats] = await Promise.all([
      (await this.deps.contexts()).get({ beat, entities: [entity.id], q: entity.name }, { narrative: false, signal }),
      entity.kind === 'model' ? this.deps.modelStats(entity.id) : Promise.resolve(null),
    ]);
    const ctx = answer.context;
    // Figures are the name's only when the context was gathered for it. The bundled sample
    // (and any context of another topic) is about the beat: never shown as this name's.
    const forEntity = !!ctx && ctx.freshness.upstream !== 'sample' && ctx.topic.entities.includes(entity.id);
    return {
      entity: { id: entity.id, name: entity.name, kind: entity.kind, known: true },
      beat,
      scope: !ctx ? 'none' : forEntity ? 'entity' : 'beat',
      volume24h: ctx?.snapshot.volume24h ?? 0,
      mood: ctx?.snapshot.mood ?? null,
      topVoice: ctx?.snapshot.keyVoices[0] ?? null,
      stats,
      freshness: ctx
        ? { fetchedAt: ctx.freshness.fetchedAt, stale: ctx.freshness.stale, origin: ctx.freshness.origin, upstream: ctx.freshness.upstream, sampleDate: ctx.freshness.sampleDate, ...(ctx.freshness.server ? { server: ctx.freshness.server } : {}) }
        : { fetchedAt: new Date(this.deps.clock()).toISOString(), stale: true, origin: 'cache', upstream: 'live' },
      errors: ctx?.freshness.errors ?? (answer.error ? [answer.error] : []),
    };
  }
}
