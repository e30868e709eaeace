// Beat and entity detection over extracted plain text. Pure: runs in the content
// script, the service worker, Node tests and the `detect` command alike.
//
// Method (tunable from data, see utils/detect/data/lexicon.json):
// 1. one pass of a token trie over `${title}\n${lead}\n${body}` counts beat terms
//    (title and lead weighted), AI-evidence terms, and gazetteer names;
// 2. the page is about AI when its AI evidence (terms + confirmed names) reaches a
//    minimum, and in long bodies a minimum density, unless the title/lead carries it;
// 3. each beat scores Σ weight × count^repeatExponent over its terms, plus an
//    `entityPrior` for every confirmed name that belongs to it; the top beat wins,
//    its score is its share of all beat evidence.
import { BEATS, BEAT_IDS, type BeatIdLiteral } from '../schema/beats';
import type { EntityMention, PageTopic } from '../schema';
import { topicUrl } from '../schema/urls';
import { compile, resolveAmbiguous, scan, unseenNames, type CompiledDetector, type RawMatch } from './engine';
import type { DetectorData, ExtractedPage, SalienceWeights } from './types';
import { hasAiHint } from './hint';
import { pageLanguage, type PageLanguage } from './lang';

export type { DetectorData, DetectorEntity, DetectorWeights, ExtractedPage, SalienceWeights } from './types';
export { mergeEntities } from './merge';

/** Cheap look at extracted text: could this page be about AI at all? Needs no detector data. */
export function prefilter(page: ExtractedPage): boolean {
  return hasAiHint(page.title) || hasAiHint(page.lead) || hasAiHint(page.body.slice(0, 50_000)) || (!!page.comments && hasAiHint(page.comments.slice(0, 50_000)));
}

/** The string that entity `ranges` index into: title, lead, body (and a thread's comments) joined by newlines. */
export function pageText(page: ExtractedPage): string {
  return page.comments ? `${page.title}\n${page.lead}\n${page.body}\n${page.comments}` : `${page.title}\n${page.lead}\n${page.body}`;
}

const compiled = new WeakMap<DetectorData, CompiledDetector>();

/** The compiled matcher for `data`, built once per data object. */
export function compileDetector(data: DetectorData): CompiledDetector {
  let c = compiled.get(data);
  if (!c) compiled.set(data, (c = compile(data)));
  return c;
}

/** A name found in a text, with its offsets into that text. */
export interface EntityMatch {
  id: string;
  name: string;
  kind: EntityMention['kind'];
  known: boolean;
  start: number;
  end: number;
}

function toMatch(c: CompiledDetector, m: RawMatch): EntityMatch {
  if (m.entity >= 0) {
    const e = c.entities[m.entity]!;
    return { id: e.id, name: e.name, kind: e.kind, known: true, start: m.start, end: m.end };
  }
  return { id: m.id!, name: m.name!, kind: 'model', known: false, start: m.start, end: m.end };
}

/**
 * Entity names inside an arbitrary text (e.g. one DOM text node), with offsets into it.
 * Ambiguous names (Llama, Apple…) count when AI evidence is near them in `text` or when
 * their id is in `confirmedIds` — pass the ids of the page's `PageTopic.entities`, so a
 * short text node saying only "Claude" is underlined on a page already known to be about Claude.
 */
export function findEntities(text: string, data: DetectorData, confirmedIds?: Iterable<string>, lang: PageLanguage | null = null): EntityMatch[] {
  const c = compileDetector(data);
  const s = scan(c, text, 0, 1, lang);
  let confirmed: Set<number> | undefined;
  if (confirmedIds) {
    const ids = new Set(confirmedIds);
    confirmed = new Set();
    c.entities.forEach((e, i) => ids.has(e.id) && confirmed!.add(i));
  }
  const kept = resolveAmbiguous(s, c.data.weights.ambiguousWindow, confirmed);
  const unseen = unseenNames(c, s, c.data.weights.unseenWindow);
  const out = [...kept, ...unseen].map((m) => toMatch(c, m));
  if (confirmedIds) {
    // Unseen names the page confirmed count here without their context.
    const ids = new Set(confirmedIds);
    for (const m of s.matches) if (m.entity < 0 && m.ambiguous && ids.has(m.id!)) out.push(toMatch(c, m));
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The beat of an AI page with no evidence for any other. */
const DEFAULT_BEAT = BEAT_IDS.indexOf('research-models');

const round = (x: number) => Math.round(x * 1000) / 1000;
const MAX_RANGES = 200;

/** Classifies a page into a beat (or null) and finds the entities it names. */
export function detect(page: ExtractedPage, data: DetectorData): PageTopic {
  const c = compileDetector(data);
  const w = data.weights;
  const text = pageText(page);
  const titleEnd = page.title.length + 1 + page.lead.length;
  const lang = pageLanguage(page.lang, page.body.slice(0, 4000));
  const s = scan(c, text, titleEnd, w.title, lang);
  const kept = resolveAmbiguous(s, w.ambiguousWindow);

  // AI evidence: terms plus names the gazetteer is sure about.
  let aiTitle = s.aiTitle;
  let aiBody = s.aiBody;
  let bodyMentions = 0;
  // A thread's comments add names and beat terms, but only the item itself (title, text)
  // can make the page about AI: one comment naming ChatGPT does not make a bread recipe an AI page.
  const commentsStart = page.comments ? text.length - page.comments.length : text.length;
  let itemMentions = 0;
  for (const p of s.aiPositions) {
    if (s.tokens.starts[p]! >= titleEnd) bodyMentions++;
    if (s.tokens.starts[p]! < commentsStart) itemMentions++;
  }
  for (const m of kept) {
    // Ambiguous names were confirmed by the evidence itself, and big general companies
    // (Apple, Nvidia…) are in the news for many reasons: neither is evidence of AI.
    const e = m.entity >= 0 ? c.entities[m.entity]! : null;
    if (m.ambiguous || e?.general) continue;
    if (m.start < commentsStart) itemMentions++;
    if (m.start < titleEnd) aiTitle += w.entityAiEvidence * w.title;
    else {
      aiBody += w.entityAiEvidence;
      bodyMentions++;
    }
  }
  const words = Math.max(1, s.tokens.length);
  const total = aiTitle + aiBody;
  const isAi =
    total >= w.minAiEvidence && itemMentions > 0 && (aiTitle > 0 || page.kind === 'post' || (bodyMentions >= (w.minBodyMentions ?? 0) && (aiBody * 1000) / words >= w.minAiDensity));

  const raw = new Float64Array(BEAT_IDS.length);
  s.termCounts.forEach((count, t) => {
    if (count === 0) return;
    const scaled = count ** w.repeatExponent;
    for (const [b, weight] of c.termBeats[t]!) raw[b]! += weight * scaled;
  });

  // Group mentions per entity: counts, ranges, where they stand, and priors for their beats.
  const unseen = isAi ? unseenNames(c, s, w.unseenWindow, page.title.length) : [];
  const byId = new Map<string, EntityMention>();
  // Mentions per known entity, title-weighted: its prior grows like a term's, sublinearly,
  // so a page that names ChatGPT 130 times is not filed under ChatGPT's beat on that alone.
  const weighted = new Map<number, number>();
  const place = new Map<string, Placement>();
  const openingEnd = titleEnd + 1 + openingLength(page.body);
  for (const m of [...kept, ...unseen]) {
    const e = toMatch(c, m);
    let mention = byId.get(e.id);
    if (!mention) {
      byId.set(e.id, (mention = { id: e.id, name: e.name, kind: e.kind, count: 0, known: e.known, ranges: [] }));
      place.set(e.id, { where: 0, first: e.start, general: m.entity >= 0 && !!c.entities[m.entity]!.general });
    }
    const at = place.get(e.id)!;
    at.where |= e.start < page.title.length ? IN_TITLE : e.start < titleEnd ? IN_LEAD : e.start < openingEnd ? IN_OPENING : 0;
    at.first = Math.min(at.first, e.start);
    mention.count++;
    if (mention.ranges.length < MAX_RANGES) mention.ranges.push([e.start, e.end]);
    if (m.entity >= 0) weighted.set(m.entity, (weighted.get(m.entity) ?? 0) + (m.start < titleEnd ? w.title : 1));
  }
  weighted.forEach((count, entity) => {
    const beats = c.entityBeats[entity]!;
    const boost = count ** w.repeatExponent * w.entityPrior;
    for (const b of beats) raw[b]! += boost / beats.length;
  });
  const sw = w.salience ?? DEFAULT_SALIENCE;
  inheritHeadline(byId, place);
  for (const m of byId.values()) m.salience = salienceOf(m, place.get(m.id)!, sw);
  // Most salient first; ties go to the more named, then the one named first.
  const entities = [...byId.values()].sort(
    (a, b) => b.salience! - a.salience! || b.count - a.count || place.get(a.id)!.first - place.get(b.id)!.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );

  // Models & Research is where an AI page goes when nothing else stands out (the default
  // below): a prior of its own, so thin evidence for another beat (one "credentials" in a
  // set-up guide) does not outweigh it.
  raw[DEFAULT_BEAT]! += w.defaultBeatPrior ?? 0;

  // Beat indices, best first (a stable sort: ties keep BEAT_IDS order). Plain loops rather
  // than a map/filter/slice chain here: in Chromium the optimised detect() kept bailing
  // out ("wrong map") on the arrays that chain made, one deoptimisation per call.
  const ranked: number[] = [];
  for (let b = 0; b < BEAT_IDS.length; b++) ranked.push(b);
  ranked.sort((a, b) => raw[b]! - raw[a]!);
  let sum = 0;
  for (const b of ranked) sum += raw[b]!;
  // An AI page with no beat evidence at all is about models in general.
  const best = ranked[0]!;
  const topId: BeatIdLiteral = raw[best]! > 0 ? BEAT_IDS[best]! : 'research-models';
  const topRaw = raw[best]! > 0 ? raw[best]! : 0;
  const share = (r: number) => round(sum > 0 ? r / sum : 1);
  const runnersUp: PageTopic['runnersUp'] = [];
  for (const b of ranked) if (runnersUp.length < 3 && BEAT_IDS[b] !== topId && raw[b]! > 0) runnersUp.push({ id: BEAT_IDS[b]!, score: share(raw[b]!) });

  return {
    // Origin and path only: the query string and fragment never leave the tab.
    url: topicUrl(page.url),
    kind: page.kind,
    site: page.site.slice(0, 255),
    title: page.title.slice(0, 500),
    beat: isAi ? { id: topId, score: share(topRaw) } : null,
    runnersUp: isAi ? runnersUp : [],
    entities: isAi ? entities.slice(0, 60) : [],
    query: isAi ? buildQuery(page, entities) : '',
  };
}

/**
 * The search query: one subject, because the search APIs AND their terms. The most salient
 * known name, else the most salient name (a newly seen one). Never the title or any other
 * page text: with no name, the query is empty and the sources search the beat.
 */
function buildQuery(_page: ExtractedPage, entities: EntityMention[]): string {
  const subject = entities.find((e) => e.known) ?? entities[0];
  return (subject?.name ?? '').slice(0, 200);
}

const IN_TITLE = 1;
const IN_LEAD = 2;
const IN_OPENING = 4;

/** Where a name stands on the page: title / lead / opening bits, its first offset, and whether it is a general company. */
interface Placement {
  where: number;
  first: number;
  general: boolean;
}

/** Used when detector data carries no salience weights (data from an older server). */
export const DEFAULT_SALIENCE: SalienceWeights = { headline: 10, title: 4, lead: 2.5, opening: 1.5, frequency: 1, maxFrequency: 4, model: 2.5, unseen: 0.6, general: 0.4 };

/**
 * "DeepSeek releases V3": a headline that names the maker or the family stands for the
 * model the body names in full. A known model whose id extends a known name's id
 * (deepseek → deepseek-v3, llama → llama-3.1) takes that name's title and lead places.
 */
function inheritHeadline(byId: ReadonlyMap<string, EntityMention>, place: ReadonlyMap<string, Placement>): void {
  const heads = [...byId.values()].filter((e) => e.known && place.get(e.id)!.where & (IN_TITLE | IN_LEAD));
  if (!heads.length) return;
  for (const m of byId.values()) {
    if (!m.known || m.kind !== 'model') continue;
    for (const h of heads) if (h !== m && (h.kind === 'model' || h.kind === 'org') && m.id.startsWith(`${h.id}-`)) place.get(m.id)!.where |= place.get(h.id)!.where & (IN_TITLE | IN_LEAD);
  }
}

/**
 * The length of the body's opening paragraph: up to the first paragraph break after a
 * sentence's worth of text (a dateline or byline alone is no paragraph), at most 1,200 characters.
 */
export function openingLength(body: string): number {
  const limit = Math.min(body.length, 1200);
  const br = body.indexOf('\n', Math.min(100, limit));
  return br < 0 || br > limit ? limit : br;
}

function salienceOf(m: EntityMention, at: Placement, sw: SalienceWeights): number {
  let s = (at.where & IN_TITLE ? sw.title : 0) + (at.where & IN_LEAD ? sw.lead : 0) + (at.where & IN_OPENING ? sw.opening : 0);
  s += sw.frequency * Math.min(Math.log2(1 + m.count), sw.maxFrequency);
  if (m.kind === 'model') s += sw.model;
  // A new name is scaled down within its tier: a newly seen name in the headline still leads.
  if (!m.known) s *= sw.unseen;
  if (at.where & (IN_TITLE | IN_LEAD)) s += sw.headline;
  if (at.general) s *= sw.general;
  return round(s);
}

/** The display name of a beat id (for the CLI and UI). */
export function beatName(id: string): string {
  return BEATS.find((b) => b.id === id)?.name ?? id;
}
