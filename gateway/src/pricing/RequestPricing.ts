import { createHash } from 'node:crypto';
import { errors } from '@enplan/lib';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { ConcurrencyLimiter } from '../admission/ConcurrencyLimiter';
import type { OnRefusal, RefusalReason } from '../http/refusals';
import type { CostModel } from './CostModel';
import type { OperationDocuments } from './OperationDocuments';
import { nestingExceeds } from './queryNesting';

/** One operation of an HTTP request as the client sent it (not yet trusted). */
export interface RequestedOperation {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface PricingSettings {
  maxQueryLength: number;
  /** Brackets nested deeper than this are refused before parsing. */
  maxNesting: number;
  costLimit: number;
  expensiveCost: number;
}

/** A request priced and admitted. */
export interface PricedRequest {
  /** The estimated cost of the whole request. */
  estimate: number;
  /** Frees the actor's slot for expensive requests; call it once the response is done. */
  release(): void;
}

const NOTHING_TO_RELEASE = () => {};

/** The operations of an HTTP request: a POST body (one or a batch), or a GET's query string. */
export function requestedOperations(method: string, body: unknown, query: Record<string, unknown>): RequestedOperation[] {
  if (method === 'GET') {
    let variables: unknown;
    try {
      variables = typeof query.variables === 'string' ? JSON.parse(query.variables) : undefined;
    } catch {
      variables = undefined; // Apollo Server refuses malformed variables itself.
    }
    let extensions: unknown;
    try {
      extensions = typeof query.extensions === 'string' ? JSON.parse(query.extensions) : undefined;
    } catch {
      extensions = undefined;
    }
    return [{ query: query.query, operationName: query.operationName, variables, extensions }];
  }
  const operations = Array.isArray(body) ? body : [body];
  return operations.map((op) => (op !== null && typeof op === 'object' ? (op as RequestedOperation) : {}));
}

function plainObject(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Stage 2 of the request path (server.ts): the price of one HTTP request, decided before Apollo
 * Server executes anything and before any department is asked or any consent decided (rule 10, docs/design.md).
 * Cheapest checks first:
 *
 * 1. per operation, on the raw text: length, then bracket nesting (no recursion): `BAD_USER_INPUT`;
 * 2. its document: parsed once, with the token limit, and shared with Apollo Server
 *    (OperationDocuments.ts): `GRAPHQL_PARSE_FAILED`;
 * 3. the estimated cost of the whole request, a batch summed: `COST_LIMIT_EXCEEDED` with the
 *    estimate and the limit;
 * 4. for an expensive request, a slot among the actor's concurrent expensive requests: `RATE_LIMITED`.
 *
 * Every refusal goes through `refuse`, the one place that names its reason.
 */
export class RequestPricing {
  constructor(
    private readonly costs: CostModel,
    private readonly documents: OperationDocuments,
    private readonly settings: PricingSettings,
    private readonly concurrency: ConcurrencyLimiter,
    private readonly onRefusal: OnRefusal = () => {},
  ) {}

  /** Prices the request's operations and holds the actor to its expensive-request bound, or throws why not. */
  async price(actorId: string, operations: readonly RequestedOperation[]): Promise<PricedRequest> {
    const { maxQueryLength, maxNesting, costLimit, expensiveCost } = this.settings;
    let estimate = 0;
    for (const operation of operations) {
      // No query text (a persisted-query hash, or nothing): Apollo Server refuses it.
      if (typeof operation.query !== 'string') continue;
      const query = operation.query;
      // Persisted queries are off (every query's text must be priced here), but a client that sends a
      // hash with its text learns plainly when the two do not match: its mistake, never a server error.
      const persisted = plainObject(plainObject(operation.extensions).persistedQuery);
      if (typeof persisted.sha256Hash === 'string' && persisted.sha256Hash !== createHash('sha256').update(query).digest('hex')) {
        throw this.refuse(
          'persisted_query',
          new GraphQLError('provided sha does not match query', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } }),
        );
      }
      if (query.length > maxQueryLength) {
        throw this.refuse(
          'query_length',
          this.badInput(`Query length ${query.length} exceeds the limit of ${maxQueryLength} characters.`),
        );
      }
      if (nestingExceeds(query, maxNesting)) {
        throw this.refuse('nesting', this.badInput(`Query nesting exceeds the limit of ${maxNesting} brackets.`));
      }
      let document: DocumentNode;
      try {
        document = await this.documents.document(query);
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : 'Syntax Error.';
        throw this.refuse(
          'parse',
          new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } }),
        );
      }
      const operationName = typeof operation.operationName === 'string' ? operation.operationName : undefined;
      estimate += this.costs.estimate(document, operationName, plainObject(operation.variables));
    }
    if (estimate > costLimit) throw this.refuse('cost', errors.costLimitExceeded(estimate, costLimit));
    if (estimate < expensiveCost) return { estimate, release: NOTHING_TO_RELEASE };
    const release = this.concurrency.tryAcquire(actorId);
    if (!release) {
      throw this.refuse('concurrency', errors.rateLimited('Too many expensive requests at once; wait for one to finish.', 1));
    }
    return { estimate, release };
  }

  private badInput(message: string): GraphQLError {
    return errors.badUserInput(message, { http: { status: 400 } });
  }

  private refuse(reason: RefusalReason, error: GraphQLError): GraphQLError {
    this.onRefusal(reason);
    return error;
  }
}
