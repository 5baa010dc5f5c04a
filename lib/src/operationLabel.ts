import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repoRoot';

// Not global: a global regex carries `lastIndex` from one use to the next (matchAll copies it too).
const OPERATION_DEFINITION = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

let registered: ReadonlySet<string> | undefined;

/** The names of the operations the product registers in `operations/*.graphql`, read once. */
export function registeredOperationNames(directory = join(REPO_ROOT, 'operations')): ReadonlySet<string> {
  if (registered) return registered;
  const names = new Set<string>();
  let files: string[] = [];
  try {
    files = readdirSync(directory).filter((f) => f.endsWith('.graphql'));
  } catch {
    // No operations/ next to the code: every operation is labelled "other".
  }
  for (const file of files) {
    const text = readFileSync(join(directory, file), 'utf8');
    for (const match of text.matchAll(new RegExp(OPERATION_DEFINITION, 'g'))) names.add(match[1] as string);
  }
  registered = names;
  return names;
}

/** The operation a GraphQL request body names: its `operationName`, else the name in its query. */
export function operationNameOf(body: unknown): string | undefined {
  const { operationName, query } = (body ?? {}) as { operationName?: unknown; query?: unknown };
  if (typeof operationName === 'string') return operationName;
  if (typeof query !== 'string') return undefined;
  return OPERATION_DEFINITION.exec(query)?.[1];
}

/**
 * A metrics label for an operation name: a registered operation by its name, anything else `other`,
 * so a client cannot create time series at will. A subgraph sees the gateway's fetch names
 * (`CitizenPlan__social__2`), labelled by the operation they came from.
 */
export function operationLabel(name: unknown): string {
  if (typeof name !== 'string' || name === '') return 'other';
  const base = name.split('__', 1)[0] as string;
  return registeredOperationNames().has(base) ? base : 'other';
}
