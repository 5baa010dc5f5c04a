import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { DEPARTMENT_TYPES_SDL, FEDERATION_HEADER_SDL } from './federationSdl';
import { subgraphDescriptor, type SubgraphKind } from './registry';
import { REPO_ROOT } from './repoRoot';

/** Where a subgraph's own schema lives: `subgraphs/<name>/src/schema.graphql`. */
export function subgraphSchemaPath(name: string): string {
  return join(REPO_ROOT, 'subgraphs', name, 'src', 'schema.graphql');
}

/** A subgraph's full SDL: the shared header (and, for a department, the department types) followed by its own schema. */
export function fullSubgraphSdl(kind: SubgraphKind | undefined, ownSdl: string): string {
  return kind === 'department'
    ? `${FEDERATION_HEADER_SDL}\n${DEPARTMENT_TYPES_SDL}\n${ownSdl}`
    : `${FEDERATION_HEADER_SDL}\n${ownSdl}`;
}

/** The parsed, full type definitions a subgraph serves. */
export function loadSubgraphTypeDefs(name: string): DocumentNode {
  const { kind } = subgraphDescriptor(name);
  return parse(fullSubgraphSdl(kind, readFileSync(subgraphSchemaPath(name), 'utf8')));
}
