// Wire formats of the public upstreams the local pipeline reads (Algolia HN, GDELT DOC
// 2.0, Mastodon, Hugging Face Hub, a persisted Bluesky session). Only the fields we use
// are required; everything else passes through untouched so upstream additions never break us.
import { z } from 'zod';

const count = z.number().int().nonnegative();
/** Upstreams send counts as null now and then; treat that as zero. */
const looseCount = z.number().nonnegative().nullish().transform((n) => Math.floor(n ?? 0));

// ── Hacker News (Algolia) ────────────────────────────────────────────────────

/** One hit of `/api/v1/search_by_date` (a story or a comment). */
export const AlgoliaHit = z.looseObject({
  objectID: z.string().min(1),
  created_at: z.string(),
  created_at_i: z.number().int(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  story_title: z.string().nullish(),
  story_url: z.string().nullish(),
  story_id: z.number().int().nullish(),
  points: looseCount,
  num_comments: looseCount,
  _tags: z.array(z.string()).default([]),
});
export type AlgoliaHit = z.infer<typeof AlgoliaHit>;

export const AlgoliaSearchResponse = z.looseObject({
  hits: z.array(z.unknown()),
  nbHits: count.optional(),
  page: count.optional(),
  nbPages: count.optional(),
  hitsPerPage: count.optional(),
});
export type AlgoliaSearchResponse = z.infer<typeof AlgoliaSearchResponse>;

// ── GDELT DOC 2.0 ────────────────────────────────────────────────────────────

/** GDELT's compact UTC stamp, e.g. `20241115T123000Z`. */
export const GdeltDate = z.string().regex(/^\d{8}T\d{6}Z$/);

export const GdeltArticle = z.looseObject({
  url: z.string().min(1),
  title: z.string().default(''),
  seendate: GdeltDate,
  domain: z.string().default(''),
  language: z.string().default(''),
  sourcecountry: z.string().default(''),
  socialimage: z.string().default(''),
});
export type GdeltArticle = z.infer<typeof GdeltArticle>;

/** `mode=artlist&format=json`. GDELT answers `{}` when nothing matched. */
export const GdeltArtList = z.looseObject({ articles: z.array(z.unknown()).default([]) });
export type GdeltArtList = z.infer<typeof GdeltArtList>;

/** `mode=timelinetone&format=json`: average tone per time step (roughly -10 … +10). */
export const GdeltTimelineTone = z.looseObject({
  query_details: z.looseObject({ title: z.string().optional(), date_resolution: z.string().optional() }).optional(),
  timeline: z
    .array(
      z.looseObject({
        series: z.string(),
        data: z.array(z.looseObject({ date: GdeltDate, value: z.number() })).default([]),
      }),
    )
    .default([]),
});
export type GdeltTimelineTone = z.infer<typeof GdeltTimelineTone>;

// ── Mastodon ─────────────────────────────────────────────────────────────────

export const MastodonAccount = z.looseObject({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().default(''),
  url: z.string().nullish(),
  followers_count: looseCount,
  bot: z.boolean().default(false),
});

const MastodonStatusBase = z.looseObject({
  id: z.string().min(1),
  created_at: z.string(),
  language: z.string().nullish(),
  uri: z.string(),
  url: z.string().nullish(),
  content: z.string().default(''),
  spoiler_text: z.string().default(''),
  sensitive: z.boolean().default(false),
  visibility: z.string().default('public'),
  replies_count: looseCount,
  reblogs_count: looseCount,
  favourites_count: looseCount,
  account: MastodonAccount,
});

/** A status of `/api/v1/timelines/tag/{tag}`; a boost carries the original in `reblog`. */
export const MastodonStatus = MastodonStatusBase.extend({ reblog: MastodonStatusBase.nullish() });
export type MastodonStatus = z.infer<typeof MastodonStatus>;

export const MastodonTimeline = z.array(z.unknown());

// ── Hugging Face Hub ─────────────────────────────────────────────────────────

/** `/api/models/{id}`: the fields the hover card needs. */
export const HfModelInfo = z.looseObject({
  id: z.string().min(1),
  private: z.boolean().default(false),
  disabled: z.boolean().default(false),
  gated: z.union([z.boolean(), z.string()]).default(false),
  downloads: looseCount,
  likes: looseCount,
  lastModified: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  cardData: z.looseObject({ license: z.union([z.string(), z.array(z.string())]).nullish() }).nullish(),
  siblings: z.array(z.looseObject({ rfilename: z.string() })).nullish(),
});
export type HfModelInfo = z.infer<typeof HfModelInfo>;

// ── Bluesky ──────────────────────────────────────────────────────────────────

/** The `record` of an `app.bsky.feed.defs#postView` (a free-form object in the lexicon). */
export const BlueskyPostRecord = z.looseObject({
  text: z.string().default(''),
  createdAt: z.string(),
  langs: z.array(z.string()).optional(),
});

/** The session `@atproto/api` hands to `persistSession`, as we keep it in extension storage. */
export const BlueskySession = z.looseObject({
  did: z.string().startsWith('did:'),
  handle: z.string().min(1),
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  active: z.boolean().default(true),
});
export type BlueskySession = z.infer<typeof BlueskySession>;

/**
 * What we persist: the session plus the service and handle it belongs to, or the
 * fingerprint of credentials the server refused (so a wrong password is not retried
 * against createSession's 30-per-5-minutes limit on every fetch).
 */
export const StoredBlueskySession = z.object({
  service: z.string(),
  identifier: z.string(),
  session: BlueskySession.optional(),
  rejected: z.string().optional(),
});
export type StoredBlueskySession = z.infer<typeof StoredBlueskySession>;

// ── Pipeline bookkeeping kept in the store's `meta` records ─────────────────

/** Rate-limiter state that must outlive a sleeping service worker. */
export const LimiterState = z.object({
  /** Host → epoch ms until which it asked us to stay away (Retry-After). */
  cooldowns: z.record(z.string(), z.number()).default({}),
  /** Source → request times in the current hour window. */
  budgets: z.record(z.string(), z.array(z.number()).max(100_000)).default({}),
});
export type LimiterState = z.infer<typeof LimiterState>;

/** A GDELT tone timeline reduced to hour → tone, cached between fetches. */
export const ToneSeries = z.object({ points: z.array(z.tuple([z.number(), z.number()])).max(5000) });
export type ToneSeries = z.infer<typeof ToneSeries>;
