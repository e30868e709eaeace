// The hosted API contract as an OpenAPI 3.1 document, generated from the zod schemas
// (never written by hand): `npm run openapi` writes docs/openapi.json.
import { z } from 'zod';
import { Beat, BeatId, DiscourseContext, Entity, StorySummary } from './index';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });

const ErrorBody = z.object({ error: z.string(), message: z.string().optional() });

export function buildOpenApi(): Record<string, unknown> {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (schema: unknown, description: string) => ({
    description,
    headers: { ETag: { description: 'Entity tag for If-None-Match revalidation', schema: { type: 'string' } } },
    content: { 'application/json': { schema } },
  });
  const errors = {
    '304': { description: 'Not modified (the If-None-Match tag still matches)' },
    '401': { description: 'Missing or wrong bearer key', content: { 'application/json': { schema: ref('Error') } } },
    '429': {
      description: 'Rate limited',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
      content: { 'application/json': { schema: ref('Error') } },
    },
  };
  const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Undercurrent hosted API',
      version: '1.0.0',
      description:
        'Discourse context for AI topics. The browser extension calls it when a base URL is set in its options; every answer is validated against these schemas, which are generated from the extension\'s zod schemas (utils/schema).',
    },
    security: [{ bearer: [] }, {}],
    paths: {
      '/v1/context': {
        get: {
          operationId: 'getContext',
          summary: 'Discourse context for a beat, its leading entities and a query',
          parameters: [
            { name: 'beat', in: 'query', required: true, schema: json(BeatId) },
            { name: 'entities', in: 'query', required: false, description: 'Comma-separated entity ids (at most 10)', schema: { type: 'string' } },
            { name: 'q', in: 'query', required: false, description: 'The topic query (never page text)', schema: { type: 'string', maxLength: 200 } },
            ifNoneMatch,
          ],
          responses: { '200': ok(ref('DiscourseContext'), 'The context'), ...errors },
        },
      },
      '/v1/beats': { get: { operationId: 'listBeats', responses: { '200': ok({ type: 'array', items: ref('Beat') }, 'The fixed beats'), ...errors } } },
      '/v1/stories': {
        get: {
          operationId: 'listStories',
          parameters: [{ name: 'beat', in: 'query', required: false, schema: json(BeatId) }, ifNoneMatch],
          responses: { '200': ok({ type: 'array', items: ref('StorySummary') }, 'Related stories'), ...errors },
        },
      },
      '/v1/entities': {
        get: {
          operationId: 'listEntities',
          summary: 'Gazetteer refresh: entities to recognise, merged over the bundled list',
          parameters: [ifNoneMatch],
          responses: { '200': ok({ type: 'array', items: ref('Entity') }, 'Entities'), ...errors },
        },
      },
      '/v1/entities/{id}': {
        get: {
          operationId: 'getEntity',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ifNoneMatch],
          responses: { '200': ok(ref('Entity'), 'One entity'), '404': { description: 'Unknown entity' }, ...errors },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        DiscourseContext: json(DiscourseContext),
        Beat: json(Beat),
        StorySummary: json(StorySummary),
        Entity: json(Entity),
        Error: json(ErrorBody),
      },
    },
  };
}
