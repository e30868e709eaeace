// Schemas private to the narrative engine: what the model must answer (its structured
// output), and the small records the narrator keeps in the store's `meta` area.
import { z } from 'zod';

/**
 * What Claude is asked to return: the Narrative without the fields the extension fills
 * in itself (model, time, disclosure…). Its JSON schema is sent as the output format,
 * and the answer is parsed with it before any grounding check.
 */
export const NarrativeDraft = z.object({
  headline: z.string().min(1).max(200).describe('A factual headline about the discourse, at most 14 words'),
  dek: z.string().min(1).max(400).describe('One sentence under the headline'),
  paragraphs: z
    .array(
      z.object({
        text: z.string().min(1).max(3000),
        citations: z.array(z.string().min(1).max(512)).min(1).max(12).describe('Ids of the posts this paragraph rests on'),
      }),
    )
    .min(1)
    .max(8),
});
export type NarrativeDraft = z.infer<typeof NarrativeDraft>;

/** Tokens spent on narratives on one UTC day (`meta` store, key `narrative:budget`). */
export const NarrativeBudgetRecord = z.object({
  day: z.iso.date(),
  tokens: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative().default(0),
});
export type NarrativeBudgetRecord = z.infer<typeof NarrativeBudgetRecord>;

/** The daily budget as the options page shows it. */
export const BudgetStatus = z.object({
  day: z.iso.date(),
  used: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
  spent: z.boolean(),
});
export type BudgetStatus = z.infer<typeof BudgetStatus>;

/** What the last generated narrative cost (`meta` store, key `narrative:last-cost`). */
export const NarrativeCost = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative(),
  cacheWriteTokens: z.number().int().nonnegative(),
  /** Estimated from the public price list; null for a model we have no price for. */
  usd: z.number().nonnegative().nullable(),
  model: z.string().min(1).max(100),
  /** Requests it took (1, or 2 after a grounding retry). */
  attempts: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
});
export type NarrativeCost = z.infer<typeof NarrativeCost>;

/** Until when the API asked us to stay away (429 Retry-After), as epoch ms. */
export const NarrativeCooldown = z.object({ until: z.number().int().nonnegative(), reason: z.string().max(200) });
export type NarrativeCooldown = z.infer<typeof NarrativeCooldown>;

/**
 * How far a narrative being written has got: which attempt (1, or 2 for the grounding
 * retry) and whether its answer is still arriving or being checked. It carries no text:
 * the model's words reach the screen only once they have passed the grounding check.
 */
export const NarrativeProgress = z.object({
  attempt: z.number().int().min(1).max(2),
  phase: z.enum(['writing', 'checking']),
});
export type NarrativeProgress = z.infer<typeof NarrativeProgress>;
