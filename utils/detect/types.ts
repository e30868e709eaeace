// Shapes shared by the extractor, the detector and the data they are tuned with.
// Plain types only: the always-on content script imports this without paying for zod.
import type { BeatIdLiteral } from '../schema/beats';

/** What the extractor hands the detector: plain text, no DOM. */
export interface ExtractedPage {
  url: string;
  site: string;
  kind: 'article' | 'post';
  /** The page's declared language (`<html lang>`), when it has one. */
  lang?: string;
  title: string;
  /** Lead / description, weighted like the title. */
  lead: string;
  body: string;
  /**
   * A thread's comments (Hacker News, Reddit, Mastodon replies), read after the body: they
   * add names and beat terms, but only the item itself can make the page about AI.
   */
  comments?: string;
  author?: string;
}

export type EntityKindLiteral = 'model' | 'org' | 'product' | 'chip' | 'dataset' | 'benchmark' | 'person';

/** One gazetteer entry as the detector uses it (the same fields as the `Entity` schema). */
export interface DetectorEntity {
  id: string;
  name: string;
  kind: EntityKindLiteral;
  /** Spellings to match; case, hyphens/spaces and diacritics are folded by the matcher. */
  aliases: string[];
  beats: BeatIdLiteral[];
  /** Counts only with AI evidence nearby (Llama, Mistral, Gemini, Apple…). */
  ambiguous?: boolean;
  /** A big company in the news for many reasons (Apple, Nvidia): its name is no evidence of AI. */
  general?: boolean;
  /** Matched only as spelled (case and separators): xAI, not XAI (explainable AI). */
  exact?: boolean;
  hfRepo?: string;
}

/** Tunable weights of the beat classifier and the "is this about AI" gate. */
export interface DetectorWeights {
  /** Multiplier for terms found in the title or lead. */
  title: number;
  /** Evidence a known entity adds to each of its beats (split across them). */
  entityPrior: number;
  /** Per-term repeats beyond the first add with this exponent (sublinear). */
  repeatExponent: number;
  /** Minimum AI evidence (sum of AI-term weights, title-boosted, plus entities) for a page to be about AI. */
  minAiEvidence: number;
  /** Minimum AI evidence per 1,000 words when the title and lead carry none. */
  minAiDensity: number;
  /** AI evidence one confirmed entity mention adds. */
  entityAiEvidence: number;
  /** Tokens either side in which an ambiguous name needs AI evidence. */
  ambiguousWindow: number;
  /** Tokens either side in which a model-shaped unknown name needs model context. */
  unseenWindow: number;
  /**
   * Minimum number of AI mentions (terms and names) in the body when the title and lead
   * carry none: a story that mentions a chatbot once is not about AI.
   */
  minBodyMentions?: number;
  /** Evidence Models & Research, the default beat of an AI page, has before any term is read. */
  defaultBeatPrior?: number;
  /** How the page's names are ranked by how much the page is about each (see `SalienceWeights`). */
  salience?: SalienceWeights;
}

/**
 * Salience of a name: where it stands (title, lead, the body's opening paragraph) counts
 * more than how often it is named, so an article about OLMo 3 that compares it with Llama
 * a dozen times is still about OLMo 3. Score = title + lead + opening (each once, when the
 * name appears there) + frequency × min(log2(1 + mentions), maxFrequency) + model (a model
 * is the most specific subject), × unseen for a name the gazetteer does not know; then
 * + headline for a name in the title or lead (a tier no body-only name reaches), and
 * × general for a big company in the news for many reasons.
 */
export interface SalienceWeights {
  headline: number;
  title: number;
  lead: number;
  opening: number;
  frequency: number;
  maxFrequency: number;
  model: number;
  unseen: number;
  general: number;
}

/** Gazetteer, beat lexicons and weights. Bundled in the background, handed to content scripts on demand. */
export interface DetectorData {
  version: string;
  weights: DetectorWeights;
  /** Terms that say "this is about AI" (lower-case; multi-word allowed), with their weights. */
  ai: {
    terms: Record<string, number>;
    /** Terms that count only when written in capitals (AI, LLM, AGI, KI, IA). */
    upper: string[];
    /** Terms that count only on pages in these languages (KI in German, IA in French and Spanish). */
    lang?: Record<string, string[]>;
  };
  /** Names that are everyday words in a language ("imagen" in Spanish): not names on pages in it, unless versioned. */
  commonWords?: Record<string, string[]>;
  /** Words that make a model-shaped unknown name a model ("weights", "parameters", "checkpoint"…). */
  modelContext: string[];
  /** Capitalised words that look like model names but never are (Windows 11, Section 230, iPhone 16…). */
  notModels: string[];
  beats: Record<BeatIdLiteral, { terms: Record<string, number> }>;
  entities: DetectorEntity[];
}
