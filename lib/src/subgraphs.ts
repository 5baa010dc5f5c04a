import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { DEPARTMENT_TYPES_SDL, FEDERATION_HEADER_SDL } from './federationSdl';

/** A subgraph of the enplan federation, as the composition and the demo launcher know it. */
export interface SubgraphDescriptor {
  name: string;
  /** A department owns citizen data under consent; a service (consent, plan) is municipal infrastructure. */
  kind: 'department' | 'service';
  /** The port of the demo/compose setup; the URL baked into the committed supergraph. */
  defaultPort: number;
}

export const SUBGRAPHS: readonly SubgraphDescriptor[] = [
  { name: 'employment', kind: 'department', defaultPort: 4001 },
  { name: 'social', kind: 'department', defaultPort: 4002 },
  { name: 'children', kind: 'department', defaultPort: 4003 },
  { name: 'consent', kind: 'service', defaultPort: 4004 },
  { name: 'plan', kind: 'service', defaultPort: 4005 },
];

export const REPO_ROOT = join(__dirname, '..', '..');

export function subgraphDescriptor(name: string): SubgraphDescriptor {
  const descriptor = SUBGRAPHS.find((s) => s.name === name);
  if (!descriptor) throw new Error(`Unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return descriptor;
}

/** Where a subgraph's own schema lives: `subgraphs/<name>/src/schema.graphql`. */
export function subgraphSchemaPath(name: string): string {
  return join(REPO_ROOT, 'subgraphs', name, 'src', 'schema.graphql');
}

/** A subgraph's full SDL: the shared header (and department types) followed by its own schema. */
export function fullSubgraphSdl(kind: SubgraphDescriptor['kind'], ownSdl: string): string {
  return kind === 'department'
    ? `${FEDERATION_HEADER_SDL}\n${DEPARTMENT_TYPES_SDL}\n${ownSdl}`
    : `${FEDERATION_HEADER_SDL}\n${ownSdl}`;
}

/** The parsed, full type definitions a subgraph serves. */
export function loadSubgraphTypeDefs(name: string): DocumentNode {
  const { kind } = subgraphDescriptor(name);
  return parse(fullSubgraphSdl(kind, readFileSync(subgraphSchemaPath(name), 'utf8')));
}
