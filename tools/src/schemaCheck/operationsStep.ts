import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import { Kind, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

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
