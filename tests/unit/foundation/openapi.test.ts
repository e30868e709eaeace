import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../utils/schema/openapi';

describe('OpenAPI document', () => {
  it('is generated from the schemas and committed up to date (run `npm run openapi`)', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });

  it('describes the context endpoint with the beat ids and the context schema', () => {
    const doc = buildOpenApi() as { paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    const beat = doc.paths['/v1/context']!.get.parameters.find((p) => p.name === 'beat');
    expect(beat?.schema.enum).toHaveLength(15);
    expect(Object.keys(doc.components.schemas.DiscourseContext!.properties!)).toEqual(
      expect.arrayContaining(['topic', 'snapshot', 'posts', 'narrative', 'stories', 'freshness']),
    );
  });
});
