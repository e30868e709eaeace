// The zod schema of DetectorData, so the background can parse detector data refreshed
// from the hosted API or read back from IndexedDB before handing it to content scripts.
// The detector itself imports only the plain types (utils/detect/types.ts), not zod.
import { z } from 'zod';
import { BEAT_IDS } from './beats';
import type { DetectorData } from '../detect/types';

const BeatIdSchema = z.enum(BEAT_IDS);
const weight = z.number().finite().min(0).max(100);
const term = z.string().min(1).max(80);
const terms = z.record(term, weight).refine((r) => Object.keys(r).length <= 400, 'at most 400 terms');

export const DetectorEntitySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'entity ids are lower-case slugs').max(80),
  name: z.string().min(1).max(120),
  kind: z.enum(['model', 'org', 'product', 'chip', 'dataset', 'benchmark', 'person']),
  aliases: z.array(z.string().min(1).max(120)).max(40).default([]),
  beats: z.array(BeatIdSchema).max(15).default([]),
  ambiguous: z.boolean().optional(),
  general: z.boolean().optional(),
  exact: z.boolean().optional(),
  hfRepo: z.string().max(200).optional(),
});

export const DetectorWeightsSchema = z.object({
  title: weight,
  entityPrior: weight,
  repeatExponent: z.number().min(0).max(2),
  minAiEvidence: weight,
  minAiDensity: weight,
  entityAiEvidence: weight,
  ambiguousWindow: z.number().int().min(0).max(500),
  unseenWindow: z.number().int().min(0).max(500),
  minBodyMentions: z.number().int().min(0).max(100).optional(),
  salience: z
    .object({
      headline: weight,
      title: weight,
      lead: weight,
      opening: weight,
      frequency: weight,
      maxFrequency: weight,
      model: weight,
      unseen: z.number().min(0).max(1),
      general: z.number().min(0).max(1),
    })
    .optional(),
});

/** Detector data: gazetteer, beat lexicons and weights (see utils/detect/types.ts). */
export const DetectorDataSchema = z.object({
  version: z.string().min(1).max(100),
  weights: DetectorWeightsSchema,
  ai: z.object({ terms, upper: z.array(term).max(100), lang: z.record(term, z.array(z.enum(['en', 'de', 'fr', 'es'])).max(4)).optional() }),
  commonWords: z.record(z.enum(['en', 'de', 'fr', 'es']), z.array(term).max(500)).optional(),
  modelContext: z.array(term).max(400),
  notModels: z.array(term).max(2000),
  beats: z.object(Object.fromEntries(BEAT_IDS.map((id) => [id, z.object({ terms })])) as Record<(typeof BEAT_IDS)[number], z.ZodObject<{ terms: typeof terms }>>),
  entities: z.array(DetectorEntitySchema).max(20_000),
});

// The schema and the detector's hand-written type must describe the same shape.
type Parsed = z.output<typeof DetectorDataSchema>;
const _sameShape: (p: Parsed) => DetectorData = (p) => p;
void _sameShape;

/** Parses untrusted detector data; throws a ZodError when it does not fit. */
export function parseDetectorData(raw: unknown): DetectorData {
  return DetectorDataSchema.parse(raw);
}
