// `npm run openapi`: writes docs/openapi.json from the server's own route definitions
// (server/api/app.ts), which are built from the zod schemas in utils/schema.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocument } from '../server/api/app';

const out = resolve(import.meta.dirname, '../docs/openapi.json');
writeFileSync(out, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${out}`);
