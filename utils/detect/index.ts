// Beat and entity detection over extracted plain text. Pure: runs in the content
// script, the service worker, Node tests and the `detect` command alike.
// (Bootstrap version: weighted term evidence; the tuned detector replaces it.)
import { BEATS } from '../schema/beats';
import type { PageTopic } from '../schema';
import type { DetectorData, ExtractedPage } from './types';

export type { DetectorData, ExtractedPage } from './types';

const AI_HINT = /\b(AI|A\.I\.|artificial intelligence|LLMs?|machine learning|chatbots?|neural|model weights|GPT|generative)\b/;

/** Cheap first look: could this page be about AI at all? Needs no detector data. */
export function prefilter(page: ExtractedPage): boolean {
  return AI_HINT.test(`${page.title}\n${page.lead}\n${page.body.slice(0, 20_000)}`);
}

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Classifies a page into a beat (or null) and finds the entities it names. */
export function detect(page: ExtractedPage, data: DetectorData): PageTopic {
  const text = `${page.title}\n${page.lead}\n${page.body}`;
  const lower = text.toLowerCase();
  const titleLower = `${page.title} ${page.lead}`.toLowerCase();
  const aiEvidence = (text.match(new RegExp(AI_HINT.source, 'g')) ?? []).length;
  const scores = BEATS.map((b) => {
    let s = 0;
    for (const [term, w] of Object.entries(data.beats[b.id].terms)) {
      s += w * (countOccurrences(lower, term) + 2 * countOccurrences(titleLower, term));
    }
    return { id: b.id, raw: s };
  }).sort((a, b) => b.raw - a.raw);
  const total = scores.reduce((a, b) => a + b.raw, 0) || 1;
  const entities: PageTopic['entities'] = [];
  for (const e of data.entities) {
    let count = 0;
    const ranges: [number, number][] = [];
    for (const alias of e.aliases) {
      for (let i = text.indexOf(alias); i !== -1; i = text.indexOf(alias, i + alias.length)) {
        count++;
        if (ranges.length < 20) ranges.push([i, i + alias.length]);
      }
    }
    if (count && (!e.ambiguous || aiEvidence > 0)) entities.push({ id: e.id, name: e.name, kind: e.kind, count, known: true, ranges });
  }
  entities.sort((a, b) => b.count - a.count);
  const top = scores[0]!;
  const isAi = aiEvidence + entities.length >= data.threshold && top.raw > 0;
  return {
    url: page.url,
    kind: page.kind,
    site: page.site,
    title: page.title.slice(0, 500),
    beat: isAi ? { id: top.id, score: Math.round((top.raw / total) * 1000) / 1000 } : null,
    runnersUp: isAi ? scores.slice(1, 4).filter((s) => s.raw > 0).map((s) => ({ id: s.id, score: Math.round((s.raw / total) * 1000) / 1000 })) : [],
    entities: isAi ? entities.slice(0, 60) : [],
    query: isAi ? (entities.slice(0, 2).map((e) => e.name).join(' ') || page.title.slice(0, 80)).slice(0, 200) : '',
  };
}
