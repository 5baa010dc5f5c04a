import { registeredSubgraphs, fullSubgraphSdl, loadSubgraphTypeDefs, ownSubgraphSdl } from '@enplan/lib';
import { parse, type DocumentNode } from 'graphql';
import { apiSchemaOf, committedApiSchema, composeWithProposed, type CompositionErrorReport } from './composeStep';
import { lintConsent, type ConsentLintResult } from './consentLint';
import { diffApiSchemas, type SchemaChange } from './diffStep';
import { validateClientOperations, validateOperations, type OperationReport } from './operationsStep';
import { failsCheck, weighRemovedFields, type RemovedFieldUsage, type UsageOptions } from './usageStep';

/** What to check. */
export interface SchemaCheckOptions {
  /** The subgraph the change is for, as named in federation.json (e.g. `employment`), or a new one (then `proposedSdl` is required). */
  subgraph: string;
  /**
   * The proposed content of the subgraph's own schema.graphql (without the shared header).
   * @default the committed subgraphs/<subgraph>/src/schema.graphql
   */
  proposedSdl?: string;
  /** Client teams' operations besides the registered ones: `.graphql` files, folders, persisted-operations manifests. */
  clientOperations?: readonly string[];
  /** Recorded field usage (`--usage`): a deprecated field nobody used in the window may be removed. */
  usage?: UsageOptions;
  /** @default Date.now(); the end of the usage window. */
  now?: number;
}

/**
 * The outcome of every step. A step that could not run is `null`: changes and operations need a
 * composed supergraph; the consent lint applies to department subgraphs whose SDL parses.
 */
export interface SchemaCheckResult {
  subgraph: string;
  /** False when anything fails: composition, a breaking change, a broken operation, the consent lint. */
  ok: boolean;
  composition: { ok: boolean; errors: CompositionErrorReport[] };
  /** Changes of the API schema against the committed supergraph.graphql, breaking first. */
  changes: SchemaChange[] | null;
  /** Every registered frontend operation (operations/*.graphql) validated against the new API schema. */
  operations: OperationReport[] | null;
  /** Every client operation of `--operations` validated against the new API schema (null: not composed); absent when none were given. */
  clientOperations?: OperationReport[] | null;
  /** Each removed field weighed against recorded usage (null: not composed); absent without `--usage`. */
  removedFieldUsage?: RemovedFieldUsage[] | null;
  /** The usage window in days, with `--usage`. */
  usageDays?: number;
  consentLint: ConsentLintResult | null;
}

/** Runs the schema check of one subgraph change, offline: nothing is published or written. */
export async function runSchemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckResult> {
  const { subgraph } = options;
  const kind = registeredSubgraphs().find((s) => s.name === subgraph)?.kind;
  const proposedSdl = options.proposedSdl ?? ownSubgraphSdl(subgraph);

  const composed = composeWithProposed(subgraph, proposedSdl);
  let changes: SchemaChange[] | null = null;
  let operations: OperationReport[] | null = null;
  let clientOperations: OperationReport[] | null | undefined = options.clientOperations && null;
  let removedFieldUsage: RemovedFieldUsage[] | null | undefined = options.usage && null;
  if (composed.ok) {
    const proposedApi = apiSchemaOf(composed.supergraphSdl);
    changes = await diffApiSchemas(committedApiSchema(), proposedApi);
    operations = validateOperations(proposedApi);
    if (options.clientOperations) clientOperations = validateClientOperations(proposedApi, options.clientOperations);
    if (options.usage)
      removedFieldUsage = weighRemovedFields(changes, options.usage.entries, options.usage.days, options.now ?? Date.now());
  }

  const proposedDocument = kind === 'department' ? tryParse(fullSubgraphSdl(kind, proposedSdl)) : undefined;
  const consentLint = proposedDocument ? lintConsent(subgraph, proposedDocument, loadSubgraphTypeDefs(subgraph)) : null;

  const lintFails =
    consentLint !== null && (consentLint.missingCategory.length > 0 || consentLint.privacyChanges.some((p) => p.needsReview));
  // Dangerous changes only warn: a frontend may need to handle e.g. a new enum value, but nothing breaks.
  const ok =
    composed.ok &&
    // Recorded usage lets a deprecated, unused field go; every other breaking change still fails.
    !changes?.some((c) => failsCheck(c, removedFieldUsage)) &&
    !operations?.some((o) => !o.ok) &&
    !clientOperations?.some((o) => !o.ok) &&
    !lintFails;
  return {
    subgraph,
    ok,
    composition: { ok: composed.ok, errors: composed.ok ? [] : composed.errors },
    changes,
    operations,
    ...(clientOperations !== undefined && { clientOperations }),
    ...(removedFieldUsage !== undefined && { removedFieldUsage, usageDays: options.usage?.days }),
    consentLint,
  };
}

/** The proposed SDL may not parse; composition then reports the syntax error with its location. */
function tryParse(sdl: string): DocumentNode | undefined {
  try {
    return parse(sdl);
  } catch {
    return undefined;
  }
}
