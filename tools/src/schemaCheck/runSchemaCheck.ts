import { CriticalityLevel } from '@graphql-inspector/core';
import { registeredSubgraphs, fullSubgraphSdl, loadSubgraphTypeDefs, ownSubgraphSdl } from '@enplan/lib';
import { parse, type DocumentNode } from 'graphql';
import { apiSchemaOf, committedApiSchema, composeWithProposed, type CompositionErrorReport } from './composeStep';
import { lintConsent, type ConsentLintResult } from './consentLint';
import { diffApiSchemas, type SchemaChange } from './diffStep';
import { validateClientOperations, validateOperations, type OperationReport } from './operationsStep';

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
  if (composed.ok) {
    const proposedApi = apiSchemaOf(composed.supergraphSdl);
    changes = await diffApiSchemas(committedApiSchema(), proposedApi);
    operations = validateOperations(proposedApi);
    if (options.clientOperations) clientOperations = validateClientOperations(proposedApi, options.clientOperations);
  }

  const proposedDocument = kind === 'department' ? tryParse(fullSubgraphSdl(kind, proposedSdl)) : undefined;
  const consentLint = proposedDocument ? lintConsent(subgraph, proposedDocument, loadSubgraphTypeDefs(subgraph)) : null;

  const lintFails =
    consentLint !== null && (consentLint.missingCategory.length > 0 || consentLint.privacyChanges.some((p) => p.needsReview));
  // Dangerous changes only warn: a frontend may need to handle e.g. a new enum value, but nothing breaks.
  const ok =
    composed.ok &&
    !changes?.some((c) => c.criticality === CriticalityLevel.Breaking) &&
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
