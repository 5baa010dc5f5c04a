import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { CitizenCoverage, FetchCoverage } from '@enplan/lib';
import {
  Kind,
  parse,
  print,
  visit,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../context';
import { anonymous, withOperationName } from '../enforcement/EntityFetch';

type FetchOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type Transmit = (options: FetchOptions, coverage?: FetchCoverage) => Promise<GatewayGraphQLResponse>;

/** The response key of part `k` in a batched call, and the variable holding its representations. */
const alias = (k: number) => `e${k}`;

interface EntityQuery {
  operation: OperationDefinitionNode;
  entities: FieldNode;
  fragments: readonly FragmentDefinitionNode[];
}

/** A query planner's entity fetch (`_entities(representations: $representations)` as its one root field), or undefined. */
function entityQuery(query: string): EntityQuery | undefined {
  let document;
  try {
    document = parse(query);
  } catch {
    return undefined; // sent apart, as it came: the subgraph answers it
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.length === 1 ? operations[0] : undefined;
  const only = operation?.selectionSet.selections.length === 1 ? operation.selectionSet.selections[0] : undefined;
  if (operation?.operation !== 'query' || only?.kind !== Kind.FIELD || only.name.value !== '_entities' || only.alias) return;
  const argument = only.arguments?.length === 1 ? only.arguments[0] : undefined;
  if (argument?.name.value !== 'representations' || argument.value.kind !== Kind.VARIABLE) return;
  if (argument.value.name.value !== 'representations') return;
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  // Only the argument may name $representations: it is renamed per part, the selections are not.
  let named = 0;
  for (const node of [only.selectionSet, ...fragments])
    if (node)
      visit(node, {
        Variable: (v) => {
          if (v.name.value === 'representations') named++;
        },
      });
  return named === 0 ? { operation, entities: only, fragments } : undefined;
}

/**
 * One query for several entity fetches to the same subgraph: each `_entities` under its own alias
 * (`e0`, `e1`, …) with its own representations variable, as @graphql-tools/batch-execute merges
 * operations. Aliases keep the parts apart, so their selections never have to merge with each other.
 * Undefined when they cannot share a call: not all entity fetches, or a variable or fragment name
 * that two of them define differently.
 */
export function batchedQuery(queries: readonly string[]): string | undefined {
  const parts = queries.map(entityQuery);
  if (parts.some((p) => p === undefined)) return undefined;
  const variables = new Map<string, VariableDefinitionNode>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  const definitions: VariableDefinitionNode[] = [];
  const fields: FieldNode[] = [];
  for (const [k, part] of (parts as EntityQuery[]).entries()) {
    for (const definition of part.operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (name === 'representations') {
        definitions.push({ ...definition, variable: { ...definition.variable, name: { kind: Kind.NAME, value: alias(k) } } });
        continue;
      }
      const seen = variables.get(name);
      if (seen && print(seen) !== print(definition)) return undefined;
      variables.set(name, definition);
    }
    for (const fragment of part.fragments) {
      const seen = fragments.get(fragment.name.value);
      if (seen && print(seen) !== print(fragment)) return undefined;
      fragments.set(fragment.name.value, fragment);
    }
    const [argument] = part.entities.arguments ?? [];
    fields.push({
      ...part.entities,
      alias: { kind: Kind.NAME, value: alias(k) },
      arguments: [{ ...argument!, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: alias(k) } } }],
    });
  }
  const first = (parts[0] as EntityQuery).operation;
  const operation: OperationDefinitionNode = {
    ...first,
    variableDefinitions: [...definitions, ...variables.values()],
    selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
  };
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] });
}

/** Part `k`'s own answer from a batched call's: its `_entities`, and the errors under its alias (those without a path go to every part). */
export function partOfBatch(response: GatewayGraphQLResponse, k: number): GatewayGraphQLResponse {
  const key = alias(k);
  const { data, errors, ...rest } = response;
  const own = (errors ?? []).flatMap((error) => {
    if (!error.path) return [error];
    return error.path[0] === key ? [{ ...error, path: ['_entities', ...error.path.slice(1)] }] : [];
  });
  const entities = data ? { _entities: (data as Record<string, unknown>)[key] } : data;
  return { ...rest, data: entities, ...(own.length > 0 && { errors: own }) };
}

/** The coverage of the whole call (undefined: none), or false when two parts cover a citizen differently (then they go apart). */
function mergedCoverage(coverages: ReadonlyArray<FetchCoverage | undefined>): FetchCoverage | undefined | false {
  const merged = new Map<string, CitizenCoverage>();
  for (const coverage of coverages)
    for (const [cpr, covered] of coverage ?? []) {
      const seen = merged.get(cpr);
      if (seen && (seen.consentId !== covered.consentId || seen.categories.join() !== covered.categories.join())) return false;
      merged.set(cpr, covered);
    }
  return merged.size > 0 ? merged : undefined;
}

/** The parts' variables: each one's representations under its alias, the rest shared (undefined when two parts disagree on one). */
function batchedVariables(parts: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> | undefined {
  const variables: Record<string, unknown> = {};
  const shared = new Map<string, string>();
  for (const [k, part] of parts.entries()) {
    for (const [name, value] of Object.entries(part)) {
      if (name === 'representations') {
        variables[alias(k)] = value;
        continue;
      }
      const json = JSON.stringify(value);
      if (shared.has(name) && shared.get(name) !== json) return undefined;
      shared.set(name, json);
      variables[name] = value;
    }
  }
  return variables;
}

interface Queued {
  options: FetchOptions;
  coverage: FetchCoverage | undefined;
  resolve: (response: GatewayGraphQLResponse) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends the entity fetches one client request makes to this subgraph in the same turn of the event
 * loop (the parallel steps of a query plan: a caseload's cases and its plans' parts) as one call.
 * Each call costs the department a request, a signature check, a GraphQL execution and a
 * disclosure-log transaction, whatever it carries; two fetches in one call pay that once. A fetch
 * alone is sent as it is. The signed coverage of a batched call is the union of its parts', so a
 * citizen two parts cover differently sends the parts apart, as does a query that cannot merge.
 */
export class EntityFetchBatcher {
  private readonly queues = new WeakMap<object, Queued[]>();
  private readonly queries = new Map<string, string | undefined>();

  constructor(
    private readonly transmit: Transmit,
    /** Batched queries kept (plans repeat, so a few suffice). */
    private readonly maxQueries = 500,
  ) {}

  fetch(options: FetchOptions, coverage?: FetchCoverage): Promise<GatewayGraphQLResponse> {
    const request = options.context;
    let queue = this.queues.get(request);
    if (!queue) {
      queue = [];
      this.queues.set(request, queue);
      setImmediate(() => this.flush(request));
    }
    const queued = queue;
    return new Promise((resolve, reject) => queued.push({ options, coverage, resolve, reject }));
  }

  private flush(request: object): void {
    const queue = this.queues.get(request) ?? [];
    this.queues.delete(request);
    const batch = queue.length > 1 ? this.batch(queue) : undefined;
    if (!batch) {
      for (const q of queue) this.send(q.options, q.coverage).then(q.resolve, q.reject);
      return;
    }
    this.send(batch.options, batch.coverage).then(
      (response) => queue.forEach((q, k) => q.resolve(partOfBatch(response, k))),
      (error: unknown) => queue.forEach((q) => q.reject(error)),
    );
  }

  /** Runs outside the fetch's own call stack (in `setImmediate`): even a synchronous throw must reach the fetch, not the process. */
  private async send(options: FetchOptions, coverage: FetchCoverage | undefined): Promise<GatewayGraphQLResponse> {
    return this.transmit(options, coverage);
  }

  /** The one call for all of `queue`, or undefined when they must go apart. */
  private batch(queue: readonly Queued[]): { options: FetchOptions; coverage: FetchCoverage | undefined } | undefined {
    const coverage = mergedCoverage(queue.map((q) => q.coverage));
    const shape = coverage === false ? undefined : this.batchedQuery(queue.map((q) => q.options.request.query ?? ''));
    const variables = shape === undefined ? undefined : batchedVariables(queue.map((q) => q.options.request.variables ?? {}));
    if (coverage === false || shape === undefined || variables === undefined) return undefined;
    const first = (queue[0] as Queued).options;
    // Named as the first part, so the department's logs still name the client's operation.
    const query = withOperationName(shape, first.request.operationName);
    return { options: { ...first, request: { ...first.request, query, variables } }, coverage };
  }

  /** The batched query of these parts, anonymous; kept by their shapes without operation names, as EntityFetchCache keeps fetches. */
  private batchedQuery(queries: readonly string[]): string | undefined {
    const shapes = queries.map(anonymous);
    const key = shapes.join('\n\0\n');
    if (this.queries.has(key)) return this.queries.get(key);
    const query = batchedQuery(shapes);
    if (this.queries.size >= this.maxQueries) this.queries.delete(this.queries.keys().next().value as string);
    this.queries.set(key, query);
    return query;
  }
}
