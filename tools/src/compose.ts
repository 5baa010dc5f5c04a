import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadRegistry } from '@enplan/lib';
import { SUPERGRAPH_BANNER, SUPERGRAPH_PATH, committedSubgraphs, composeSupergraph } from './composeSupergraph';

/** `npm run schema:compose`: rewrites the committed supergraph, or prints why it cannot. */
loadRegistry();
const outcome = composeSupergraph(committedSubgraphs());
for (const hint of outcome.hints) process.stderr.write(`hint ${hint.definition.code}: ${hint.message}\n`);
if (!outcome.ok) {
  for (const error of outcome.errors) {
    const code = (error.extensions?.code as string | undefined) ?? 'ERROR';
    process.stderr.write(`error ${code}: ${error.message}\n`);
  }
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, SUPERGRAPH_BANNER + outcome.supergraphSdl + '\n');
process.stdout.write(`wrote ${relative(process.cwd(), SUPERGRAPH_PATH)}\n`);
