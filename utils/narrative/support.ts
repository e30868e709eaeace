// Entailment-lite: whether a sentence of a narrative is supported by the posts it cites.
// Its names must all appear in them, and nearly all of its content words (stemmed) must
// appear in them or be the plain vocabulary of reporting on a conversation. Also: links
// and domains, and posts that read as instructions to a model (prompt injection). Pure.
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import type { DiscoursePost } from '../schema';

/**
 * Share of a sentence's content words that must be found in its cited posts (or be
 * reporting vocabulary). Tuned on tests/unit/narrative/adversarial.ts: honest drafts use
 * the posts' own words, with at most one new word in four; invented claims bring two or
 * more new words into a short sentence. See docs/grounding.md.
 */
export const SUPPORT_THRESHOLD = 0.75;
/** A sentence may bring at most this many content words the posts do not have. */
export const MAX_UNSUPPORTED_WORDS = 2;

/**
 * Words any report on a conversation uses without a post saying them: the discourse,
 * its mood and size, who said what, and how it moved. Everything else must come from a post.
 */
const REPORTING = `
post posts posted posting thread threads reply replies replied comment comments commented commenter commenters discussion discussions conversation conversations debate debated debates argument arguments talk talked chatter
mood tone sentiment positive negative neutral mixed upbeat sour warm cool cooler warmer mood score shift shifted shifting turn turned turning swing swung lean leaning leaned
volume loud louder quiet quieter busy busier spike spiked surge surged jump jumped climb climbed rise rose risen grow grew grown fall fell fallen drop dropped dip dipped slip slipped slid ease eased steady flat level
share shares half third quarter majority minority most many few several some handful number numbers figure figures percent percentage points point
day days hour hours week weeks today yesterday previous prior last recent recently earlier later window
people person user users voice voices account accounts author authors poster posters critic critics fan fans skeptic skeptics sceptic sceptics supporter supporters observer observers crowd camp camps side sides community communities reader readers
say said says saying write wrote written writes writing argue argued argues note noted notes call called calls put puts add added adds reply warn warned warns point pointed points ask asked asks claim claimed claims praise praised praises criticise criticised criticize criticized cheer cheered question questioned questions quip quipped share shared describe described agree agreed disagree disagreed report reported counter countered respond responded push pushed pushback welcome welcomed worry worried worries dismiss dismissed focus focused react reacted reaction reactions remark remarked find found see saw view views opinion opinions take takes
blunt frank terse sharp sceptical skeptical enthusiastic cautious harsh dismissive excited impressed unimpressed wary optimistic pessimistic critical enthusiasm caution doubt doubts doubted concern concerns concerned
split divided divide divides divided mixed sharply slightly largely mostly mainly broadly modestly notably meanwhile however also though although while whereas instead still
interaction interactions engagement like likes repost reposts boost boosts upvote upvotes favourite favourites favorite favorites
platform platforms source sources network networks outlet outlets coverage headline headlines story stories news article articles
more less most least same other others another both either neither each every whole overall
model models release releases released launch launched
read reads came come comes carried carry carries drew draw draws drawn made make makes went go goes hit hits reached reach reaches stood stand stands held hold holds kept keep keeps remain remains remained count counted counts total totalled totaled totals roughly approximately nearly almost around about just
`;

/** Function words, from the stopword package's English list plus the short words it leaves out. */
const STOP = new Set([...eng, ...'rather quite really already again once twice here its it’s not no nor yes just even ever also than then there their theirs them they this that these those what which who whom whose why how when where whether about above across after against along among around because before behind below beneath beside between beyond during except inside into near onto outside over past since through throughout toward towards under until upon within without via per yet so such own one ones'.split(' ')]);

/**
 * Calls to action. A narrative reports; it never tells readers to do anything. Like a
 * name, such a word must come from the cited posts — no threshold lets one through.
 */
const ACTIONS = new Set(
  'buy sell download downloads install installs reinstall uninstall update upgrade visit click subscribe signup register login delete remove avoid switch invest donate contact verify enter paste unsubscribe disable enable reset'
    .split(' '),
);

/** Numbers in words: the figure check holds them against the snapshot and the posts, like digits. */
const NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen'.split(' '),
);

const PLATFORM_WORDS = 'bluesky hacker news x twitter mastodon youtube reddit fediverse'.split(' ');

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens, hyphenated words split, possessive 's dropped. */
export function words(text: string): string[] {
  return (text.normalize('NFKC').match(WORD_RE) ?? []).map((w) => w.replace(/['’]s$/i, '').toLowerCase()).filter(Boolean);
}

/** Stems of words seen so far: posts repeat their words, and the stemmer is the costly part. */
const STEMS = new Map<string, string>();
function stem(w: string): string {
  const lower = w.toLowerCase();
  let s = STEMS.get(lower);
  if (s === undefined) {
    s = stemmer(lower);
    if (STEMS.size > 50_000) STEMS.clear();
    STEMS.set(lower, s);
  }
  return s;
}
const REPORTING_STEMS = new Set(REPORTING.split(/\s+/).filter(Boolean).map(stem));

/**
 * Whether a word says nothing about what a post is about: a function word, or the plain
 * vocabulary of reporting on a conversation. The extractive briefing skips these when it
 * looks for the terms that tie posts into themes.
 */
export function isPlainWord(word: string): boolean {
  const lower = word.toLowerCase();
  return STOP.has(lower) || REPORTING_STEMS.has(stem(lower));
}

/** The stem a word is matched on (Porter, cached). */
export function stemOf(word: string): string {
  return stem(word);
}

/** The vocabulary a sentence may draw on: stems of the cited posts' words, plus names. */
export class Vocabulary {
  private readonly stems = new Set<string>();
  private readonly byPrefix = new Map<string, string[]>();
  /** Lower-cased text of the posts (and names), to find multi-word names and domains in. */
  readonly haystack: string;

  constructor(texts: readonly string[], posts: readonly DiscoursePost[] = []) {
    this.haystack = texts.join('\n').normalize('NFKC').toLowerCase();
    for (const w of words(this.haystack)) this.add(stem(w));
    for (const p of posts) for (const s of postStems(p)) this.add(s);
  }

  private add(s: string): void {
    if (this.stems.has(s)) return;
    this.stems.add(s);
    if (s.length >= 5) {
      const key = s.slice(0, 5);
      const list = this.byPrefix.get(key) ?? [];
      list.push(s);
      this.byPrefix.set(key, list);
    }
  }

  /**
   * Whether the posts have this word, up to its stem. Spelling variants that the stemmer
   * keeps apart ("licence" / "license") match on a shared prefix of all but one letter.
   */
  has(word: string): boolean {
    const s = stem(word);
    if (this.stems.has(s)) return true;
    if (s.length < 5) return false;
    for (const other of this.byPrefix.get(s.slice(0, 5)) ?? []) {
      let i = 0;
      while (i < s.length && i < other.length && s[i] === other[i]) i++;
      if (i >= Math.min(s.length, other.length) - 1) return true;
    }
    return false;
  }
}

const POST_STEMS = new WeakMap<DiscoursePost, string[]>();

/** The stems of a post's words — text, title, author, outlet — computed once per post. */
function postStems(p: DiscoursePost): string[] {
  let stems = POST_STEMS.get(p);
  if (!stems) {
    stems = [...new Set(words([p.text, p.title ?? '', p.author.name, p.author.handle ?? '', p.outlet ?? ''].join('\n')).map(stem))];
    POST_STEMS.set(p, stems);
  }
  return stems;
}

/** The vocabulary a part may draw on: its cited posts, with their authors and outlets. */
export function postVocabulary(posts: readonly DiscoursePost[]): Vocabulary {
  return new Vocabulary([], posts);
}

/** What a sentence is missing from its posts; `ok` when it is supported. */
export interface SupportResult {
  ok: boolean;
  /** Names (capitalised words not opening the sentence, acronyms, model-like tokens) and calls to action not in the posts. */
  names: string[];
  /** Content words neither in the posts nor reporting vocabulary. */
  unsupported: string[];
  contentWords: number;
}

/**
 * Checks one sentence (with its quoted spans already blanked out) against a vocabulary.
 * `extra` holds texts that may always be named: the beat, the query, the platforms.
 */
export function sentenceSupport(
  sentence: string,
  vocab: Vocabulary,
  extra: Vocabulary,
  limits: { threshold: number; maxUnsupported: number } = { threshold: SUPPORT_THRESHOLD, maxUnsupported: MAX_UNSUPPORTED_WORDS },
): SupportResult {
  const tokens = [...sentence.normalize('NFKC').matchAll(WORD_RE)];
  const names: string[] = [];
  const unsupported: string[] = [];
  let content = 0;
  tokens.forEach((m, i) => {
    const raw = m[0].replace(/['’]s$/i, '');
    const lower = raw.toLowerCase();
    if (/^\p{N}+$/u.test(raw) || NUMBER_WORDS.has(lower)) return; // numbers, in digits or words, have their own check
    const known = vocab.has(lower) || extra.has(lower) || PLATFORM_WORDS.includes(lower);
    // A name: capitalised anywhere but at the opening of the sentence, an acronym, or a
    // letter-digit token ("V3", "4o"). It must be in the posts: no reporting word stands in for it.
    const opening = i === 0 || /[:;—–]\s*["“]?\s*$/.test(sentence.slice(0, m.index));
    const isName = (/^\p{Lu}/u.test(raw) && !opening) || /^\p{Lu}{2,}$/u.test(raw) || (/\p{L}/u.test(raw) && /\p{N}/u.test(raw));
    if (isName && !STOP.has(lower)) {
      if (!known) names.push(raw);
      return;
    }
    if (STOP.has(lower) || lower.length < 3) return;
    if (ACTIONS.has(lower) && !vocab.has(lower)) {
      names.push(raw);
      return;
    }
    content++;
    if (known || REPORTING_STEMS.has(stem(lower))) return;
    unsupported.push(raw);
  });
  const supportedShare = content ? (content - unsupported.length) / content : 1;
  const ok = names.length === 0 && unsupported.length <= limits.maxUnsupported && supportedShare >= limits.threshold;
  return { ok, names, unsupported, contentWords: content };
}

/** Sentences of a text, by the platform's sentence segmenter (Intl.Segmenter) where there is one. */
let segmenter: Intl.Segmenter | null | undefined;

export function sentences(text: string, seg?: Intl.Segmenter | null): string[] {
  // Firefox has Intl.Segmenter from 125; before that, a plain split at sentence ends.
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'sentence' }) : null;
  const use = seg === undefined ? segmenter : seg;
  const parts = use ? [...use.segment(text)].map((s) => s.segment) : text.split(/(?<=[.!?…])\s+(?=["“‘(]?[\p{Lu}\p{N}])/u);
  return parts.map((s) => s.trim()).filter(Boolean);
}

// ── Links ────────────────────────────────────────────────────────────────────

/** URLs, and bare host names of two or more labels whose last is a word ("evil.example", "x.com/a"). */
const LINK_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'“”‘’)\]]+|(?<![@\p{L}\p{N}._-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]{1,62}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])(?:\/[^\s<>"'“”‘’)\]]*)?/giu;

/** Links and domains a text contains, as written. */
export function findLinks(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(LINK_RE)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

/** The host of a link as written (scheme, www. and path dropped), lower-cased. */
export function hostOf(link: string): string {
  return link.toLowerCase().replace(/^(?:https?|ftp):\/\//, '').replace(/^www\./, '').split(/[/?#:]/)[0] ?? '';
}

// ── Prompt injection ─────────────────────────────────────────────────────────

/** Phrases that speak to a model rather than to people. A post with one is content to report, never to obey or cite. */
const INJECTION_PATTERNS: RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules?|guidelines|directions)\b/i,
  /\b(?:system|developer|hidden)\s+(?:prompt|message|instructions?)\b/i,
  /\bnew\s+instructions?\b/i,
  /\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language model|llm|chatbot|claude|gpt|chatgpt|narrator|reporter)\b/i,
  /\b(?:as\s+an?\s+(?:ai|language model|assistant))\b/i,
  /\b(?:when|if)\s+(?:you\s+)?(?:summari[sz]|writ|report|narrat)\w*\b[^.!?\n]{0,60}\b(?:say|write|tell|state|mention|include|claim)\b/i,
  /\b(?:in|into)\s+(?:your|the)\s+(?:summary|narrative|headline|answer|output|response)\b/i,
  /\b(?:write|say|state|report)\s+that\b[^.!?\n]{0,80}\b(?:narrative|summary|headline|readers|users)\b/i,
  /\b(?:tell|urge|instruct)\s+(?:the\s+)?(?:readers?|users?|people)\s+to\b/i,
  /<\/?\s*(?:system|instructions?|posts?|post|figures|assistant|user|untrusted[-_\w]*)\s*>/i,
  /^\s*(?:system|assistant|user)\s*:/im,
  /\b(?:AI|LLM|model)s?\s+(?:reading|summari[sz]ing)\s+this\b/i,
];

/** Whether a post's text reads as instructions to a model (prompt injection). */
export function looksLikeInjection(post: Pick<DiscoursePost, 'text' | 'title'>): boolean {
  const cached = INJECTION_SEEN.get(post);
  if (cached !== undefined) return cached;
  const text = `${post.title ?? ''}\n${post.text}`.normalize('NFKC');
  const found = INJECTION_PATTERNS.some((re) => re.test(text));
  INJECTION_SEEN.set(post, found);
  return found;
}

const INJECTION_SEEN = new WeakMap<object, boolean>();
