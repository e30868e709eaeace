// The narrative engine's public face, for the background wiring and the options page:
// the Narrator service, the pure grounding check and extractive narrative, and the
// disclosure line. Background only: this pulls in @anthropic-ai/sdk.
export { Narrator, defaultClient, fingerprintSnapshot, cacheKey, META_KEYS, type NarratorDeps, type AttachOptions } from './narrator';
export { checkGrounding, quoteIn, extractQuotes, findFigures } from './grounding';
export { extractiveNarrative, PLATFORM_NAMES } from './extractive';
export { generatedDisclosure } from './disclosure';
export { describeNarrativeError, redact } from './errors';
export { estimateUsd } from './pricing';
export type { NarrativeProgress, BudgetStatus, NarrativeCost } from '../schema/narrative';
