import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { WEB_SCHEMA_PATH, apiSchemaSdl } from './apiSchema';

/** `npm run schema:web`: rewrites web/schema.graphql from the committed supergraph. */
writeFileSync(WEB_SCHEMA_PATH, apiSchemaSdl());
process.stdout.write(`wrote ${relative(process.cwd(), WEB_SCHEMA_PATH)}\n`);
