// The grounding check a narrative must pass before anyone sees it: every paragraph
// cites posts that exist (and none that speaks to a model), every quoted span — in any
// quotation style — is verbatim in a cited post, every figure matches the snapshot or a
// cited post (digits, words, multipliers, money), every sentence is supported by its
// cited posts, and no link or domain appears that the posts do not have. Pure: runs on
// generated, hosted and cached narratives alike.
import { beatById, Narrative, describeZodError, type DiscoursePost, type DiscourseSnapshot, type GroundingProblem } from '../schema';
import { NEGATIVE_AT, POSITIVE_AT } from '../discourse/sentiment';
import { digitsForWords, findNumbers, type NumberMention } from './numbers';
import { Vocabulary, findLinks, hostOf, looksLikeInjection, postVocabulary, sentenceSupport, sentences } from './support';

/** Which part of a narrative a problem is in: a paragraph index, or -1 for headline and dek. */
const HEAD = -1;

/**
 * Checks a narrative against the posts it claims to rest on and the snapshot whose
 * figures it reports. Returns every problem found; an empty list means it may be shown.
 * The narrative is parsed first, so anything (a model's answer, a hosted record) may be passed.
 */
export function checkGrounding(
  narrative: unknown,
  posts: readonly DiscoursePost[],
  snapshot: DiscourseSnapshot,
  /** The sentence-support limits; tests sweep them to tune the defaults. */
  support?: { threshold: number; maxUnsupported: number },
): GroundingProblem[] {
  const parsed = Narrative.safeParse(narrative);
  if (!parsed.success) return [{ check: 'schema', paragraph: HEAD, detail: clip(`not a narrative: ${describeZodError(parsed.error)}`) }];
  const n = parsed.data;
  const problems: GroundingProblem[] = [];
  if (n.beat !== snapshot.beat) {
    problems.push({ check: 'schema', paragraph: HEAD, detail: `written about beat "${n.beat}", but the snapshot is about "${snapshot.beat}"` });
  }

  // Posts that speak to a model are reported on by no narrative: they cannot be cited, and
  // their words support nothing.
  const hostile = new Set(posts.filter((p) => looksLikeInjection(p)).map((p) => p.id));
  const usable = posts.filter((p) => !hostile.has(p.id));
  const byId = new Map(posts.map((p) => [p.id, p]));
  const headFigures = allowedFigures(usable, snapshot);
  // Always nameable: the beat, the query, the platforms, the words of the snapshot's own labels.
  const context = new Vocabulary([beatById(snapshot.beat)?.name ?? '', snapshot.beat.replace(/-/g, ' '), snapshot.query, snapshot.mood.shiftLabel ?? '']);
  const contextNumbers = contextValues(snapshot, usable);

  const allVocab = postVocabulary(usable);
  const part = (text: string, where: number, label: string, cited: readonly DiscoursePost[]) => {
    // A paragraph may also count the posts it cites: the reader can count them too.
    const figures = where === HEAD ? headFigures : withCitedCounts(headFigures, cited);
    for (const problem of checkQuotes(text, label, cited, usable)) problems.push({ ...problem, paragraph: where });
    const unquoted = stripQuotes(text);
    const reported = new Set<number>();
    for (const f of findFigures(digitsForWords(unquoted))) {
      if (!figureMatches(f, figures) && !inPosts(f.value, f.tolerance, cited)) {
        reported.add(f.value);
        problems.push({ check: 'figure-mismatch', paragraph: where, detail: clip(`${label} says ${show(f.raw)}: ${figureHint(f, figures)}`) });
      }
    }
    for (const num of findNumbers(unquoted)) {
      if (reported.has(num.value)) continue;
      const problem = checkNumber(num, figures, snapshot, cited, contextNumbers);
      if (problem) problems.push({ check: 'figure-mismatch', paragraph: where, detail: clip(`${label} says ${show(num.raw)}: ${problem}`) });
    }
    const vocab = cited === usable ? allVocab : postVocabulary(cited);
    for (const link of findLinks(unquoted)) {
      const host = hostOf(link);
      if (!cited.some((p) => linkIn(link, host, p))) {
        problems.push({ check: 'link', paragraph: where, detail: clip(`${label} names the link or domain ${show(link)}, which is in none of the posts it cites`) });
      }
    }
    // A paragraph that cites nothing was reported as such; no sentence of it can be supported.
    if (where !== HEAD && !cited.length) return;
    for (const sentence of sentences(unquoted.replace(/\s+/g, ' '))) {
      const result = sentenceSupport(withoutNumbers(withoutLinks(sentence)), vocab, context, support);
      if (result.ok) continue;
      const missing = [...result.names.map((x) => `the name ${show(x)}`), ...(result.unsupported.length ? [`the words ${result.unsupported.map(show).join(', ')}`] : [])];
      problems.push({ check: 'unsupported', paragraph: where, detail: clip(`${label}: the sentence ${show(sentence)} is not supported by the posts it cites (${missing.join('; ')} not in them)`) });
    }
  };

  for (const [field, text] of [['the headline', n.headline], ['the dek', n.dek]] as const) part(text, HEAD, field, usable);

  n.paragraphs.forEach((para, i) => {
    const label = `paragraph ${i + 1}`;
    if (para.citations.length === 0) problems.push({ check: 'citation-missing', paragraph: i, detail: `${label} cites no post` });
    const cited: DiscoursePost[] = [];
    for (const id of new Set(para.citations)) {
      const post = byId.get(id);
      if (!post) problems.push({ check: 'citation-unknown', paragraph: i, detail: clip(`${label} cites "${id}", which is not one of the posts given`) });
      else if (hostile.has(id)) problems.push({ check: 'injection', paragraph: i, detail: clip(`${label} cites "${id}", a post that addresses instructions to a model: it is reported on by no narrative`) });
      else cited.push(post);
    }
    part(para.text, i, label, cited);
  });
  return problems.slice(0, 50);
}

/**
 * The figures a paragraph may state besides the snapshot's: how many posts it cites, how
 * many of them are on each platform or read positive, neutral or negative, how many
 * people wrote them and on how many platforms. "Four posts, three on Bluesky" is grounded
 * when the paragraph cites those four posts.
 */
export function withCitedCounts(allowed: AllowedFigures, cited: readonly DiscoursePost[]): AllowedFigures {
  if (!cited.length) return allowed;
  const posts = new Set<number>([cited.length]);
  const bySource = new Map<string, number>();
  let positive = 0;
  let negative = 0;
  let neutral = 0;
  for (const p of cited) {
    bySource.set(p.source, (bySource.get(p.source) ?? 0) + 1);
    if (p.sentiment === null) continue;
    if (p.sentiment >= POSITIVE_AT) positive++;
    else if (p.sentiment <= NEGATIVE_AT) negative++;
    else neutral++;
  }
  for (const c of [...bySource.values(), positive, negative, neutral]) if (c > 0) posts.add(c);
  const people = new Set(cited.map((p) => `${p.source}:${(p.author.handle ?? p.author.name).toLowerCase()}`)).size;
  return {
    ...allowed,
    counts: {
      ...allowed.counts,
      posts: [...allowed.counts.posts, ...posts],
      people: [...allowed.counts.people, people],
      sources: [...allowed.counts.sources, bySource.size],
    },
  };
}

/** The problems of the quotes in one part: each must be verbatim in a cited post, and every quotation mark paired. */
function checkQuotes(text: string, label: string, cited: readonly DiscoursePost[], all: readonly DiscoursePost[]): Omit<GroundingProblem, 'paragraph'>[] {
  const out: Omit<GroundingProblem, 'paragraph'>[] = [];
  for (const quote of extractQuotes(text)) {
    if (cited.some((p) => quoteIn(quote, p))) continue;
    const source = all.find((p) => quoteIn(quote, p));
    out.push(
      source && cited !== all
        ? { check: 'citation-missing', detail: clip(`${label} quotes ${show(quote)} from post "${source.id}" without citing it`) }
        : { check: 'quote-mismatch', detail: clip(`${label} quotes ${show(quote)}, which is not verbatim in any post it cites`) },
    );
  }
  const stray = unpairedQuoteMark(text);
  if (stray) out.push({ check: 'quote-mismatch', detail: clip(`${label} has an unpaired quotation mark ${show(stray)}: a quote must open and close`) });
  return out;
}

/** Numbers the context itself states: the 24-hour window, the query ("Llama 3.1 405B"), the years of the posts. */
function contextValues(snapshot: DiscourseSnapshot, posts: readonly DiscoursePost[]): number[] {
  const values = [24, 48, 7, 168, 1];
  for (const n of findNumbers(snapshot.query)) values.push(n.value);
  for (const iso of [snapshot.generatedAt, ...posts.map((p) => p.createdAt)]) values.push(Number(iso.slice(0, 4)));
  return values;
}

const postNumbers = new WeakMap<DiscoursePost, number[]>();

/** Whether a value is stated (up to rounding) in one of the posts. */
function inPosts(value: number, tolerance: number, posts: readonly DiscoursePost[]): boolean {
  return posts.some((p) => {
    let values = postNumbers.get(p);
    if (!values) postNumbers.set(p, (values = findNumbers(digitsForWords(`${p.title ?? ''}\n${p.text}`)).map((m) => m.value)));
    return values.some((v) => near(v, value, tolerance));
  });
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol + 1e-9 * Math.max(1, Math.abs(b));

/**
 * Checks a number that is not a snapshot figure of its own: money and multipliers must be
 * in a cited post (or, for a multiplier, be the day-on-day volume ratio); any other number
 * must be in a cited post or the context. Small numbers in words ("two camps") state nothing.
 */
function checkNumber(num: NumberMention, figures: AllowedFigures, snapshot: DiscourseSnapshot, cited: readonly DiscoursePost[], context: number[]): string | null {
  if (num.kind === 'percent') return null; // shares are snapshot figures, checked as such
  if (num.kind === 'plain' && ((num.words && num.value < 10) || context.some((c) => near(c, num.value, 0)))) return null;
  if (inPosts(num.value, num.tolerance, cited)) return null;
  if (num.kind === 'money') return 'no post it cites states that amount';
  if (num.kind === 'multiplier') {
    const ratio = snapshot.volumePrev24h > 0 ? snapshot.volume24h / snapshot.volumePrev24h : null;
    if (ratio !== null && Math.abs(ratio - num.value) <= 0.05 * num.value) return null;
    return `no post it cites states that multiple${ratio !== null ? `, and the volume changed ${ratio.toFixed(2)}-fold` : ''}`;
  }
  // Snapshot figures (counts, engagement) stated bare are checked as figures; any other number must be in the posts.
  const all = [...figures.counts.posts, ...figures.counts.people, ...figures.counts.engagement, ...figures.counts.sources, ...figures.scores];
  if (all.some((x) => near(x, num.value, num.tolerance))) return null;
  return 'neither the snapshot nor any post it cites states that number';
}

/** Whether a link or domain appears in a post: its text, title, link, or its author's handle. */
function linkIn(link: string, host: string, post: DiscoursePost): boolean {
  const hay = [post.text, post.title ?? '', post.url, post.author.handle ?? '', post.author.url ?? ''].join('\n').normalize('NFKC').toLowerCase();
  return hay.includes(link.toLowerCase()) || (host.length > 0 && hostsIn(hay).includes(host));
}

function hostsIn(text: string): string[] {
  return findLinks(text).map(hostOf);
}

/** A sentence with its numbers blanked ("1.2k", "$5bn" are checked as figures, not as words). */
function withoutNumbers(sentence: string): string {
  let out = sentence;
  for (const n of findNumbers(sentence).reverse()) if (!n.words) out = `${out.slice(0, n.index)} ${out.slice(n.index + n.raw.length)}`;
  return out;
}

/** A sentence with its links blanked (they are checked on their own). */
function withoutLinks(sentence: string): string {
  return findLinks(sentence).reduce((t, l) => t.split(l).join(' '), sentence);
}

// ── Quotes ───────────────────────────────────────────────────────────────────

const B = String.raw`(?<=^|[\s([{\u2014\u2013\-/:;,])`; // a quote opens after a space, a bracket, a dash or punctuation
const E = String.raw`(?=$|[\s.,;:!?)\]}\u2014\u2013\-/…])`; // and closes before one

/**
 * Paired quotation marks of the world's writing systems, most specific first. A span
 * taken out by one pattern is blanked before the next runs, so quotation marks nested
 * inside a quote stay part of it.
 */
const QUOTE_PATTERNS: RegExp[] = [
  /\u201C([^\u201C\u201D]+)\u201D/g, // “…” English
  /\u201E([^\u201C\u201D\u201E]+)[\u201C\u201D]/g, // „…“ German, „…” Polish
  /\u201D([^\u201C\u201D]+)\u201D/g, // ”…” Swedish, Finnish
  /\u201F([^\u201D\u201F]+)\u201D/g, // ‟…”
  /\u00AB[\u00A0\u202F\s]?([^\u00AB\u00BB]+?)[\u00A0\u202F\s]?\u00BB/g, // «…» French, Russian
  /\u00BB([^\u00AB\u00BB]+?)\u00AB/g, // »…« German, Danish
  /\u2039[\u00A0\u202F\s]?([^\u2039\u203A]+?)[\u00A0\u202F\s]?\u203A/g, // ‹…›
  /\u203A([^\u2039\u203A]+?)\u2039/g, // ›…‹
  /\u300C([^\u300C\u300D]+)\u300D/g, // 「…」 Japanese, Chinese
  /\u300E([^\u300E\u300F]+)\u300F/g, // 『…』
  /\u301D([^\u301D\u301E\u301F]+)[\u301E\u301F]/g, // 〝…〞 〝…〟
  /\uFE41([^\uFE41\uFE42]+)\uFE42/g, // ﹁…﹂ vertical
  /\uFE43([^\uFE43\uFE44]+)\uFE44/g, // ﹃…﹄ vertical
  /\u300A([^\u300A\u300B]+)\u300B/g, // 《…》 titles, held to the same rule
  /\u3008([^\u3008\u3009]+)\u3009/g, // 〈…〉
  /\uFF02([^\uFF02]+)\uFF02/g, // ＂…＂ fullwidth
  /"([^"]+)"/g, // "…" straight
  /\u2033([^\u2033]+)\u2033/g, // ″…″ double prime used as quotes
  /\u05F4([^\u05F4]+)\u05F4/g, // ״…״ Hebrew gershayim
  /\u02BA([^\u02BA]+)\u02BA/g, // ʺ…ʺ modifier double prime
  /\u02DD([^\u02DD]+)\u02DD/g, // ˝…˝
  // ‚…‘ German single, ‘…’ English single, '…' straight single, `…` backticks: only at word
  // boundaries, so the apostrophe in "it’s" or "the users' posts" opens and closes nothing.
  new RegExp(`${B}\u201A(.+?)[\u2018\u2019]${E}`, 'g'),
  new RegExp(`${B}\u2018(.+?)\u2019${E}`, 'g'),
  new RegExp(`${B}\u201B(.+?)[\u2019\u201B]${E}`, 'g'), // ‛…’
  new RegExp(`${B}\u2019(.+?)\u2019${E}`, 'g'),
  new RegExp(`${B}'(\\S(?:.*?\\S)?)'${E}`, 'g'),
  new RegExp(`${B}\u0060(.+?)\u0060${E}`, 'g'),
  new RegExp(`${B}\uFF07(.+?)\uFF07${E}`, 'g'),
];

/**
 * Quotation marks of any style — every Unicode initial or final quote (Pi, Pf) but the
 * apostrophe ’, and the CJK, fullwidth and prime forms — one left over once the pairs are
 * taken out is a quote that never closed (or opened).
 */
const DOUBLE_MARKS = /(?!\u2019)[\p{Pi}\p{Pf}]|["\u201A\u201E\u300C-\u300F\u301D-\u301F\uFE41-\uFE44\u300A\u300B\u3008\u3009\uFF02\u2033\u05F4\u02BA\u02DD\u0060]/u;

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

/** The text with its quoted spans blanked out (figures and words inside quotes belong to the post). */
export function stripQuotes(text: string): string {
  return QUOTE_PATTERNS.reduce((t, re) => t.replace(re, ' '), text);
}

/** A quotation mark left once every pair is taken out, if any. */
export function unpairedQuoteMark(text: string): string | null {
  return stripQuotes(text).match(DOUBLE_MARKS)?.[0] ?? null;
}

/** Folds what may legitimately differ between a quote and its source: quote styles, dashes, spaces, width forms, case. */
function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\uFEFF\u00AD]/g, '')
    // Single and double marks fold together: a quote inside a quote changes its marks.
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u2035`\u2039\u203A\uFF07'\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u300C-\u300F\u301D-\u301F\uFE41-\uFE44\uFF02\u05F4\u02BA\u02DD\u300A\u300B\u3008\u3009]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const ELLIPSIS = /\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*/;

/** Whether a quoted span is verbatim in a post (up to case, spaces and quotation style); "…" may join fragments that appear in order. */
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
  for (const f of fragments) {
    const at = haystack.indexOf(f, from);
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
  ...'people person users user accounts account authors author voices voice commenters posters developers developer researchers researcher engineers engineer builders builder critics critic fans fan experts expert scientists scientist employees employee customers customer'.split(' ').map((w) => [w, 'people'] as const),
  ...'likes like reposts repost replies reply interactions interaction upvotes upvote comments comment shares boosts favourites favorites'.split(' ').map((w) => [w, 'engagement'] as const),
  ...'sources source platforms platform outlets outlet networks sites'.split(' ').map((w) => [w, 'sources'] as const),
]);

/** Units and joining words: a number followed by one of these counts no posts, people or sources. */
const NOT_COUNTED = new Set('hour hours day days week weeks month months year years minute minutes as and or but while in on at to for with from by than'.split(' '));

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
      if (NOT_COUNTED.has(w)) break; // "24 hours, as builders…": the number counts hours
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
