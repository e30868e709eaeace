// Hover cards: one entity's mood, volume and top voice (from the context of that entity,
// fetched without a narrative) and, for models, the Hugging Face figures.
import type { ContextService } from './service';
import type { BeatId, EntityCard, ModelStats } from '../schema';
import type { ParsedRequestOf } from '../messaging/protocol';

export interface EntityCardDeps {
  contexts: () => Promise<ContextService>;
  /** Hub figures for a model entity; null when it has none or they cannot be had. */
  modelStats: (entityId: string) => Promise<ModelStats | null>;
  clock: () => number;
}

/** Cards are asked about in the page's beat; a name seen outside one is a research topic. */
const DEFAULT_BEAT: BeatId = 'research-models';

export class EntityCards {
  constructor(private readonly deps: EntityCardDeps) {}

  async get(req: ParsedRequestOf<'getEntityCard'>, signal?: AbortSignal): Promise<EntityCard> {
    const beat = req.beat ?? DEFAULT_BEAT;
    // A card shows figures and a top voice, never a narrative: none is written for it.
    const [answer, stats] = await Promise.all([
      (await this.deps.contexts()).get({ beat, entities: [req.id], q: req.name }, { narrative: false, signal }),
      req.kind === 'model' ? this.deps.modelStats(req.id) : Promise.resolve(null),
    ]);
    const ctx = answer.context;
    return {
      entity: { id: req.id, name: req.name, kind: req.kind, known: req.known },
      beat,
      volume24h: ctx?.snapshot.volume24h ?? 0,
      mood: ctx?.snapshot.mood ?? null,
      topVoice: ctx?.snapshot.keyVoices[0] ?? null,
      stats,
      freshness: ctx
        ? { fetchedAt: ctx.freshness.fetchedAt, stale: ctx.freshness.stale, origin: ctx.freshness.origin, upstream: ctx.freshness.upstream, sampleDate: ctx.freshness.sampleDate }
        : { fetchedAt: new Date(this.deps.clock()).toISOString(), stale: true, origin: 'cache', upstream: 'live' },
      errors: ctx?.freshness.errors ?? (answer.error ? [answer.error] : []),
    };
  }
}
