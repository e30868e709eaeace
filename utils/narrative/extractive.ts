// The story a fresh install shows, and the fallback whenever Claude cannot be used or its
// answer fails the grounding check: a short briefing written by code. A headline from the
// most-discussed name and the mood shift, a dek of figures, a paragraph per theme (posts
// grouped by the entities and words they share) that says how many posts, where and in
// which mood, and quotes the one or two posts that carry it; the counter-voices; what
// changed since the day before. Every figure is the snapshot's or a count of the posts a
// paragraph cites, every quote is verbatim, and no word of it is written by a model.
import { bundledDetectorData } from '../detect/data';
import type { DetectorData } from '../detect';
import { NEGATIVE_AT, POSITIVE_AT } from '../discourse/sentiment';
import { beatById, type DiscourseContext, type DiscoursePost, type Narrative, type NarrativeParagraph, type SourceId } from '../schema';
import { quoteIn } from './grounding';
import { findLinks, hostOf, looksLikeInjection } from './support';
import { byEngagement, engagement, findThemes, type Theme } from './themes';

/** How platforms are named in prose. */
export const PLATFORM_NAMES: Record<SourceId, string> = {
  bluesky: 'Bluesky',
  x: 'X',
  news: 'the news',
  youtube: 'YouTube',
  hackernews: 'Hacker News',
  reddit: 'Reddit',
  mastodon: 'Mastodon',
};

/** At most this many theme paragraphs; with the counter-voices and what changed, six in all. */
const MAX_THEMES = 4;
/** A paragraph cites at most this many posts (the Narrative schema's limit). */
const MAX_CITED = 12;
/** Examples a paragraph cites when it gives a share in words ("about a third of the posts here"). */
const SHARE_CITED = 6;
/** Quotes are cut at a sentence (or word) end near this length. */
const QUOTE_CHARS = 220;
const DAY_MS = 86_400_000;

export interface ExtractiveOptions {
  /** The detector data to find entities with (the bundled gazetteer by default). */
  detector?: DetectorData;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** A count in words below ten ("four"), in digits above ("12"). */
const num = (n: number) => (n < 10 ? WORDS[n]! : fmt(n));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

type Mood = 'positive' | 'negative' | 'neutral';
const moodOf = (p: DiscoursePost): Mood | null => (p.sentiment === null ? null : p.sentiment >= POSITIVE_AT ? 'positive' : p.sentiment <= NEGATIVE_AT ? 'negative' : 'neutral');

/**
 * Builds the extractive briefing for a context. Pure and deterministic. With no usable
 * posts it has a single uncited paragraph, which the grounding check (rightly) refuses;
 * the narrator shows no narrative then.
 */
export function extractiveNarrative(context: DiscourseContext, options: ExtractiveOptions = {}): Narrative {
  const s = context.snapshot;
  const beatName = beatById(s.beat)?.name ?? s.beat;
  // Posts that speak to a model are reported on by nothing: the grounding check refuses citing them.
  const usable = context.posts.filter((p) => (p.text || p.title || '').trim() && !looksLikeInjection(p));
  const detector = options.detector ?? bundledDetectorData;
  const common = [beatName, s.beat.replace(/-/g, ' ')];
  const { themes, rest } = findThemes(usable, { detector, common, maxThemes: MAX_THEMES });
  const writer = new Writer(context, usable);

  const closing = writer.changeParagraph();
  const paragraphs: NarrativeParagraph[] = themes.map((t, i) => writer.themeParagraph(t, i, themes.length));
  // One theme holding most of the talk: what the posts within it are about, by the words they share.
  const biggest = themes[0];
  if (biggest && paragraphs.length + (closing ? 1 : 0) < 3) {
    const within = findThemes(biggest.posts, { detector, common: [...common, biggest.label], maxThemes: 3 - paragraphs.length - (closing ? 1 : 0), termsOnly: true });
    for (const t of within.themes) if (t.kind === 'term' && t.posts.length < biggest.posts.length) paragraphs.push(writer.themeParagraph(t, paragraphs.length, themes.length, biggest.label));
  }
  // Few themes: the most engaged of the other posts speak for themselves, up to three paragraphs in all.
  for (const p of [...rest].sort(byEngagement)) {
    if (paragraphs.length + (closing ? 1 : 0) >= 3) break;
    const para = writer.singleParagraph(p, paragraphs.length);
    if (para) paragraphs.push(para);
  }
  const counter = writer.counterParagraph();
  if (counter) paragraphs.push(counter);
  if (closing) paragraphs.push(closing);
  if (!paragraphs.length) paragraphs.push({ text: 'No posts were sampled for this topic in the last 24 hours, so there is nothing to report yet.', citations: [] });

  const quotes = writer.quoteCount;
  return {
    beat: s.beat,
    headline: writer.headline(themes, beatName),
    dek: writer.dek(),
    paragraphs,
    model: 'extractive',
    kind: 'extractive',
    generatedAt: s.generatedAt,
    postCount: context.posts.length,
    disclosure: clamp(
      `Written by code from ${fmt(context.posts.length)} ${plural(context.posts.length, 'post', 'posts')}; no sentence was written by AI. ` +
        `Themes, counts and mood come from the posts and the snapshot; the ${quotes} ${plural(quotes, 'quote is', 'quotes are')} verbatim, each cited.`,
      400,
    ),
    origin: 'local',
  };
}

/** Writes the parts of one briefing; remembers who was quoted so no voice speaks twice. */
class Writer {
  private readonly quotedAuthors = new Set<string>();
  private readonly quotedPosts = new Set<string>();

  /** How many posts the briefing quotes. */
  get quoteCount(): number {
    return this.quotedPosts.size;
  }
  private readonly voiceQuotes = new Map<string, string>();
  private readonly now: number;

  constructor(
    private readonly context: DiscourseContext,
    private readonly posts: readonly DiscoursePost[],
  ) {
    for (const v of context.snapshot.keyVoices) this.voiceQuotes.set(v.postId, v.quote);
    this.now = Date.parse(context.snapshot.generatedAt);
  }

  /** The most-discussed name and the mood shift, as a claim: "DeepSeek V3 draws most of the Open Source AI talk as the mood turns sharply more negative". */
  headline(themes: readonly Theme[], beatName: string): string {
    const mood = this.context.snapshot.mood;
    const lead = themes.find((t) => t.kind === 'entity');
    const shift = mood.shift;
    const moodClause =
      shift === null
        ? mood.positive >= 0.25 && mood.negative >= 0.25
          ? 'with the mood split'
          : mood.score > 0.05
            ? 'with the mood leaning positive'
            : mood.score < -0.05
              ? 'with the mood leaning negative'
              : 'with the mood mixed'
        : Math.abs(shift) < 0.05
          ? 'as the mood holds steady'
          : `as the mood turns ${Math.abs(shift) >= 0.35 ? 'sharply ' : Math.abs(shift) < 0.15 ? 'slightly ' : ''}more ${shift > 0 ? 'positive' : 'negative'}`;
    if (lead) {
      const share = lead.posts.length / Math.max(1, this.posts.length);
      return clampWords(`${lead.label} draws ${share > 0.5 ? 'most of the' : 'the most'} ${beatName} talk ${moodClause}`, 200);
    }
    const s = this.context.snapshot;
    const change = s.volumePrev24h > 0 ? (s.volume24h - s.volumePrev24h) / s.volumePrev24h : null;
    const volume = change === null || Math.abs(change) < 0.05 ? '' : ` ${change > 0 ? 'rises' : 'falls'} ${Math.round(Math.abs(change) * 100)}%`;
    return clampWords(`${beatName} talk${volume} ${moodClause}`, 200);
  }

  /** The figures under the headline: volume and its change, where, and the mood. */
  dek(): string {
    const s = this.context.snapshot;
    const parts: string[] = [];
    let volume = `${fmt(s.volume24h)} ${plural(s.volume24h, 'post', 'posts')} in 24 hours`;
    if (s.volumePrev24h > 0) {
      const change = (s.volume24h - s.volumePrev24h) / s.volumePrev24h;
      volume += Math.round(Math.abs(change) * 100) === 0 ? ', level with the previous day' : `, ${change > 0 ? 'up' : 'down'} ${Math.round(Math.abs(change) * 100)}% on the previous day`;
    }
    const total = s.bySource.reduce((a, b) => a + b.count, 0);
    const top = [...s.bySource].filter((b) => b.count > 0).sort((a, b) => b.count - a.count).slice(0, 2);
    if (total > 0 && top.length) volume += `; ${top.map((b) => `${pct(b.count / total)} on ${PLATFORM_NAMES[b.source]}`).join(', ')}`;
    parts.push(`${volume}.`);
    if (s.volume24h > 0) parts.push(`${pct(s.mood.positive)} read positive and ${pct(s.mood.negative)} negative.`);
    return clamp(parts.join(' '), 400);
  }

  /** One theme: how many posts, where, in which mood, and the one or two posts that carry it. */
  themeParagraph(theme: Theme, index: number, of: number, within?: string): NarrativeParagraph {
    const posts = theme.posts;
    const n = posts.length;
    const share = n > MAX_CITED ? shareOfPosts(n / this.posts.length) : null;
    // An exact count cites every post it counts; a share in words cites a handful of examples.
    const cited = posts.slice(0, share ? SHARE_CITED : MAX_CITED);
    const sentences: string[] = [];
    const where = n > MAX_CITED ? this.whereLoosely(posts) : this.where(cited);
    // A term is quoted as the posts write it, when the leading post has it verbatim.
    const about = theme.kind === 'entity' ? theme.label : cited.some((p) => quoteIn(theme.label, p)) ? `“${theme.label}”` : theme.label;
    const count = share ?? (n > MAX_CITED ? `more than ${MAX_CITED} posts` : `${num(n)} ${plural(n, 'post', 'posts')}`);
    // Entities are names and take "comes up"; a term ("the weights") may be plural, so posts are the subject.
    if (theme.kind === 'entity' && index === 0 && of > 1) sentences.push(`${about} draws the most talk: ${count}, ${where}.`);
    else if (theme.kind === 'entity' && index % 2 === 0) sentences.push(`${about} comes up in ${count}, ${where}.`);
    else if (within) sentences.push(`Within the talk of ${within}, ${count} ${n > 1 ? 'are' : 'is'} about ${about}, ${where}.`);
    else sentences.push(`${cap(count)} ${n > 1 ? 'are' : 'is'} about ${about}, ${where}.`);
    sentences.push(this.moodSentence(posts, n <= MAX_CITED));

    const first = this.pick(posts, () => true);
    if (first) sentences.push(this.quoteSentence(first, engagement(first) > 0 && first === posts[0] ? 'lead' : 'plain'));
    // Where the theme's mood splits, the other side speaks; otherwise a second voice, from elsewhere if there is one.
    const firstMood = first ? moodOf(first) : null;
    const opposite = firstMood === 'positive' ? 'negative' : firstMood === 'negative' ? 'positive' : null;
    const counter = opposite ? this.pick(posts, (p) => moodOf(p) === opposite) : null;
    if (counter) {
      sentences.push(this.quoteSentence(counter, 'counter'));
      this.counterQuoted = true;
    } else if (n >= 3) {
      const second = this.pick(posts, (p) => p.source !== first?.source) ?? this.pick(posts, () => true);
      if (second) sentences.push(this.quoteSentence(second, 'add'));
    }
    const citedIds = new Set(cited.map((p) => p.id));
    // A quoted post beyond those takes the place of the least engaged one.
    const ids = [...this.quotedIn(posts)];
    for (const id of ids) if (!citedIds.has(id)) citedIds.add(id);
    return { text: clamp(sentences.join(' '), 3000), citations: trimCitations([...citedIds], ids, cited.length) };
  }

  /** A post no theme took, on its own: where, in which mood, and its words. */
  singleParagraph(post: DiscoursePost, index: number): NarrativeParagraph | null {
    const author = authorKey(post);
    if (this.quotedAuthors.has(author) || this.quotedPosts.has(post.id)) return null;
    const mood = moodOf(post);
    const opening = `${index === 0 ? 'One' : 'A'} post ${post.source === 'news' ? 'in' : 'on'} ${PLATFORM_NAMES[post.source]}${mood ? ` reads ${mood}` : ''}.`;
    return { text: clamp(`${opening} ${this.quoteSentence(post, 'plain')}`, 3000), citations: [post.id] };
  }

  private counterQuoted = false;

  /** Where the overall mood splits and no theme gave the other side a voice: the minority speaks. */
  counterParagraph(): NarrativeParagraph | null {
    const mood = this.context.snapshot.mood;
    if (this.counterQuoted || mood.positive < 0.2 || mood.negative < 0.2) return null;
    const minority: Mood = mood.negative <= mood.positive ? 'negative' : 'positive';
    const side = this.posts.filter((p) => moodOf(p) === minority).sort(byEngagement);
    const voices = [this.pick(side, () => true)].filter((p): p is DiscoursePost => !!p);
    const second = this.pick(side, (p) => p.source !== voices[0]?.source);
    if (second) voices.push(second);
    if (!voices.length) return null;
    const majority = minority === 'negative' ? 'positive' : 'negative';
    const share = minority === 'negative' ? mood.negative : mood.positive;
    const other = minority === 'negative' ? mood.positive : mood.negative;
    const lines = [`The mood is split: ${pct(share)} of posts read ${minority} against ${pct(other)} ${majority}.`];
    lines.push(`On the ${minority} side, ${this.quoteSentence(voices[0]!, 'inline')}`);
    if (voices[1]) lines.push(this.quoteSentence(voices[1], 'add'));
    return { text: clamp(lines.join(' '), 3000), citations: voices.map((v) => v.id) };
  }

  /** What changed since the previous 24 hours: volume, mood, and the posts that moved it. */
  changeParagraph(): NarrativeParagraph | null {
    const s = this.context.snapshot;
    const shift = s.mood.shift;
    if (s.volumePrev24h <= 0 && shift === null) return null;
    const day = this.posts.filter((p) => Date.parse(p.createdAt) > this.now - DAY_MS);
    const direction: Mood | null = shift === null || Math.abs(shift) < 0.05 ? null : shift > 0 ? 'positive' : 'negative';
    const inDirection = direction ? day.filter((p) => moodOf(p) === direction) : [];
    const moved = inDirection.length > 0;
    const cite = uniqueAuthors((moved ? inDirection : day).sort(byEngagement)).slice(0, 3);
    if (!cite.length) return null;
    const parts: string[] = [];
    if (s.volumePrev24h > 0) {
      const change = (s.volume24h - s.volumePrev24h) / s.volumePrev24h;
      const rounded = Math.round(Math.abs(change) * 100);
      parts.push(
        rounded === 0
          ? `volume held level at ${fmt(s.volume24h)} posts`
          : `volume is ${change > 0 ? 'up' : 'down'} ${rounded}%, from ${fmt(s.volumePrev24h)} to ${fmt(s.volume24h)} posts`,
      );
    }
    if (direction) parts.push(`the mood has turned ${Math.abs(shift!) >= 0.35 ? 'sharply ' : Math.abs(shift!) < 0.15 ? 'slightly ' : ''}more ${direction}`);
    else if (shift !== null) parts.push('the mood has held steady');
    const names = cite.map((p) => attribution(p));
    const who = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    const lead = moved
      ? `The most engaged ${direction} ${plural(cite.length, 'post', 'posts')} of the last 24 hours came from ${who}.`
      : `The most engaged ${plural(cite.length, 'post', 'posts')} of the last 24 hours came from ${who}.`;
    return { text: clamp(`Day on day, ${parts.join(', and ')}. ${lead}`, 3000), citations: cite.map((p) => p.id) };
  }

  /** "three on Bluesky and one on Hacker News", "all on Bluesky", "from Bluesky, X and Mastodon": counts of the cited posts. */
  private where(posts: readonly DiscoursePost[]): string {
    const counts = sourceCounts(posts);
    if (counts.length === 1) return posts.length === 1 ? on(counts[0]![0]) : `all ${on(counts[0]![0])}`;
    if (counts.length === 2) return counts.map(([src, c]) => `${num(c)} ${on(src)}`).join(' and ');
    return `from ${list(counts.map(([src]) => PLATFORM_NAMES[src]))}`;
  }

  /** Where, in words only, for more posts than a paragraph can cite. */
  private whereLoosely(posts: readonly DiscoursePost[]): string {
    const counts = sourceCounts(posts);
    if (counts.length === 1) return `all ${on(counts[0]![0])}`;
    if (counts[0]![1] > posts.length / 2) return `most of them ${on(counts[0]![0])}`;
    return `from ${list(counts.slice(0, 4).map(([src]) => PLATFORM_NAMES[src]))}`;
  }

  /** The mood among a theme's posts, with counts when every post is cited. */
  private moodSentence(posts: readonly DiscoursePost[], counted: boolean): string {
    const m = { positive: 0, negative: 0, neutral: 0 };
    for (const p of posts) {
      const x = moodOf(p);
      if (x) m[x]++;
    }
    const scored = m.positive + m.negative + m.neutral;
    if (!scored) return 'No post among them was scored for mood.';
    if (posts.length === 1) return `It reads ${(Object.entries(m).find(([, c]) => c) ?? ['neutral'])[0]}.`;
    if (m.positive > 0 && m.negative > 0 && Math.min(m.positive, m.negative) / scored >= 0.25) {
      const neutral = m.neutral ? ` and ${num(m.neutral)} neutral` : '';
      return counted ? `The mood among them is split: ${num(m.positive)} read positive, ${num(m.negative)} negative${neutral}.` : 'The mood among them is split between positive and negative.';
    }
    const top = (['positive', 'negative', 'neutral'] as const).reduce((a, b) => (m[b] > m[a] ? b : a));
    if (m[top] === scored) return scored === 2 ? `Both read ${top}.` : `All of them read ${top}.`;
    if (m[top] > scored / 2) return counted ? `Most read ${top}: ${num(m[top])} of the ${num(posts.length)}.` : `Most read ${top}.`;
    return `The mood among them is mixed.`;
  }

  /** The most engaged post that passes `ok` and whose author has not spoken yet. */
  private pick(posts: readonly DiscoursePost[], ok: (p: DiscoursePost) => boolean): DiscoursePost | null {
    return posts.find((p) => ok(p) && !this.quotedPosts.has(p.id) && !this.quotedAuthors.has(authorKey(p)) && this.quoteOf(p)) ?? null;
  }

  private quotedIn(posts: readonly DiscoursePost[]): string[] {
    return posts.filter((p) => this.quotedPosts.has(p.id)).map((p) => p.id);
  }

  /** A quote sentence: "Sina Whitcombe (@sina) on Bluesky wrote: “…”". */
  private quoteSentence(post: DiscoursePost, role: 'lead' | 'plain' | 'counter' | 'add' | 'inline'): string {
    const who = attribution(post);
    const quote = this.take(post);
    // A quote that ends mid-thought gets a full stop after it, so the next sentence starts clean.
    const end = /[.!?…]$/.test(quote) ? '' : '.';
    return `${this.quoteIntro(role, who)} “${quote}”${end}`;
  }

  private quoteIntro(role: 'lead' | 'plain' | 'counter' | 'add' | 'inline', who: string): string {
    switch (role) {
      case 'lead':
        return `The post with the most engagement, from ${who}, reads:`;
      case 'counter':
        return `On the other side, ${who} wrote:`;
      case 'add':
        return `${who} added:`;
      case 'inline':
        return `${who} wrote:`;
      default:
        return `${who} wrote:`;
    }
  }

  private take(post: DiscoursePost): string {
    this.quotedPosts.add(post.id);
    this.quotedAuthors.add(authorKey(post));
    return this.quoteOf(post);
  }

  /** The key voice's quote when it is verbatim in the post, else the post's opening. */
  private quoteOf(post: DiscoursePost): string {
    const voice = this.voiceQuotes.get(post.id);
    if (voice) {
      const q = trimQuote(safeQuote(voice));
      if (q && quoteIn(q, post)) return q;
    }
    return excerpt(post);
  }
}

function authorKey(p: DiscoursePost): string {
  return `${p.source}:${(p.author.handle ?? p.author.name).toLowerCase()}`;
}

function uniqueAuthors(posts: readonly DiscoursePost[]): DiscoursePost[] {
  const seen = new Set<string>();
  return posts.filter((p) => !seen.has(authorKey(p)) && seen.add(authorKey(p)));
}

function sourceCounts(posts: readonly DiscoursePost[]): [SourceId, number][] {
  const m = new Map<SourceId, number>();
  for (const p of posts) m.set(p.source, (m.get(p.source) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

const on = (src: SourceId) => `${src === 'news' ? 'in' : 'on'} ${PLATFORM_NAMES[src]}`;

function list(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
}

/** A share of the posts in the words of reporting, when it is close to one ("about a third of the posts here"). */
function shareOfPosts(share: number): string | null {
  if (share > 0.55) return 'most of the posts here';
  if (share >= 0.45) return 'about half of the posts here';
  if (share > 0.37) return 'more than a third of the posts here';
  if (share >= 0.3) return 'about a third of the posts here';
  if (share >= 0.28) return 'nearly a third of the posts here';
  if (share >= 0.22) return 'about a quarter of the posts here';
  return null;
}

/** Keeps the quoted posts when a paragraph has more citations than the schema allows. */
function trimCitations(ids: string[], keep: readonly string[], max: number): string[] {
  if (ids.length <= max) return ids;
  const must = new Set(keep);
  const out = ids.filter((id) => must.has(id));
  for (const id of ids) if (out.length < max && !must.has(id)) out.push(id);
  return ids.filter((id) => out.includes(id));
}

/** "Sina Whitcombe (@sinawhitcombe.net) on Bluesky", "Kylie Robison in The Verge". */
function attribution(post: DiscoursePost): string {
  const rawHandle = post.author.handle?.replace(/^@+/, '');
  // A handle is printed after "@", where it reads as no link; anything but handle characters drops it.
  const handle = rawHandle && /^[\p{L}\p{N}._@-]+$/u.test(rawHandle) ? rawHandle : undefined;
  const name = plainName(post.author.name, post);
  const who = name && handle && handle.toLowerCase() !== name.replace(/^@/, '').toLowerCase() ? `${name} (@${handle})` : (name ?? (handle ? `@${handle}` : null));
  if (post.source === 'news') {
    const outlet = post.outlet ? plainName(post.outlet, post) : null;
    if (!who) return outlet ? `a report in ${outlet}` : 'a report in the news';
    return outlet && outlet !== name ? `${who} in ${outlet}` : `${who} in the news`;
  }
  return `${who ?? `a ${PLATFORM_NAMES[post.source]} user`} on ${PLATFORM_NAMES[post.source]}`;
}

/** Apostrophes inside a name (O’Brien) stay; every other quotation mark goes. */
const QUOTE_MARKS = /(?<!\p{L})['\u2019]|['\u2019](?!\p{L})|(?!\u2019)[\p{Pi}\p{Pf}]|["`\u201A\u201E\u300C-\u300F\u301D-\u301F\uFF02\uFF07\u2033\u05F4\u02BA\u02DD]/gu;

/**
 * A name as prose may print it, or null. Quotation marks in a name would read as a quote
 * (and fail the check as one), so they are dropped; a name that looks like a link or
 * domain is kept only when it is the post's own site (a news outlet's domain).
 */
function plainName(raw: string, post: DiscoursePost): string | null {
  const name = raw.replace(QUOTE_MARKS, '').replace(/\s+/g, ' ').trim();
  if (!name) return null;
  const own = [hostOf(post.url), post.author.url ? hostOf(post.author.url) : ''].filter(Boolean);
  return findLinks(name).every((l) => own.includes(hostOf(l))) ? name : null;
}

/** The opening of a post, cut at a sentence (or word) end; "…" marks the cut. */
function excerpt(post: DiscoursePost): string {
  return trimQuote(safeQuote((post.text || post.title || '').replace(/\s+/g, ' ').trim()));
}

function trimQuote(text: string): string {
  if (text.length <= QUOTE_CHARS) return text;
  const head = text.slice(0, QUOTE_CHARS);
  const sentence = head.match(/^.*[.!?](?=\s)/)?.[0];
  if (sentence && sentence.length >= 60) return sentence;
  const space = head.lastIndexOf(' ');
  return `${head.slice(0, space > 40 ? space : QUOTE_CHARS).trim()}…`;
}

/** Curly double quotes inside a quote would end it early; straight ones match them verbatim. */
function safeQuote(s: string): string {
  return s.replace(/[\u201C\u201D\u201E\u201F]/g, '"').trim();
}

function clamp(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Cuts at a word boundary, so no name is left half-written. */
function clampWords(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max - 1);
  return `${head.slice(0, Math.max(1, head.lastIndexOf(' ')))}…`;
}
