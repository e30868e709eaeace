import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../server/api/app';

describe('OpenAPI document', () => {
  it('comes out of the server\'s route definitions and is committed up to date (run `npm run openapi`)', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('describes every route of the contract, the beat ids and the context schema', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, { get: { parameters?: { name: string; schema: { enum?: string[] } }[] } }>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/context', '/v1/beats', '/v1/stories', '/v1/entities', '/v1/entities/{id}']));
    const beat = doc.paths['/v1/context']!.get.parameters!.find((p) => p.name === 'beat');
    expect(beat?.schema.enum).toHaveLength(15);
    expect(Object.keys(doc.components.schemas.DiscourseContext!.properties!)).toEqual(
      expect.arrayContaining(['topic', 'snapshot', 'posts', 'narrative', 'stories', 'freshness']),
    );
  });
});
