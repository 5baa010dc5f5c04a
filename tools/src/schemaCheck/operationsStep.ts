import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '@enplan/lib';
import { Kind, parse, validate, type DefinitionNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

/** Where the frontends register the documents they send: one operation per file, named after it. */
export const OPERATIONS_DIR = join(REPO_ROOT, 'operations');

/** The outcome of validating one registered operation against the proposed API schema. */
export interface OperationReport {
  /** The operation's name (`CitizenPlan`); the file name when the file holds no single named operation. */
  name: string;
  /** Path relative to the repository root, e.g. `operations/CitizenPlan.graphql`. */
  file: string;
  ok: boolean;
  /** graphql-js validation messages, e.g. `Cannot query field "kind" on type "EmploymentCase".` */
  errors: string[];
}

/** Validates every `operations/*.graphql` document against the schema, in file-name order. */
export function validateOperations(schema: GraphQLSchema): OperationReport[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => validateOperationFile(schema, join(OPERATIONS_DIR, file)));
}

function validateOperationFile(schema: GraphQLSchema, path: string): OperationReport {
  const file = relative(REPO_ROOT, path);
  const fallbackName = basename(path, '.graphql');
  let document: DocumentNode;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { name: fallbackName, file, ok: false, errors: [(error as GraphQLError).message] };
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = operations.length === 1 ? operations[0]?.name?.value : undefined;
  // The registry's promise is "one file, one named operation", so a report can name what breaks.
  if (name === undefined) {
    return { name: fallbackName, file, ok: false, errors: ['The file must hold exactly one named operation.'] };
  }
  const errors = validate(schema, document).map((error) => error.message);
  return { name, file, ok: errors.length === 0, errors };
}

/**
 * A persisted-operations manifest: Apollo's (`{ format: "apollo-persisted-query-manifest",
 * operations: [{ id, name, body }] }`) or a plain map of id to document (graphql-codegen, Relay).
 */
const manifestSchema = z.union([
  z.object({ operations: z.array(z.object({ id: z.string(), name: z.string().optional(), body: z.string() })) }),
  z.record(z.string(), z.string()),
]);
type Manifest = { operations?: undefined } | { operations: Array<{ id: string; body: string }> };

/** One document a client sends, and where it was read. */
interface ClientDocument {
  file: string;
  text: string;
}

function clientDocuments(source: string): ClientDocument[] {
  const path = resolve(source);
  if (statSync(path).isDirectory()) {
    return readdirSync(path, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.graphql') || file.endsWith('.json'))
      .sort()
      .flatMap((file) => clientDocuments(join(path, file)));
  }
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.json')) return [{ file: source, text }];
  const manifest = manifestSchema.parse(JSON.parse(text)) as Manifest;
  const bodies = Array.isArray(manifest.operations)
    ? manifest.operations.map((o) => [o.id, o.body] as const)
    : Object.entries(manifest as Record<string, string>);
  return bodies.map(([id, body]) => ({ file: `${source}#${id}`, text: body }));
}

/**
 * Validates a client team's operations (`.graphql` files, folders of them, persisted-operations
 * manifests) against the schema: one report per named operation, each with the fragments of its
 * document, so a report names the client's operation a change would break.
 */
export function validateClientOperations(schema: GraphQLSchema, sources: readonly string[]): OperationReport[] {
  return sources.flatMap(clientDocuments).flatMap(({ file, text }): OperationReport[] => {
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      return [{ name: basename(file), file, ok: false, errors: [(error as GraphQLError).message] }];
    }
    const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    return operations.map((operation, i) => {
      const name = operation.name?.value ?? `${basename(file)} (operation ${i + 1}, unnamed)`;
      const own: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] as DefinitionNode[] };
      // A fragment only another operation of the file uses is no error of this one.
      const errors = validate(schema, own)
        .map((error) => error.message)
        .filter((message) => !/^Fragment ".*" is never used\.$/.test(message));
      return { name, file, ok: errors.length === 0, errors };
    });
  });
}
