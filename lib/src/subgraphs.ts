import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import { namedType } from './categoryClassifier';
import { departmentMappingPath, departmentSdlFromMapping, loadDepartmentMapping } from './department/kit/departmentMapping';
import { DEPARTMENT_TYPES_SDL, FEDERATION_HEADER_SDL, departmentCaseSdl } from './federationSdl';
import { subgraphDescriptor, type SubgraphKind } from './registry';
import { REPO_ROOT } from './repoRoot';

/** Where a subgraph's own schema lives: `subgraphs/<name>/src/schema.graphql`. */
export function subgraphSchemaPath(name: string): string {
  return join(REPO_ROOT, 'subgraphs', name, 'src', 'schema.graphql');
}

/**
 * A department's case types: the object types of its own schema that its `Citizen` fields return.
 * An SDL that does not parse has none here; the parse after assembly reports it.
 */
function departmentCaseTypes(ownSdl: string): string[] {
  let document: DocumentNode;
  try {
    document = parse(ownSdl);
  } catch {
    return [];
  }
  const objectTypes = new Set(
    document.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION ? [d.name.value] : [])),
  );
  const citizenFields = document.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Citizen'
      ? (d.fields ?? [])
      : [],
  );
  return [...new Set(citizenFields.map((f) => namedType(f.type)).filter((type) => objectTypes.has(type)))];
}

/**
 * A subgraph's full SDL: the shared header (and, for a department, the department types) followed
 * by its own schema, and for a department the shared fields of its case types after it (after, so
 * line numbers in its own schema stay as the header makes them).
 */
export function fullSubgraphSdl(kind: SubgraphKind | undefined, ownSdl: string): string {
  if (kind !== 'department') return `${FEDERATION_HEADER_SDL}\n${ownSdl}`;
  const caseSdl = departmentCaseTypes(ownSdl).map(departmentCaseSdl).join('');
  return `${FEDERATION_HEADER_SDL}\n${DEPARTMENT_TYPES_SDL}\n${ownSdl}${caseSdl}`;
}

/**
 * Whether a department is served by the kit (lib/src/department/kit): its folder holds a mapping
 * (department.json) instead of TypeScript. The folder says what it is; the registry line is the same.
 */
export function isKitDepartment(name: string): boolean {
  return subgraphDescriptor(name).kind === 'department' && existsSync(departmentMappingPath(name));
}

/** A subgraph's own SDL: its schema.graphql, or for a kit department the schema its mapping describes. */
export function ownSubgraphSdl(name: string): string {
  const descriptor = subgraphDescriptor(name);
  if (descriptor.kind === 'department' && isKitDepartment(name))
    return departmentSdlFromMapping(name, descriptor.department, loadDepartmentMapping(name));
  return readFileSync(subgraphSchemaPath(name), 'utf8');
}

/** The parsed, full type definitions a subgraph serves. */
export function loadSubgraphTypeDefs(name: string): DocumentNode {
  return parse(fullSubgraphSdl(subgraphDescriptor(name).kind, ownSubgraphSdl(name)));
}
