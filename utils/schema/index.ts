// The domain contract: every value that crosses a boundary — a message,
// a stored record, an HTTP answer, the settings — is parsed with one of these schemas.
// Types are z.infer of them, so the contract and the code cannot drift apart.
import { z } from 'zod';
import { BEATS, BEAT_IDS, BEAT_CATEGORIES } from './beats';
import { checkEndpoint } from './endpoint';
export { DEFAULT_WINDOW_HOURS } from './window';

export { topicUrl } from './urls';

export { BEATS, BEAT_IDS, BEAT_CATEGORIES, beatById } from './beats';

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);
const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);
/** Where requests (and secrets) may go: https, or plain http to loopback only (local development). */
const endpointUrl = httpUrl.superRefine((value, ctx) => {
  const verdict = checkEndpoint(value);
  if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.reason });
});

// ── Beats and entities ───────────────────────────────────────────────────────

/** A beat id: the public contract shared by the hosted API, the cache and `npm run detect`. */
export const BeatId = z.enum(BEAT_IDS);
export type BeatId = z.infer<typeof BeatId>;

export const BeatCategory = z.enum(BEAT_CATEGORIES);
export type BeatCategory = z.infer<typeof BeatCategory>;

export const Beat = z.object({ id: BeatId, name: text(80), category: BeatCategory });
export type Beat = z.infer<typeof Beat>;

/** What a name is: a model, a company or lab, a product or project, a chip, a dataset, a benchmark or a person. */
export const EntityKind = z.enum(['model', 'org', 'product', 'chip', 'dataset', 'benchmark', 'person']);
export type EntityKind = z.infer<typeof EntityKind>;

/** A named thing discourse is about, as the gazetteer knows it. */
export const Entity = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'entity ids are lower-case slugs').max(80),
  name: text(120).min(1),
  kind: EntityKind,
  aliases: z.array(text(120)).max(40).default([]),
  beats: z.array(BeatId).max(15).default([]),
  /** Needs AI evidence nearby before it counts (Llama, Mistral, Gemini, Apple…). */
  ambiguous: z.boolean().default(false),
  /** Hugging Face repo id (org/name), for models with Hub stats. */
  hfRepo: text(200).optional(),
});
export type Entity = z.infer<typeof Entity>;

/** One entity found on a page, with its text ranges for highlighting. */
export const EntityMention = z.object({
  id: text(80).min(1),
  name: text(120).min(1),
  kind: EntityKind,
  count: count.min(1),
  known: z.boolean(),
  ranges: z.array(z.tuple([count, count])).max(200).default([]),
  /**
   * How much the page is about this name (title, lead, opening paragraph, mentions; see
   * utils/detect). The detector lists a page's names by it, most salient first.
   */
  salience: z.number().min(0).max(1000).optional(),
});
export type EntityMention = z.infer<typeof EntityMention>;

export const PageKind = z.enum(['article', 'post']);
export type PageKind = z.infer<typeof PageKind>;

export const BeatScore = z.object({ id: BeatId, score: z.number().min(0).max(1) });
export type BeatScore = z.infer<typeof BeatScore>;

/** What the content script found on a page. `beat: null` means "not about AI". */
export const PageTopic = z.object({
  /** Without query string or fragment (see `topicUrl`). */
  url: z
    .url()
    .max(4096)
    .refine((u) => !u.includes('?') && !u.includes('#'), 'a topic URL carries no query string or fragment'),
  kind: PageKind,
  site: text(255),
  title: text(500),
  beat: BeatScore.nullable(),
  runnersUp: z.array(BeatScore).max(5).default([]),
  entities: z.array(EntityMention).max(60).default([]),
  /** The detector's suggestion for a search. Never sent: the background builds the query itself from gazetteer ids (utils/context/topic-query.ts). */
  query: text(200),
});
export type PageTopic = z.infer<typeof PageTopic>;

// ── Discourse ────────────────────────────────────────────────────────────────

export const SourceId = z.enum(['bluesky', 'x', 'news', 'youtube', 'hackernews', 'reddit', 'mastodon']);
export type SourceId = z.infer<typeof SourceId>;

export const Engagement = z.object({
  likes: count.default(0),
  reposts: count.default(0),
  replies: count.default(0),
});
export type Engagement = z.infer<typeof Engagement>;

export const Author = z.object({
  name: text(200).min(1),
  handle: text(200).optional(),
  url: httpUrl.optional(),
  followers: count.optional(),
});
export type Author = z.infer<typeof Author>;

/** One item of discourse. `id` is unique across sources (`source:native-id`). */
export const DiscoursePost = z.object({
  id: text(512).min(1),
  source: SourceId,
  author: Author,
  text: text(10_000),
  title: text(500).optional(),
  outlet: text(200).optional(),
  url: httpUrl,
  createdAt: isoTime,
  engagement: Engagement,
  /** Compound sentiment in [-1, 1] (VADER for social text, GDELT tone for news). */
  sentiment: z.number().min(-1).max(1).nullable().default(null),
  lang: text(16).optional(),
});
export type DiscoursePost = z.infer<typeof DiscoursePost>;

export const Mood = z.object({
  positive: share,
  neutral: share,
  negative: share,
  /** Mean compound sentiment in [-1, 1]. */
  score: z.number().min(-1).max(1),
  /** Score now minus score in the previous 24 h; null when there is nothing to compare. */
  shift: z.number().min(-2).max(2).nullable(),
  /** The shift in plain words, e.g. "sharply more positive". */
  shiftLabel: text(80),
});
export type Mood = z.infer<typeof Mood>;

export const SourceStat = z.object({
  source: SourceId,
  count,
  mood: Mood.optional(),
});
export type SourceStat = z.infer<typeof SourceStat>;

export const KeyVoice = z.object({
  postId: text(512).min(1),
  author: text(200).min(1),
  handle: text(200).optional(),
  platform: SourceId,
  /** Verbatim from the post. */
  quote: text(1000).min(1),
  url: httpUrl,
  engagement: count,
});
export type KeyVoice = z.infer<typeof KeyVoice>;

export const TimelinePoint = z.object({
  hour: isoTime,
  count,
  score: z.number().min(-1).max(1).nullable().default(null),
});
export type TimelinePoint = z.infer<typeof TimelinePoint>;

/** The aggregate for a topic over a window. */
export const DiscourseSnapshot = z.object({
  topicKey: text(300).min(1),
  beat: BeatId,
  query: text(200),
  generatedAt: isoTime,
  volume24h: count,
  volumePrev24h: count,
  /** Posts in the window (`windowHours`): what the timeline charts. */
  totalRecords: count,
  /**
   * How many hours back `totalRecords` and the timeline reach. Absent in snapshots stored
   * before it was sent: those all covered 7 days (`DEFAULT_WINDOW_HOURS`).
   */
  windowHours: z.number().int().min(1).max(24 * 366).optional(),
  /** All posts ever classified into the beat (the Undercurrent server's beat records; absent elsewhere). */
  beatRecords: count.optional(),
  bySource: z.array(SourceStat).max(SourceId.options.length),
  mood: Mood,
  keyVoices: z.array(KeyVoice).max(20),
  /** Hourly counts, oldest first; up to 7 days. */
  timeline: z.array(TimelinePoint).max(24 * 7),
});
export type DiscourseSnapshot = z.infer<typeof DiscourseSnapshot>;

// ── Narratives and stories ───────────────────────────────────────────────────

export const NarrativeParagraph = z.object({
  text: text(3000).min(1),
  /** Ids of the DiscoursePosts this paragraph rests on. */
  citations: z.array(text(512).min(1)).max(12),
});
export type NarrativeParagraph = z.infer<typeof NarrativeParagraph>;

/**
 * What a grounding problem is: a missing or unknown citation, a quote not verbatim in its
 * post, a figure neither the snapshot nor a cited post states, a sentence its posts do not
 * support, a link they do not contain, a citation of a post that addresses a model, a schema error.
 */
export const GroundingCheck = z.enum(['citation-missing', 'citation-unknown', 'quote-mismatch', 'figure-mismatch', 'unsupported', 'link', 'injection', 'schema']);
export type GroundingCheck = z.infer<typeof GroundingCheck>;

export const GroundingProblem = z.object({
  check: GroundingCheck,
  paragraph: z.number().int().min(-1),
  detail: text(500),
});
export type GroundingProblem = z.infer<typeof GroundingProblem>;

export const Narrative = z.object({
  beat: BeatId,
  headline: text(200).min(1),
  dek: text(400).min(1),
  paragraphs: z.array(NarrativeParagraph).min(1).max(8),
  /** Who wrote it: a Claude model id, or "extractive" for quoted posts only. */
  model: text(100).min(1),
  kind: z.enum(['generated', 'extractive', 'sample']),
  generatedAt: isoTime,
  postCount: count,
  disclosure: text(400),
  /** Fingerprint of the snapshot it was written from (cache key for regeneration). */
  fingerprint: text(128).optional(),
  /** Grounding problems that sent a generated narrative back to the extractive one. */
  rejected: z.array(GroundingProblem).max(50).optional(),
  /** Where it was written: by this extension ("local") or by the hosted API ("hosted"). */
  origin: z.enum(['local', 'hosted']).optional(),
});
export type Narrative = z.infer<typeof Narrative>;

export const StorySummary = z.object({
  id: text(200).min(1),
  title: text(300).min(1),
  url: httpUrl,
  outlet: text(200).optional(),
  category: BeatCategory,
  beat: BeatId,
  /** 1 (minor) to 5 (major). */
  importance: z.number().int().min(1).max(5),
  publishedAt: isoTime,
  /** For a beat story written by the Undercurrent server: its dek and how it was written. */
  dek: text(400).optional(),
  kind: z.enum(['generated', 'extractive']).optional(),
});
export type StorySummary = z.infer<typeof StorySummary>;

/**
 * A beat story as the Undercurrent server's story writer stores and serves it: the
 * narrative (headline, dek, cited paragraphs, disclosure), the snapshot it was written
 * from (24 h volume, beat records, sources, mood and its shift, timeline, key voices), the
 * posts its paragraphs cite, and an importance computed from the data. `url` is its story
 * page (`/stories/{id}` on the server). The summary is what "More stories" lists.
 */
export const Story = z.object({
  id: text(200).min(1),
  beat: BeatId,
  category: BeatCategory,
  url: httpUrl,
  publishedAt: isoTime,
  narrative: Narrative,
  snapshot: DiscourseSnapshot,
  posts: z.array(DiscoursePost).max(80),
  /** 1 (minor) to 5 (major), from the data; a model may move it by one step. */
  importance: z.number().int().min(1).max(5),
  importanceReason: text(300),
});
export type Story = z.infer<typeof Story>;

// ── Context: what the UI renders ─────────────────────────────────────────────

/** What the background is asked for: the beat, the leading entities and the search query. */
export const ContextQuery = z.object({
  beat: BeatId,
  entities: z.array(text(80).min(1)).max(10).default([]),
  q: text(200).default(''),
});
export type ContextQuery = z.infer<typeof ContextQuery>;

export const Origin = z.enum(['cache', 'hosted', 'live', 'sample']);
export type Origin = z.infer<typeof Origin>;

export const ErrorCode = z.enum([
  'bad-request',
  'unknown-message',
  'not-found',
  'network',
  'timeout',
  'http',
  'rate-limited',
  'unauthorized',
  'malformed',
  'too-large',
  'not-configured',
  'budget',
  /** A narrative failed the grounding check (generated or hosted); quoted posts stand in. */
  'ungrounded',
  'storage',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const SourceError = z.object({
  /** A SourceId, or "hosted", "narrative", "cache". */
  source: text(40).min(1),
  code: ErrorCode,
  message: text(500),
});
export type SourceError = z.infer<typeof SourceError>;

export const Freshness = z.object({
  fetchedAt: isoTime,
  stale: z.boolean(),
  /** Where this answer came from now. */
  origin: Origin,
  /** Where the data came from originally (differs from origin when served from cache). */
  upstream: z.enum(['hosted', 'live', 'sample']),
  /** Date the bundled sample pack was written, when upstream is "sample". */
  sampleDate: z.iso.date().optional(),
  /** The Undercurrent server that answered, and whether it is replaying a recorded capture. */
  server: z.object({ name: text(120).min(1), replay: z.boolean().default(false) }).optional(),
  errors: z.array(SourceError).max(20).default([]),
});
export type Freshness = z.infer<typeof Freshness>;

export const DiscourseContext = z.object({
  topic: ContextQuery.extend({ key: text(300).min(1) }),
  snapshot: DiscourseSnapshot,
  /** The posts the key voices and narrative cite (bounded sample). */
  posts: z.array(DiscoursePost).max(200).default([]),
  narrative: Narrative.nullable().default(null),
  stories: z.array(StorySummary).max(20).default([]),
  freshness: Freshness,
});
export type DiscourseContext = z.infer<typeof DiscourseContext>;

// ── Entity cards (hover cards) ───────────────────────────────────────────────

/** Hugging Face Hub figures for a model, as the hover card shows them. */
export const ModelStats = z.object({
  repoId: text(200).min(1),
  downloads: count,
  likes: count,
  license: text(100).nullable(),
  /** Weights downloadable from the Hub. */
  openWeights: z.boolean(),
  /** An OSI-style licence (apache-2.0, mit…) on top of open weights. */
  openSource: z.boolean(),
  lastModified: isoTime.nullable(),
});
export type ModelStats = z.infer<typeof ModelStats>;

/** What a hover card shows for one entity. */
export const EntityCard = z.object({
  entity: z.object({ id: text(80).min(1), name: text(120).min(1), kind: EntityKind, known: z.boolean() }),
  beat: BeatId.nullable(),
  /**
   * What volume24h, mood and topVoice are about: "entity" — posts about this name;
   * "beat" — the whole beat's (no figures for the name could be had; the sample is always
   * this), shown only labelled as the beat's; "none" — nothing could be had at all.
   */
  scope: z.enum(['entity', 'beat', 'none']).default('entity'),
  volume24h: count,
  mood: Mood.nullable(),
  topVoice: KeyVoice.nullable(),
  stats: ModelStats.nullable(),
  freshness: Freshness.pick({ fetchedAt: true, stale: true, origin: true, upstream: true, sampleDate: true, server: true }),
  errors: z.array(SourceError).max(20).default([]),
});
export type EntityCard = z.infer<typeof EntityCard>;

// ── Settings ─────────────────────────────────────────────────────────────────

/** Non-secret settings (exportable). Secrets live in `Secrets`. */
export const Settings = z.object({
  hostedApi: z.object({ baseUrl: z.union([endpointUrl, z.literal('')]).default('') }).default({ baseUrl: '' }),
  sources: z
    .object({
      bluesky: z.boolean().default(true),
      hackernews: z.boolean().default(true),
      news: z.boolean().default(true),
      mastodon: z.boolean().default(true),
      huggingface: z.boolean().default(true),
    })
    .default({ bluesky: true, hackernews: true, news: true, mastodon: true, huggingface: true }),
  /**
   * Upstream endpoints: https, or plain http to loopback (local development; tests point
   * them at fake servers on 127.0.0.1). Shown and editable on the options page; an import
   * changes them only when the user ticks that box.
   */
  endpoints: z
    .object({
      blueskyService: endpointUrl.default('https://bsky.social'),
      hackernews: endpointUrl.default('https://hn.algolia.com'),
      gdelt: endpointUrl.default('https://api.gdeltproject.org'),
      mastodon: endpointUrl.default('https://mastodon.social'),
      huggingface: endpointUrl.default('https://huggingface.co'),
      anthropic: endpointUrl.default('https://api.anthropic.com'),
    })
    .default({
      blueskyService: 'https://bsky.social',
      hackernews: 'https://hn.algolia.com',
      gdelt: 'https://api.gdeltproject.org',
      mastodon: 'https://mastodon.social',
      huggingface: 'https://huggingface.co',
      anthropic: 'https://api.anthropic.com',
    }),
  bluesky: z.object({ handle: text(253).default('') }).default({ handle: '' }),
  anthropic: z
    .object({
      model: text(100).min(1).default('claude-sonnet-5-5'),
      dailyTokenBudget: count.default(200_000),
      /** A cached narrative older than this is rewritten even if the snapshot has not moved. */
      maxNarrativeAgeMinutes: z.number().int().min(5).max(7 * 24 * 60).default(360),
    })
    .default({ model: 'claude-sonnet-5-5', dailyTokenBudget: 200_000, maxNarrativeAgeMinutes: 360 }),
  ui: z
    .object({
      highlights: z.boolean().default(true),
      /** Which mentions of a name are underlined: every one, the first in each section of the text, or none. */
      underline: z.enum(['all', 'first', 'none']).default('first'),
      sidebar: z.boolean().default(true),
      /** Per-site switch: "deny" turns Undercurrent off on that host. */
      sites: z.record(text(255), z.enum(['allow', 'deny'])).default({}),
      /** Feed mode per site: posts in timelines and listings read one by one (utils/feeds). */
      feeds: z
        .object({
          x: z.boolean().default(true),
          bluesky: z.boolean().default(true),
          reddit: z.boolean().default(true),
          mastodon: z.boolean().default(true),
          hackernews: z.boolean().default(true),
        })
        .default({ x: true, bluesky: true, reddit: true, mastodon: true, hackernews: true }),
      /** The chip after each AI post in a feed (beat · mood · posts today). */
      feedChips: z.boolean().default(true),
    })
    .default({ highlights: true, underline: 'first', sidebar: true, sites: {}, feeds: { x: true, bluesky: true, reddit: true, mastodon: true, hackernews: true }, feedChips: true }),
  /** Languages the user reads (ISO 639-1); discourse in other languages is dropped. Posts with no language tag are kept. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1).max(10).default(['en']),
  /** Context older than this is shown as stale and revalidated. */
  cacheTtlMinutes: z.number().int().min(1).max(24 * 60).default(30),
  /** Which hosts are read at all (see utils/context/host-policy.ts). */
  privacy: z
    .object({
      /** RFC 1918, link-local, .local/.internal/.corp/.lan/.home.arpa and single-label hosts. */
      allowPrivateHosts: z.boolean().default(false),
      /** 127.0.0.0/8, ::1 and localhost: this machine (the demo, local development). */
      allowLoopback: z.boolean().default(true),
    })
    .default({ allowPrivateHosts: false, allowLoopback: true }),
  /** What a page can make the extension fetch (see utils/context/spend-policy.ts). */
  limits: z
    .object({
      /** New topics fetched for one tab per minute. */
      topicsPerTabPerMinute: z.number().int().min(1).max(60).default(3),
      /** New topics fetched for one site (all its tabs) per minute. */
      topicsPerSitePerMinute: z.number().int().min(1).max(120).default(6),
      /** Distinct topics fetched for one tab per hour: a hard cap. */
      topicsPerTabPerHour: z.number().int().min(1).max(500).default(20),
      /** Seconds a focused tab stays on one topic before a narrative is written for it. */
      dwellSeconds: z.number().int().min(1).max(300).default(5),
    })
    .default({ topicsPerTabPerMinute: 3, topicsPerSitePerMinute: 6, topicsPerTabPerHour: 20, dwellSeconds: 5 }),
});
export type Settings = z.infer<typeof Settings>;

/**
 * Secrets: kept encrypted in the extension origin's IndexedDB (utils/settings/secret-store),
 * read by the background only, never exported or logged, each bound to the origin it was
 * saved for (`SECRET_ENDPOINTS`).
 */
export const Secrets = z.object({
  hostedApiKey: text(500).default(''),
  blueskyAppPassword: text(200).default(''),
  anthropicApiKey: text(500).default(''),
});
export type Secrets = z.infer<typeof Secrets>;

/**
 * A change to some secrets: only the keys present are written ('' removes one). Not
 * `Secrets.partial()`, whose defaults would fill the missing keys with '' and wipe them.
 */
export const SecretsPatch = z.object({
  hostedApiKey: text(500).optional(),
  blueskyAppPassword: text(200).optional(),
  anthropicApiKey: text(500).optional(),
});
export type SecretsPatch = z.infer<typeof SecretsPatch>;

/** Which endpoint each secret is sent to: a secret is bound to that endpoint's origin when saved. */
export const SECRET_ENDPOINTS = {
  hostedApiKey: (s: Settings) => s.hostedApi.baseUrl,
  blueskyAppPassword: (s: Settings) => s.endpoints.blueskyService,
  anthropicApiKey: (s: Settings) => s.endpoints.anthropic,
} as const satisfies Record<keyof Secrets, (s: Settings) => string>;

/** A secret's state as the options page may know it: set or not, and the origin it is bound to — never its value. */
export const SecretState = z.object({
  set: z.boolean(),
  /** The origin the secret was saved for; it is sent nowhere else. */
  origin: z.string().max(2048).nullable(),
  /** True when the endpoint in the settings now points at that origin (the secret is in use). */
  usable: z.boolean(),
});
export type SecretState = z.infer<typeof SecretState>;

/** Turns a zod error into one readable line: `snapshot.mood.score: Too big: expected number to be <=1`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
