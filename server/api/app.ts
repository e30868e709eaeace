// The HTTP API (Hono): every route of the contract defined once with @hono/zod-openapi
// from the schemas in utils/schema, so docs/openapi.json comes out of these very
// definitions. ETag/304, bounded queries with clear 400s, optional bearer keys (stored
// hashed), per-key and per-IP rate limits (429 + Retry-After), /healthz, /metrics.
import { createHash } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { getConnInfo } from '@hono/node-server/conninfo';
import { rateLimiter } from 'hono-rate-limiter';
import { BEATS, Beat, BeatId, ContextQuery, DiscourseContext, Entity, Story, StorySummary, describeZodError } from '../../utils/schema';
import { bundledDetectorData } from '../../utils/detect/data';
import type { Db } from '../db';
import type { Metrics } from '../metrics';
import { readContext, readStories, readStory, type ServerInfo } from './context';
import { hashKey } from './keys';

export interface ApiDeps {
  db: Db;
  metrics: Metrics;
  clock: () => number;
  server: ServerInfo;
  /** Requests per minute: with a valid key, and per IP without one. */
  limits?: { perKey: number; perIp: number };
  /** Refuse requests without a key. */
  requireKey?: boolean;
  /** Read the client address from X-Forwarded-For (behind a proxy you run). */
  trustProxy?: boolean;
  /** Health of the ingest side, for /healthz. */
  ingestStatus?: () => Record<string, unknown>;
}

/** Longest request URL accepted (the longest real query is far shorter). */
export const MAX_URL_LENGTH = 2048;
/** A computed context is reused for this long (and its ETag stays the same). */
export const CONTEXT_TTL_MS = 15_000;

/**
 * Names a schema as an OpenAPI component. Through the prototype because zod 4 copies
 * methods onto each instance when it is built: the schemas of utils/schema may have been
 * built before @hono/zod-openapi added `.openapi`.
 */
function named<S extends z.ZodType>(schema: S, id: string): S {
  return (z.ZodType.prototype as unknown as { openapi: (this: S, id: string) => S }).openapi.call(schema, id);
}

const ErrorBody = z.object({ error: z.string(), message: z.string().optional() }).openapi('Error');
const BeatWithRecords = named(Beat.extend({
  /** All posts ever classified into the beat. */
  records: z.number().int().nonnegative(),
  /** Posts in the last 24 hours. */
  last24h: z.number().int().nonnegative(),
}), 'BeatRecords');

const etagHeader = { ETag: { description: 'Entity tag for If-None-Match revalidation', schema: { type: 'string' as const } } };
const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, headers: etagHeader, content: { 'application/json': { schema } } });
const errorResponses = {
  304: { description: 'Not modified (the If-None-Match tag still matches)' },
  400: { description: 'Malformed query', content: { 'application/json': { schema: ErrorBody } } },
  401: { description: 'Missing or wrong bearer key', content: { 'application/json': { schema: ErrorBody } } },
  429: {
    description: 'Rate limited',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } },
    content: { 'application/json': { schema: ErrorBody } },
  },
};
const ifNoneMatch = z.object({ 'if-none-match': z.string().max(200).optional() });

const contextRoute = createRoute({
  method: 'get',
  path: '/v1/context',
  operationId: 'getContext',
  summary: 'Discourse context for a beat and the page\'s leading entities',
  description: 'Figures come from hourly rollups; with entities, they cover posts naming any of them (a post naming two counts for each), else the beat. `beatRecords` counts every post ever classified into the beat.',
  request: {
    query: z.object({
      beat: BeatId,
      entities: z.string().max(900).optional().openapi({ description: 'Comma-separated entity ids (at most 10)' }),
      q: z.string().max(200).optional().openapi({ description: 'The topic query (never page text)' }),
    }),
    headers: ifNoneMatch,
  },
  responses: { 200: json(named(DiscourseContext, 'DiscourseContext'), 'The context'), ...errorResponses },
});
const beatsRoute = createRoute({
  method: 'get',
  path: '/v1/beats',
  operationId: 'listBeats',
  summary: 'The fixed beats, with their records (all posts ever) and last 24 h',
  request: { headers: ifNoneMatch },
  responses: { 200: json(z.array(BeatWithRecords), 'The beats'), ...errorResponses },
});
const storiesRoute = createRoute({
  method: 'get',
  path: '/v1/stories',
  operationId: 'listStories',
  summary: 'Stories: the latest of a beat, or the latest of every beat (newest first)',
  request: { query: z.object({ beat: BeatId.optional(), limit: z.coerce.number().int().min(1).max(20).optional() }), headers: ifNoneMatch },
  responses: { 200: json(z.array(named(StorySummary, 'StorySummary')), 'Stories'), ...errorResponses },
});
const storyRoute = createRoute({
  method: 'get',
  path: '/v1/stories/{id}',
  operationId: 'getStory',
  summary: 'One beat story in full: narrative, the snapshot it was written from, the posts it cites, importance and its reason',
  request: {
    params: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, 'story ids are lower-case letters, digits and dashes').openapi({ description: 'A story id, as /v1/stories lists them' }) }),
    headers: ifNoneMatch,
  },
  responses: { 200: json(named(Story, 'Story'), 'The story'), 404: { description: 'No story with this id', content: { 'application/json': { schema: ErrorBody } } }, ...errorResponses },
});
const entitiesRoute = createRoute({
  method: 'get',
  path: '/v1/entities',
  operationId: 'listEntities',
  summary: 'Gazetteer refresh: entities to recognise, merged over the bundled list',
  request: { headers: ifNoneMatch },
  responses: { 200: json(z.array(named(Entity, 'Entity')), 'Entities'), ...errorResponses },
});
const entityRoute = createRoute({
  method: 'get',
  path: '/v1/entities/{id}',
  operationId: 'getEntity',
  request: { params: z.object({ id: Entity.shape.id }), headers: ifNoneMatch },
  responses: { 200: json(named(Entity, 'Entity'), 'One entity'), 404: { description: 'Unknown entity', content: { 'application/json': { schema: ErrorBody } } }, ...errorResponses },
});

const ENTITIES: Entity[] = bundledDetectorData.entities.map((e) =>
  Entity.parse({ id: e.id, name: e.name, kind: e.kind, aliases: e.aliases.slice(0, 40), beats: e.beats, ambiguous: !!e.ambiguous, ...(e.hfRepo ? { hfRepo: e.hfRepo } : {}) }),
);
const ENTITY_BY_ID = new Map(ENTITIES.map((e) => [e.id, e]));

/** Sends `body` as JSON with a strong ETag, or 304 when the client's tag still matches. */
function withEtag(c: Context, text: string, etag?: string): Response {
  const tag = etag ?? `"${createHash('sha1').update(text).digest('base64url').slice(0, 20)}"`;
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)) return c.body(null, 304, { etag: tag });
  return c.body(text, 200, { etag: tag, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
}

const badRequest = (c: Context, message: string) => c.json({ error: 'bad-request', message }, 400);

/** Builds the API. Without `deps` it only describes itself (the OpenAPI document). */
export function createApi(deps?: ApiDeps) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return badRequest(c, describeZodError(result.error));
      return undefined;
    },
  });
  const need = (): ApiDeps => {
    if (!deps) throw new Error('the API was built without a database');
    return deps;
  };
  const contextCache = new Map<string, { at: number; answer: Promise<{ text: string; etag: string }> }>();
  const keyCache = new Map<string, { at: number; name: string | null }>();

  app.use('*', cors({ origin: '*', allowHeaders: ['authorization', 'if-none-match'], exposeHeaders: ['etag', 'retry-after'], maxAge: 600 }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    if (c.req.url.length > MAX_URL_LENGTH) return c.json({ error: 'bad-request', message: `request URL longer than ${MAX_URL_LENGTH} characters` }, 414);
    await next();
    deps?.metrics.requests.observe({ route: c.req.routePath || 'unknown', status: String(c.res.status) }, (performance.now() - started) / 1000);
  });

  // Bearer keys: optional unless required; a key that is sent must be a real one.
  app.use('/v1/*', async (c, next) => {
    const d = need();
    const auth = c.req.header('authorization');
    let keyName: string | null = null;
    if (auth) {
      const m = /^Bearer ([\w.~+/=-]{8,200})$/.exec(auth);
      if (!m) return c.json({ error: 'unauthorized', message: 'Authorization must be "Bearer <key>"' }, 401);
      const hash = hashKey(m[1]!);
      const now = d.clock();
      let hit = keyCache.get(hash);
      if (!hit || now - hit.at > 30_000) {
        const rows = await d.db.query<{ name: string }>('SELECT name FROM api_keys WHERE hash = $1', [hash]);
        hit = { at: now, name: rows[0]?.name ?? null };
        if (keyCache.size > 10_000) keyCache.clear();
        keyCache.set(hash, hit);
      }
      if (!hit.name) return c.json({ error: 'unauthorized', message: 'Unknown API key' }, 401);
      keyName = hit.name;
    } else if (d.requireKey) {
      return c.json({ error: 'unauthorized', message: 'This server needs an API key (Authorization: Bearer <key>)' }, 401);
    }
    c.set('keyName' as never, keyName as never);
    await next();
  });

  const clientIp = (c: Context): string => {
    if (deps?.trustProxy) {
      const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (fwd) return fwd;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
  const keyOf = (c: Context) => (c.get('keyName' as never) as string | null) ?? null;
  if (deps) {
    const limits = deps.limits ?? { perKey: 600, perIp: 120 };
    app.use(
      '/v1/*',
      rateLimiter({
        windowMs: 60_000,
        limit: (c) => (keyOf(c) ? limits.perKey : limits.perIp),
        keyGenerator: (c) => (keyOf(c) ? `key:${keyOf(c)}` : `ip:${clientIp(c)}`),
        standardHeaders: 'draft-6',
        handler: (c) => c.json({ error: 'rate-limited', message: 'Too many requests: wait for the time in Retry-After' }, 429),
      }),
    );
  }

  app.openapi(contextRoute, async (c) => {
    const d = need();
    const raw = c.req.valid('query');
    const parsed = ContextQuery.safeParse({ beat: raw.beat, entities: raw.entities ? raw.entities.split(',').map((s) => s.trim()).filter(Boolean) : [], q: raw.q ?? '' });
    if (!parsed.success) return badRequest(c, describeZodError(parsed.error)) as never;
    const q = parsed.data;
    const cacheKey = JSON.stringify([q.beat, [...new Set(q.entities)], q.q]);
    const now = d.clock();
    let entry = contextCache.get(cacheKey);
    if (!entry || now - entry.at > CONTEXT_TTL_MS) {
      // One read per topic at a time: concurrent requests for it share the same answer.
      const pending = readContext(d.db, q, now, d.server).then((ctx) => {
        const text = JSON.stringify(ctx);
        return { text, etag: `"${createHash('sha1').update(text).digest('base64url').slice(0, 20)}"` };
      });
      entry = { at: now, answer: pending };
      if (contextCache.size > 2000) contextCache.clear();
      contextCache.set(cacheKey, entry);
      pending.catch(() => contextCache.delete(cacheKey));
    }
    const hit = await entry.answer;
    return withEtag(c, hit.text, hit.etag) as never;
  });

  app.openapi(beatsRoute, async (c) => {
    const d = need();
    const since = new Date(d.clock() - 24 * 3_600_000).toISOString();
    const records = new Map((await d.db.query<{ scope: string; total: number }>("SELECT scope, total::float8 AS total FROM records WHERE scope LIKE 'beat:%'")).map((r) => [r.scope, r.total]));
    const recent = new Map(
      (await d.db.query<{ scope: string; n: number }>("SELECT scope, sum(count)::float8 AS n FROM rollups WHERE scope LIKE 'beat:%' AND hour >= $1 GROUP BY scope", [since])).map((r) => [r.scope, r.n]),
    );
    const body = BEATS.map((b) => ({ ...b, records: records.get(`beat:${b.id}`) ?? 0, last24h: recent.get(`beat:${b.id}`) ?? 0 }));
    return withEtag(c, JSON.stringify(body)) as never;
  });

  app.openapi(storiesRoute, async (c) => {
    const d = need();
    const { beat, limit } = c.req.valid('query');
    // Without a beat: the latest of every beat (15), unless told fewer.
    return withEtag(c, JSON.stringify(await readStories(d.db, beat, limit ?? (beat ? 10 : 20)))) as never;
  });

  app.openapi(storyRoute, async (c) => {
    const d = need();
    const story = await readStory(d.db, c.req.valid('param').id);
    if (!story) return c.json({ error: 'not-found', message: 'No story with this id' }, 404);
    return withEtag(c, JSON.stringify(story)) as never;
  });

  app.openapi(entitiesRoute, (c) => withEtag(c, JSON.stringify(ENTITIES)) as never);

  app.openapi(entityRoute, (c) => {
    const e = ENTITY_BY_ID.get(c.req.valid('param').id);
    if (!e) return c.json({ error: 'not-found', message: 'Unknown entity' }, 404);
    return withEtag(c, JSON.stringify(e)) as never;
  });

  app.get('/healthz', async (c) => {
    const d = need();
    try {
      await d.db.query('SELECT 1');
    } catch (err) {
      return c.json({ ok: false, db: 'down', message: (err as Error).message }, 503);
    }
    return c.json({ ok: true, db: d.db.engine, server: d.server, ingest: d.ingestStatus?.() ?? null });
  });

  app.get('/metrics', async (c) => {
    const d = need();
    return c.body(await d.metrics.registry.metrics(), 200, { 'content-type': d.metrics.registry.contentType });
  });

  app.get('/openapi.json', (c) => c.json(openApiDocumentOf(app)));

  app.notFound((c) => c.json({ error: 'not-found', message: `No route ${c.req.path}` }, 404));
  app.onError((err, c) => {
    console.error(`[server] ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ error: 'internal', message: 'The server failed to answer this request' }, 500);
  });
  return app;
}

function openApiDocumentOf(app: ReturnType<typeof createApi>) {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Undercurrent hosted API',
      version: '1.1.0',
      description:
        'Discourse context for AI topics, served by the Undercurrent server (server/ in the repository). The browser extension calls it when a base URL is set in its options; every answer is validated against these schemas, which are generated from the extension\'s zod schemas (utils/schema) by the server\'s own route definitions.',
    },
    security: [{ bearer: [] }, {}],
  });
  doc.components = { ...doc.components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };
  return doc;
}

/** The OpenAPI 3.1 document of the API (`npm run openapi` writes it to docs/openapi.json). */
export function openApiDocument() {
  return openApiDocumentOf(createApi());
}
