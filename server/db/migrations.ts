// The server's schema, as ordered SQL migrations (never edit one that has shipped: add
// the next). Plain Postgres 15 SQL that PGlite runs too.
//
// posts     raw posts, one row per (source, native id); dropped after the retention period
// post_keys dedupe keys (id, canonical URL, text, word bag) → first post seen with them
// rollups   hourly counts and mood sums per scope (beat:<id> | entity:<id>) and source;
//           kept forever, so /v1/context reads O(hours), never O(posts)
// records   all-time post counts per scope ("beat records")
// cursors   where each ingest source resumes (Jetstream's time_us, HN's created_at_i…)
// api_keys  optional bearer keys, stored as SHA-256 hashes
// stories   written by the story writer (server/stories): the full Story, its summary,
//           the fingerprint of its evidence and why it is extractive when it is
// story_usage  the story writer's Claude tokens and dollars per UTC day (its budget)
// voices    the key-voice candidates: the top posts by rank per scope and hour, kept at
//           insert (and when enrichment changes a rank), so /v1/context reads them with
//           an index range instead of sorting a beat's or an entity's posts
export const MIGRATIONS: string[] = [
  `
CREATE TABLE posts (
  id text PRIMARY KEY,
  source text NOT NULL,
  beat text NOT NULL,
  entities text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  rank real NOT NULL,
  sentiment real,
  post jsonb NOT NULL,
  inserted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX posts_beat_rank ON posts (beat, rank DESC);
CREATE INDEX posts_created ON posts (created_at);
CREATE INDEX posts_entities ON posts USING gin (entities);
CREATE TABLE post_keys (
  key text PRIMARY KEY,
  post_id text NOT NULL,
  seen_at timestamptz NOT NULL
);
CREATE INDEX post_keys_seen ON post_keys (seen_at);
CREATE TABLE rollups (
  scope text NOT NULL,
  hour timestamptz NOT NULL,
  source text NOT NULL,
  count integer NOT NULL,
  scored integer NOT NULL,
  positive integer NOT NULL,
  negative integer NOT NULL,
  sentiment_sum double precision NOT NULL,
  PRIMARY KEY (scope, hour, source)
);
CREATE TABLE records (
  scope text PRIMARY KEY,
  total bigint NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL
);
CREATE TABLE cursors (
  source text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE api_keys (
  name text PRIMARY KEY,
  hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE stories (
  id text PRIMARY KEY,
  beat text NOT NULL,
  published_at timestamptz NOT NULL,
  summary jsonb NOT NULL
);
CREATE INDEX stories_beat ON stories (beat, published_at DESC)
`,
  // Bluesky posts from Jetstream carry no engagement and no handle: the AppView
  // enrichment marks the posts it has looked up.
  `
ALTER TABLE posts ADD COLUMN enriched_at timestamptz;
CREATE INDEX posts_unenriched ON posts (created_at DESC) WHERE source = 'bluesky' AND enriched_at IS NULL
`,
  // The story writer: the full Story beside its summary, what it was written from and
  // what it cost; its daily token budget.
  `
ALTER TABLE stories ADD COLUMN story jsonb;
ALTER TABLE stories ADD COLUMN kind text;
ALTER TABLE stories ADD COLUMN fingerprint text;
ALTER TABLE stories ADD COLUMN fallback text;
ALTER TABLE stories ADD COLUMN tokens integer NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN usd double precision;
CREATE TABLE story_usage (
  day date PRIMARY KEY,
  tokens bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cache_read_tokens bigint NOT NULL DEFAULT 0,
  cache_write_tokens bigint NOT NULL DEFAULT 0,
  usd double precision NOT NULL DEFAULT 0,
  requests integer NOT NULL DEFAULT 0
)
`,
  // Key voices from a small side table (top posts per scope and hour) instead of the
  // rank and GIN indexes over all posts, which every insert had to maintain.
  `
CREATE TABLE voices (
  scope text NOT NULL,
  hour timestamptz NOT NULL,
  post_id text NOT NULL,
  rank real NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, hour, post_id)
);
INSERT INTO voices (scope, hour, post_id, rank, created_at)
SELECT scope, hour, id, rank, created_at FROM (
  SELECT s.scope, date_trunc('hour', p.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, p.id, p.rank, p.created_at,
         row_number() OVER (PARTITION BY s.scope, date_trunc('hour', p.created_at AT TIME ZONE 'UTC') ORDER BY p.rank DESC, p.id) AS n
  FROM posts p CROSS JOIN LATERAL unnest(ARRAY['beat:' || p.beat] || ARRAY(SELECT 'entity:' || e FROM unnest(p.entities) AS e)) AS s(scope)
) x WHERE n <= 60;
DROP INDEX posts_beat_rank;
DROP INDEX posts_entities
`,
];
