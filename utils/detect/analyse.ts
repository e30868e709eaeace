// The one path from a Document to a topic, shared by the content script and the
// `detect` command so the two cannot disagree: leave-alone rules, the first look,
// extraction, the prefilter, then detection. The caller supplies how extraction runs
// (in slices in a page, at once in Node) and where the detector data comes from.
import type { PageTopic } from '../schema';
import { extractorFor, leaveAloneReason } from '../extract';
import { firstLook } from '../extract/first-look';
import { detect, prefilter } from './index';
import type { DetectorData, ExtractedPage } from './types';

/** How far a page got, and why it stopped. */
export type AnalysisStage =
  /** A page never read (search results, an inbox, an editor…). */
  | 'left-alone'
  /** Title, meta, headings and lead carry no sign of AI: not read further. */
  | 'first-look'
  /** No article or post could be read. */
  | 'not-article'
  /** The extracted text carries no sign of AI: the gazetteer was never fetched. */
  | 'prefilter'
  /** The detector ran (the topic may still have no beat). */
  | 'detected'
  /** Detector data could not be had. */
  | 'no-data';

export interface Analysis {
  stage: AnalysisStage;
  /** Why the page was left alone, for stage `left-alone`. */
  reason?: string;
  /** The name of the extractor that owns the page. */
  extractor: string | null;
  page: ExtractedPage | null;
  /** The detector's answer, for stage `detected` (its beat is null on pages not about AI). */
  topic: PageTopic | null;
}

export interface AnalyseDeps {
  /** Extracts the page (sliced in the content script, at once in Node). */
  extract(doc: Document, url: string): Promise<ExtractedPage | null> | ExtractedPage | null;
  /** The detector data, fetched only when a page passes the prefilter. */
  data(): Promise<DetectorData | null> | DetectorData | null;
  /** Called between extraction and detection (the content script yields to the page). */
  between?(): Promise<void>;
}

/** Runs the shared path on `doc` at `url`. */
export async function analysePage(doc: Document, url: string, deps: AnalyseDeps): Promise<Analysis> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { stage: 'left-alone', reason: 'not a web page', extractor: null, page: null, topic: null };
  }
  const reason = leaveAloneReason(u, doc);
  if (reason) return { stage: 'left-alone', reason, extractor: null, page: null, topic: null };
  const extractor = extractorFor(u, doc).name;
  // Site extractors read one post, cheaply; the first look guards the general reader,
  // which walks a whole article.
  if (extractor === 'news' && !firstLook(doc)) return { stage: 'first-look', extractor, page: null, topic: null };
  const page = await deps.extract(doc, url);
  if (!page) return { stage: 'not-article', extractor, page: null, topic: null };
  if (!prefilter(page)) return { stage: 'prefilter', extractor, page, topic: null };
  const data = await deps.data();
  if (!data) return { stage: 'no-data', extractor, page, topic: null };
  await deps.between?.();
  return { stage: 'detected', extractor, page, topic: detect(page, data) };
}
