// Shapes shared by the extractor, the detector and the data they are tuned with.
import type { BeatIdLiteral } from '../schema/beats';

/** What the extractor hands the detector: plain text, no DOM. */
export interface ExtractedPage {
  url: string;
  site: string;
  kind: 'article' | 'post';
  title: string;
  /** Lead / description, weighted like the title. */
  lead: string;
  body: string;
  author?: string;
}

/** Gazetteer and beat weights. Bundled in the background, handed to content scripts on demand. */
export interface DetectorData {
  version: string;
  beats: Record<BeatIdLiteral, { terms: Record<string, number> }>;
  entities: { id: string; name: string; kind: 'model' | 'org' | 'product' | 'chip'; aliases: string[]; beats: BeatIdLiteral[]; ambiguous?: boolean }[];
  /** Minimum evidence for a page to be "about AI". */
  threshold: number;
}
