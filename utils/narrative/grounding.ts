// The grounding check a narrative must pass before anyone sees it: every paragraph
// cites posts that exist, every quoted span is verbatim in a cited post, every figure
// matches the snapshot. Pure: runs on generated, hosted and cached narratives alike.
import { Narrative, describeZodError, type DiscoursePost, type DiscourseSnapshot, type GroundingProblem } from '../schema';

/** Which part of a narrative a problem is in: a paragraph index, or -1 for headline and dek. */
const HEAD = -1;

/**
 * Checks a narrative against the posts it claims to rest on and the snapshot whose
 * figures it reports. Returns every problem found; an empty list means it may be shown.
 * The narrative is parsed first, so anything (a model's answer, a hosted record) may be passed.
 */
export function checkGrounding(narrative: unknown, posts: readonly DiscoursePost[], snapshot: DiscourseSnapshot): GroundingProblem[] {
  const parsed = Narrative.safeParse(narrative);
  if (!parsed.success) return [{ check: 'schema', paragraph: HEAD, detail: clip(`not a narrative: ${describeZodError(parsed.error)}`) }];
  const n = parsed.data;
  const problems: GroundingProblem[] = [];
  if (n.beat !== snapshot.beat) {
    problems.push({ check: 'schema', paragraph: HEAD, detail: `written about beat "${n.beat}", but the snapshot is about "${snapshot.beat}"` });
  }

  const byId = new Map(posts.map((p) => [p.id, p]));
  const figures = allowedFigures(posts, snapshot);

  for (const [field, text] of [['headline', n.headline], ['dek', n.dek]] as const) {
    for (const quote of extractQuotes(text)) {
      if (!posts.some((p) => quoteIn(quote, p))) {
        problems.push({ check: 'quote-mismatch', paragraph: HEAD, detail: clip(`the ${field} quotes ${show(quote)}, which is in none of the posts`) });
      }
    }
    for (const f of findFigures(stripQuotes(text))) {
      if (!figureMatches(f, figures)) problems.push({ check: 'figure-mismatch', paragraph: HEAD, detail: clip(`the ${field} says ${show(f.raw)}: ${figureHint(f, figures)}`) });
    }
  }

  n.paragraphs.forEach((para, i) => {
    const label = `paragraph ${i + 1}`;
    if (para.citations.length === 0) problems.push({ check: 'citation-missing', paragraph: i, detail: `${label} cites no post` });
    const cited: DiscoursePost[] = [];
    for (const id of new Set(para.citations)) {
      const post = byId.get(id);
      if (post) cited.push(post);
      else problems.push({ check: 'citation-unknown', paragraph: i, detail: clip(`${label} cites "${id}", which is not one of the posts given`) });
    }
    for (const quote of extractQuotes(para.text)) {
      if (cited.some((p) => quoteIn(quote, p))) continue;
      const source = posts.find((p) => quoteIn(quote, p));
      problems.push(
        source
          ? { check: 'citation-missing', paragraph: i, detail: clip(`${label} quotes ${show(quote)} from post "${source.id}" without citing it`) }
          : { check: 'quote-mismatch', paragraph: i, detail: clip(`${label} quotes ${show(quote)}, which is not verbatim in any post it cites`) },
      );
    }
    for (const f of findFigures(stripQuotes(para.text))) {
      if (!figureMatches(f, figures)) problems.push({ check: 'figure-mismatch', paragraph: i, detail: clip(`${label} says ${show(f.raw)}: ${figureHint(f, figures)}`) });
    }
  });
  return problems.slice(0, 50);
}

// ── Quotes ───────────────────────────────────────────────────────────────────

// Paired quotation marks, most specific first; a straight pair is only looked for once
// the curly pairs are taken out, so a straight quote inside a curly one stays part of it.
const QUOTE_PATTERNS: RegExp[] = [
  /\u201C([^\u201C\u201D]+)\u201D/g, // “…”
  /\u201E([^\u201C\u201D\u201E]+)[\u201C\u201D]/g, // „…“
  /\u00AB\u00A0?([^\u00AB\u00BB]+?)\u00A0?\u00BB/g, // «…»
  /"([^"]+)"/g,
  // ‘…’ only at word boundaries, so the apostrophe in "it’s" does not open or close one.
  /(?<=^|[\s([{\u2014\u2013-])\u2018(.+?)\u2019(?=$|[\s.,;:!?)\]}\u2014\u2013-])/g,
  // Straight single quotes the same way ("the users' posts" has no opening one).
  /(?<=^|[\s([{\u2014\u2013])'(\S(?:.*?\S)?)'(?=$|[\s.,;:!?)\]}\u2014\u2013])/g,
];

/** Quoted spans in a text, in the order the patterns find them. */
export function extractQuotes(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (const re of QUOTE_PATTERNS) {
    rest = rest.replace(re, (_m, inner: string) => {
      if (inner.trim()) out.push(inner.trim());
      return ' ';
    });
  }
  return out;
}

/** The text with its quoted spans blanked out (figures inside quotes belong to the post). */
export function stripQuotes(text: string): string {
  return QUOTE_PATTERNS.reduce((t, re) => t.replace(re, ' '), text);
}

/** Folds what may legitimately differ between a quote and its source: quote styles, spaces, width forms. */
function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const ELLIPSIS = /\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*/;

/** Whether a quoted span is verbatim in a post; "…" may join fragments that appear in order. */
export function quoteIn(quote: string, post: Pick<DiscoursePost, 'text' | 'title'>): boolean {
  const haystacks = [post.text, post.title ?? ''].filter(Boolean).map(normalize);
  const q = normalize(quote);
  const variants = new Set([q, q.replace(/[.,;:!?]+$/, '')]);
  for (const v of variants) {
    const fragments = v.split(ELLIPSIS).map((f) => f.trim()).filter(Boolean);
    if (!fragments.length) continue;
    if (haystacks.some((h) => fragmentsInOrder(fragments, h))) return true;
  }
  return false;
}

function fragmentsInOrder(fragments: string[], haystack: string): boolean {
  let from = 0;
  for (const [i, f] of fragments.entries()) {
    // A quote may open with a capital where the post runs mid-sentence, and vice versa.
    const forms = i === 0 ? [f, f.charAt(0).toLowerCase() + f.slice(1), f.charAt(0).toUpperCase() + f.slice(1)] : [f];
    let at = -1;
    for (const form of forms) {
      const j = haystack.indexOf(form, from);
      if (j !== -1 && (at === -1 || j < at)) at = j;
    }
    if (at === -1) return false;
    from = at + f.length;
  }
  return true;
}

// ── Figures ──────────────────────────────────────────────────────────────────

/** A figure the text states: a count of things, a percentage, points, or a sentiment score. */
export interface Figure {
  kind: 'count' | 'percent' | 'points' | 'score';
  /** For counts: what is counted. */
  of?: CountOf;
  value: number;
  /** How far off it may be and still be a rounding of the true value. */
  tolerance: number;
  raw: string;
}

/** What a counted noun counts, so "300 people" is checked against people, not against 310 Hacker News posts. */
export type CountOf = 'posts' | 'people' | 'engagement' | 'sources';

const COUNT_NOUNS = new Map<string, CountOf>([
  ...'post posts mention mentions record records item items story stories article articles thread threads message messages headlines reports skeets toots tweets submissions'
    .split(' ')
    .map((w) => [w, 'posts'] as const),
  ...'people person users user accounts account authors author voices voice commenters posters'.split(' ').map((w) => [w, 'people'] as const),
  ...'likes like reposts repost replies reply interactions interaction upvotes upvote comments comment shares boosts favourites favorites'.split(' ').map((w) => [w, 'engagement'] as const),
  ...'sources source platforms platform outlets outlet networks sites'.split(' ').map((w) => [w, 'sources'] as const),
]);

const NUMBER = /(?<![\w.,\u2212-])([-\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?([kK])\b|\s+(thousand)\b)?(?![\w]|[.,]\d)/g;

/** Finds the figures a text states. Years, model versions and hours are not figures. */
export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const [raw, sign, intPart, dec, k, thousand] = m;
    const int = intPart ?? '';
    const decimals = dec?.length ?? 0;
    const mult = k || thousand ? 1000 : 1;
    let value = Number(`${int.replace(/,/g, '')}${dec ? `.${dec}` : ''}`) * mult;
    if (sign) value = -value;
    const after = text.slice(m.index + raw.length, m.index + raw.length + 60);
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const precision = mult > 1 ? mult * 10 ** -decimals : 10 ** -decimals;

    if (/^\s?(?:%|percent\b|per cent\b)/i.test(after)) {
      // "percentage points" is a difference of shares, not a share.
      const kind = /^\s?(?:percent(?:age)?\s+points?|per cent\s+points?)\b/i.test(after) ? 'points' : 'percent';
      out.push({ kind, value, tolerance: precision, raw: raw + (after.match(/^\s?(?:%|percentage points?|percent(?:\s+points?)?|per cent)/i)?.[0] ?? '') });
      continue;
    }
    if (/^\s+(?:percentage\s+)?points?\b/i.test(after)) {
      out.push({ kind: 'points', value, tolerance: precision, raw: raw + after.match(/^\s+(?:percentage\s+)?points?/i)![0] });
      continue;
    }
    if (/\bscore\s*(?:of|at|is|was|to|from|:)?\s*$/i.test(before) && decimals > 0 && Math.abs(value) <= 1) {
      out.push({ kind: 'score', value, tolerance: precision / 2 + 1e-9, raw: before.match(/score[^]*$/i)![0] + raw });
      continue;
    }
    if (decimals > 0 && mult === 1) continue; // a version number, not a count
    // A ranking ("the top 5 posts") names no figure of the snapshot.
    if (/(?:\b(?:top|first|last)|#)\s*$/i.test(before)) continue;
    const words = (after.split(/[.;:!?()\n]/)[0] ?? '').trim().split(/\s+/).slice(0, 3).map((w) => w.toLowerCase().replace(/[^\p{L}'’-]/gu, ''));
    // "312 of the 1,240 posts" states a count too.
    let of: CountOf | undefined = words[0] === 'of' && /^(?:the|them|those|these|all)$/.test(words[1] ?? '') ? 'posts' : undefined;
    for (const w of words) {
      if (of || !w) break; // a number or symbol: the noun after it belongs to that one
      of = COUNT_NOUNS.get(w);
    }
    if (!of) continue;
    // "1,200" may stand for 1,243; "1.2k" for anything that rounds to it.
    const trailingZeros = mult > 1 ? 0 : (int.replace(/,/g, '').match(/0+$/)?.[0].length ?? 0);
    const step = mult > 1 ? precision : int.replace(/,/g, '') === '0' ? 1 : 10 ** trailingZeros;
    // A round number stands for what rounds to it, but never more than 5% off ("300" is not 344).
    out.push({ kind: 'count', of, value, tolerance: step === 1 ? 0 : Math.min(step / 2, Math.abs(value) * 0.05), raw: `${raw}${after.match(/^\s*[^\s.,;:!?]+/)?.[0] ?? ''}` });
  }
  return out;
}

/** The figures a narrative may state, derived from the snapshot and the posts. */
export interface AllowedFigures {
  counts: Record<CountOf, number[]>;
  percents: number[];
  scores: number[];
}

/** Everything the snapshot and posts let a writer say, with the arithmetic a reader would do. */
export function allowedFigures(posts: readonly DiscoursePost[], s: DiscourseSnapshot): AllowedFigures {
  const counts: Record<CountOf, Set<number>> = { posts: new Set(), people: new Set(), engagement: new Set(), sources: new Set() };
  const percents = new Set<number>();
  const scores = new Set<number>();
  const addMood = (m: DiscourseSnapshot['mood'], base?: number) => {
    for (const share of [m.positive, m.neutral, m.negative]) {
      percents.add(share * 100);
      if (base !== undefined) counts.posts.add(Math.round(share * base));
    }
    percents.add(Math.abs(m.positive - m.negative) * 100);
    scores.add(m.score);
    if (m.shift !== null) {
      scores.add(m.shift);
      percents.add(Math.abs(m.shift) * 100);
    }
  };
  for (const c of [s.volume24h, s.volumePrev24h, s.totalRecords, Math.abs(s.volume24h - s.volumePrev24h), posts.length]) counts.posts.add(c);
  addMood(s.mood, s.volume24h);
  if (s.volumePrev24h > 0) percents.add(Math.abs((s.volume24h - s.volumePrev24h) / s.volumePrev24h) * 100);
  const sourceTotal = s.bySource.reduce((a, b) => a + b.count, 0);
  counts.sources.add(s.bySource.filter((b) => b.count > 0).length);
  for (const src of s.bySource) {
    counts.posts.add(src.count);
    if (s.volume24h > 0) percents.add((src.count / s.volume24h) * 100);
    if (sourceTotal > 0) percents.add((src.count / sourceTotal) * 100);
    if (src.mood) addMood(src.mood, src.count);
  }
  counts.people.add(s.keyVoices.length);
  for (const v of s.keyVoices) counts.engagement.add(v.engagement);
  for (const t of s.timeline) counts.posts.add(t.count);
  const bySourceInSample = new Map<string, number>();
  for (const p of posts) {
    const e = p.engagement;
    for (const c of [e.likes, e.reposts, e.replies, e.likes + e.reposts + e.replies]) counts.engagement.add(c);
    bySourceInSample.set(p.source, (bySourceInSample.get(p.source) ?? 0) + 1);
  }
  for (const c of bySourceInSample.values()) counts.posts.add(c);
  counts.sources.add(bySourceInSample.size);
  counts.people.add(new Set(posts.map((p) => p.author.handle ?? p.author.name)).size);
  return {
    counts: { posts: [...counts.posts], people: [...counts.people], engagement: [...counts.engagement], sources: [...counts.sources] },
    percents: [...percents],
    scores: [...scores],
  };
}

/** Whether a stated figure is one of the allowed ones, up to its own rounding. */
export function figureMatches(f: Figure, allowed: AllowedFigures): boolean {
  const near = (xs: number[], tol: number) => xs.some((x) => Math.abs(x - f.value) <= tol + 1e-9);
  switch (f.kind) {
    case 'count':
      return near(allowed.counts[f.of ?? 'posts'], f.tolerance);
    case 'percent':
      return near(allowed.percents, f.tolerance);
    case 'points':
      // Hacker News calls its likes "points"; otherwise points are share differences or shifts.
      return near(allowed.percents, f.tolerance) || near(allowed.counts.engagement, 0);
    case 'score':
      return near(allowed.scores, f.tolerance);
  }
}

function figureHint(f: Figure, allowed: AllowedFigures): string {
  const pool = f.kind === 'count' ? allowed.counts[f.of ?? 'posts'] : f.kind === 'score' ? allowed.scores : allowed.percents;
  const nearest = pool.reduce<number | null>((best, x) => (best === null || Math.abs(x - f.value) < Math.abs(best - f.value) ? x : best), null);
  const fmt = (x: number) => (f.kind === 'count' ? String(x) : f.kind === 'score' ? x.toFixed(2) : `${x.toFixed(1)}%`);
  return nearest === null ? 'no such figure in the snapshot' : `no such figure in the snapshot (nearest is ${fmt(nearest)})`;
}

function show(s: string): string {
  return `“${s.length > 80 ? `${s.slice(0, 77)}…` : s}”`;
}

function clip(s: string): string {
  return s.length > 500 ? `${s.slice(0, 497)}…` : s;
}
