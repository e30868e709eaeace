// Groups a context's posts into themes for the extractive briefing: first by the entities
// they name (the extension's own detector), then by the salient words and word pairs they
// share. Pure and deterministic: the same posts always give the same themes, in the same order.
import { findEntities, type DetectorData } from '../detect';
import type { DiscoursePost } from '../schema';
import { isPlainWord, stemOf, words } from './support';

/** One theme: what ties its posts together, and the posts, most engaged first. */
export interface Theme {
  kind: 'entity' | 'term';
  /** Entity id, or the stem(s) of the term. */
  key: string;
  /** How prose names it, spelled as the posts spell it ("DeepSeek V3", "open weights"). */
  label: string;
  posts: DiscoursePost[];
}

/** What the posts are about, per post: entity ids with their spelling, and term keys. */
export interface PostFeatures {
  entities: Map<string, string>;
  terms: Set<string>;
}

export interface ThemeOptions {
  detector: DetectorData;
  /** Words every post of the context shares by construction (the beat, the query): no theme. */
  common: readonly string[];
  maxThemes: number;
  /** Group by shared terms only (to find what the posts of one entity's theme are about). */
  termsOnly?: boolean;
}

/** Engagement of a post: likes, reposts and replies. */
export const engagement = (p: DiscoursePost) => p.engagement.likes + p.engagement.reposts + p.engagement.replies;

/** Most engaged first; ties by id, so the order never depends on the input's. */
export const byEngagement = (a: DiscoursePost, b: DiscoursePost) => engagement(b) - engagement(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const MIN_TERM_LETTERS = 4;

/** Separates posts in the one text the detector scans: a paragraph break, so no name spans two posts. */
const GAP = '\n\n';

/**
 * Entities (known to the gazetteer) and salient terms of each post. The detector scans
 * all posts as one text — one pass instead of one per post, which is most of the cost —
 * and each match is given back to the post its offsets fall in.
 */
export function featuresOf(posts: readonly DiscoursePost[], detector: DetectorData, common: ReadonlySet<string>): Map<DiscoursePost, PostFeatures> {
  const texts = posts.map((p) => `${p.title ?? ''}\n${p.text}`);
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + GAP.length;
  }
  const joined = texts.join(GAP);
  const out = new Map<DiscoursePost, PostFeatures>();
  posts.forEach((p) => out.set(p, { entities: new Map(), terms: new Set() }));
  const makers = makersOf(detector);
  let i = 0;
  for (const m of findEntities(joined, detector)) {
    if (!m.known) continue;
    while (i + 1 < starts.length && starts[i + 1]! <= m.start) i++; // matches come in text order
    const f = out.get(posts[i]!)!;
    const surface = joined.slice(m.start, m.end);
    if (!f.entities.has(m.id)) f.entities.set(m.id, surface);
    // "DeepSeek V3" is also talk of DeepSeek: a model joins its maker's theme.
    const maker = makers.get(m.id);
    if (maker && !f.entities.has(maker.id)) {
      const head = surface.slice(0, maker.name.length);
      f.entities.set(maker.id, head.toLowerCase() === maker.name.toLowerCase() ? head : maker.name);
    }
  }
  posts.forEach((p, k) => {
    const terms = out.get(p)!.terms;
    // Word pairs only within a clause: "weights. Open" is no term.
    for (const clause of texts[k]!.split(/[.,;:!?()\n\u2014\u2013"“”]+/)) {
      let prev: string | null = null;
      for (const w of words(clause)) {
        // Adverbs ("honestly") tie no posts to a subject.
        const s = w.length >= MIN_TERM_LETTERS && /^\p{L}+$/u.test(w) && !w.endsWith('ly') && !isPlainWord(w) ? stemOf(w) : null;
        // The beat's own words make no theme alone, but may in a pair: "open weights" on Open Source AI.
        if (s !== null && !common.has(s)) terms.add(s);
        if (s !== null && prev !== null && !(common.has(s) && common.has(prev))) terms.add(`${prev} ${s}`);
        prev = s;
      }
    }
  });
  return out;
}

const MAKERS = new WeakMap<DetectorData, Map<string, { id: string; name: string }>>();

/** Models and products whose name starts with an organisation's ("DeepSeek V3" → DeepSeek), once per detector data. */
function makersOf(data: DetectorData): Map<string, { id: string; name: string }> {
  let out = MAKERS.get(data);
  if (out) return out;
  out = new Map();
  const orgs = data.entities.filter((e) => e.kind === 'org');
  const byName = new Map(orgs.map((o) => [o.name.toLowerCase(), o]));
  for (const e of data.entities) {
    if (e.kind === 'org') continue;
    const parts = e.name.split(/\s+/);
    for (let n = parts.length - 1; n >= 1; n--) {
      const org = byName.get(parts.slice(0, n).join(' ').toLowerCase());
      if (org) {
        out.set(e.id, { id: org.id, name: org.name });
        break;
      }
    }
  }
  MAKERS.set(data, out);
  return out;
}

/** The spelling of a term key most used by the posts ("open weights" for "open weight"). */
function termLabel(key: string, posts: readonly DiscoursePost[]): string {
  const stems = key.split(' ');
  const seen = new Map<string, number>();
  for (const p of posts) {
    const ws = words(`${p.title ?? ''}\n${p.text}`);
    for (let i = 0; i + stems.length <= ws.length; i++) {
      if (!stems.every((s, j) => stemOf(ws[i + j]!) === s)) continue;
      const surface = ws.slice(i, i + stems.length).join(' ');
      seen.set(surface, (seen.get(surface) ?? 0) + 1);
    }
  }
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? key;
}

/** An entity's name as the posts write it: the most common spelling, capitalised ones first. */
function entityLabel(id: string, posts: readonly DiscoursePost[], features: Map<DiscoursePost, PostFeatures>): string {
  const seen = new Map<string, number>();
  for (const p of posts) {
    const s = features.get(p)?.entities.get(id);
    if (s) seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  const score = (s: string) => (/\p{Lu}/u.test(s) ? 1000 : 0) + (seen.get(s) ?? 0);
  return [...seen.keys()].sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1))[0] ?? id;
}

/**
 * Themes of a set of posts, biggest first, and the posts no theme took. A theme needs two
 * posts; an entity named in two or more posts comes before any shared term; a post joins
 * the first theme that claims it.
 */
export function findThemes(posts: readonly DiscoursePost[], opts: ThemeOptions): { themes: Theme[]; rest: DiscoursePost[]; features: Map<DiscoursePost, PostFeatures> } {
  const common = new Set(opts.common.flatMap((t) => words(t)).map(stemOf));
  const features = featuresOf(posts, opts.detector, common);
  // Entity names are themes of their own: their words make no second, term theme.
  const nameStems = new Set<string>();
  for (const f of features.values()) for (const name of f.entities.values()) for (const w of words(name)) nameStems.add(stemOf(w));
  const termsOf = new Map<DiscoursePost, string[]>();
  for (const [p, f] of features) termsOf.set(p, [...f.terms].filter((t) => !t.split(' ').some((x) => nameStems.has(x))));
  let left = [...posts].sort(byEngagement);
  const themes: Theme[] = [];

  const countBy = (pick: (f: PostFeatures, p: DiscoursePost) => Iterable<string>) => {
    const counts = new Map<string, { n: number; e: number }>();
    for (const p of left) {
      for (const k of pick(features.get(p)!, p)) {
        const c = counts.get(k) ?? { n: 0, e: 0 };
        c.n++;
        c.e += engagement(p);
        counts.set(k, c);
      }
    }
    return counts;
  };
  const best = (counts: Map<string, { n: number; e: number }>, weight: (k: string) => number) =>
    [...counts.entries()]
      .filter(([, c]) => c.n >= 2)
      .sort(([a, x], [b, y]) => y.n * weight(b) - x.n * weight(a) || y.e - x.e || (a < b ? -1 : 1))[0]?.[0];

  while (themes.length < opts.maxThemes && left.length >= 2) {
    const entity = opts.termsOnly ? undefined : best(countBy((f) => f.entities.keys()), () => 1);
    if (entity) {
      const members = left.filter((p) => features.get(p)!.entities.has(entity));
      themes.push({ kind: 'entity', key: entity, label: entityLabel(entity, members, features), posts: members });
      const taken = new Set(members);
      left = left.filter((p) => !taken.has(p));
      continue;
    }
    // A shared pair of words says more than a shared word: "training data" over "data".
    const termCounts = countBy((_f, p) => termsOf.get(p)!);
    const term = best(termCounts, (k) => (k.includes(' ') ? 1.5 : 1));
    if (!term) break;
    const members = left.filter((p) => features.get(p)!.terms.has(term));
    themes.push({ kind: 'term', key: term, label: termLabel(term, members), posts: members });
    const taken = new Set(members);
    left = left.filter((p) => !taken.has(p));
  }
  themes.sort((a, b) => b.posts.length - a.posts.length || (a.kind === b.kind ? 0 : a.kind === 'entity' ? -1 : 1) || engagement(b.posts[0]!) - engagement(a.posts[0]!));
  return { themes, rest: left, features };
}
