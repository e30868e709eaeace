// `npm run openapi`: writes docs/openapi.json from the zod schemas.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi } from '../utils/schema/openapi';

const out = resolve(import.meta.dirname, '../docs/openapi.json');
writeFileSync(out, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`wrote ${out}`);
