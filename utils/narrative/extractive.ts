// The narrative a fresh install shows, and the fallback whenever Claude cannot be used
// or its answer fails the grounding check: figures from the snapshot and verbatim
// quotes of the key voices, with attribution. Nothing in it is written by a model.
import { beatById, type DiscourseContext, type DiscoursePost, type Narrative, type NarrativeParagraph, type SourceId } from '../schema';
import { quoteIn } from './grounding';

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

const MAX_PARAGRAPHS = 5;
const EXCERPT_CHARS = 280;

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Builds the extractive narrative for a context. Pure. With no posts at all it has a
 * single uncited paragraph, which the grounding check (rightly) refuses; the narrator
 * shows no narrative then.
 */
export function extractiveNarrative(context: DiscourseContext): Narrative {
  const s = context.snapshot;
  const beatName = beatById(s.beat)?.name ?? s.beat;
  const mood = s.mood;
  const moodWords = mood.shift !== null && mood.shiftLabel ? `mood ${mood.shiftLabel}` : `mood ${mood.score > 0.05 ? 'leaning positive' : mood.score < -0.05 ? 'leaning negative' : 'mixed'}`;
  const headline = clamp(`${beatName}: ${fmt(s.volume24h)} ${s.volume24h === 1 ? 'post' : 'posts'} in 24 hours, ${moodWords}`, 200);

  const dekParts: string[] = [];
  if (s.volumePrev24h > 0) {
    const change = (s.volume24h - s.volumePrev24h) / s.volumePrev24h;
    dekParts.push(
      Math.abs(change) < 0.005
        ? `Level with the previous 24 hours (${fmt(s.volumePrev24h)} posts).`
        : `${change > 0 ? 'Up' : 'Down'} ${Math.round(Math.abs(change) * 100)}% on the previous 24 hours (${fmt(s.volumePrev24h)} posts).`,
    );
  }
  const sourceTotal = s.bySource.reduce((a, b) => a + b.count, 0);
  const top = [...s.bySource].filter((b) => b.count > 0).sort((a, b) => b.count - a.count).slice(0, 3);
  if (sourceTotal > 0 && top.length) {
    dekParts.push(`Where: ${top.map((b) => `${PLATFORM_NAMES[b.source]} ${pct(b.count / sourceTotal)}`).join(', ')}.`);
  }
  dekParts.push(`${pct(mood.positive)} of posts read positive, ${pct(mood.negative)} negative.`);
  const dek = clamp(dekParts.join(' '), 400);

  const picks = pickQuotes(context);
  const paragraphs: NarrativeParagraph[] = picks.length
    ? picks.map((p) => ({ text: clamp(p.text, 3000), citations: [p.postId] }))
    : [{ text: 'No posts were sampled for this topic in the last 24 hours, so there is nothing to quote yet.', citations: [] }];

  return {
    beat: s.beat,
    headline,
    dek,
    paragraphs,
    model: 'extractive',
    kind: 'extractive',
    generatedAt: s.generatedAt,
    postCount: context.posts.length,
    disclosure: clamp(
      `Made of quoted posts only: ${picks.length} verbatim ${picks.length === 1 ? 'excerpt' : 'excerpts'} from the ${fmt(context.posts.length)} posts sampled, ` +
        'chosen by engagement, with figures from the snapshot. No sentence here was written by AI.',
      400,
    ),
    origin: 'local',
  };
}

interface Pick {
  postId: string;
  text: string;
}

/** Key voices first (their quote, if it is verbatim in the post), then the most engaged posts. */
function pickQuotes(context: DiscourseContext): Pick[] {
  const byId = new Map(context.posts.map((p) => [p.id, p]));
  const used = new Set<string>();
  const out: Pick[] = [];
  const add = (post: DiscoursePost, excerpt: string, engagement: number) => {
    if (used.has(post.id) || out.length >= MAX_PARAGRAPHS || !excerpt) return;
    used.add(post.id);
    out.push({ postId: post.id, text: `${attribution(post)}${engagement > 0 ? ` (${fmt(engagement)} interactions)` : ''}: “${excerpt}”` });
  };
  for (const v of context.snapshot.keyVoices) {
    const post = byId.get(v.postId);
    if (!post) continue; // a voice whose post is not in the sample cannot be cited
    const quote = safeQuote(v.quote);
    add(post, quoteIn(quote, post) ? quote : excerpt(post), v.engagement);
  }
  const engagement = (p: DiscoursePost) => p.engagement.likes + p.engagement.reposts + p.engagement.replies;
  for (const post of [...context.posts].sort((a, b) => engagement(b) - engagement(a))) add(post, excerpt(post), engagement(post));
  return out;
}

function attribution(post: DiscoursePost): string {
  const who = post.author.handle && post.author.handle !== post.author.name ? `${post.author.name} (@${post.author.handle.replace(/^@/, '')})` : post.author.name;
  if (post.source === 'news') return post.outlet && post.outlet !== post.author.name ? `${who}, in ${post.outlet}` : `${who}, in the news`;
  return `${who} on ${PLATFORM_NAMES[post.source]}`;
}

/** The opening of a post, cut at a sentence (or word) boundary; "…" marks the cut. */
function excerpt(post: DiscoursePost): string {
  const text = safeQuote((post.text || post.title || '').replace(/\s+/g, ' ').trim());
  if (text.length <= EXCERPT_CHARS) return text;
  const head = text.slice(0, EXCERPT_CHARS);
  const sentence = head.match(/^.*[.!?](?=\s)/)?.[0];
  if (sentence && sentence.length >= 80) return sentence;
  return `${head.slice(0, head.lastIndexOf(' ') > 40 ? head.lastIndexOf(' ') : EXCERPT_CHARS).trim()}…`;
}

/** Curly double quotes inside a quote would end it early; straight ones match them verbatim. */
function safeQuote(s: string): string {
  return s.replace(/[\u201C\u201D\u201E\u201F]/g, '"').trim();
}

function clamp(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
