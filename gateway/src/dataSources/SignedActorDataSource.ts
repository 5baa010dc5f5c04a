import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// Not re-exported from the package root in 2.14.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  ASSERTION_HEADER,
  errors,
  metrics,
  propagateRequest,
  secondsSince,
  SpanKind,
  withSpan,
  type Actor,
  type AssertionSigner,
  type FetchCoverage,
} from '@enplan/lib';
import type { GatewayContext } from '../context';

/** Who the gateway says it is on calls that no user made (health checks). */
const GATEWAY_ACTOR: Actor = { role: 'SERVICE', id: 'enplan-gateway', name: 'enplan gateway' };

/** How the gateway signs calls to one subgraph: its key, and the subgraph's name as the audience. */
export interface CallSigning {
  signer: AssertionSigner;
  /** The subgraph's registry name (lib/src/subgraphs.ts), e.g. `social`. */
  audience: string;
}

/**
 * Signs every call to a subgraph with a fresh assertion (lib/src/assertion.ts): for this subgraph
 * only, for this exact body, once. A subgraph that does not answer within `timeoutMs` counts as down.
 */
export class SignedActorDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly path: string;
  /** What consent covered per citizen, for the requests that carry it (see `processCovered`). */
  private readonly coverage = new WeakMap<object, FetchCoverage>();

  constructor(
    /** The subgraph's name as errors show it: a department code, or the subgraph's name (e.g. `plan`). */
    protected readonly subgraphName: string,
    url: string,
    private readonly signing: CallSigning,
    timeoutMs: number,
  ) {
    super({ url });
    this.path = new URL(url).pathname;
    // Node's own fetch (undici, keep-alive) instead of the default make-fetch-happen, whose agent
    // builds a stack trace per request: about a tenth of the gateway's CPU under load.
    // Apollo always sends a string body (the Buffer in its type is never used).
    this.fetcher = (input, init) =>
      withSpan(
        `fetch ${subgraphName}`,
        { 'enplan.subgraph': subgraphName },
        async (span) => {
          const startedAt = performance.now();
          const headers = { ...init?.headers };
          propagateRequest(headers);
          try {
            const response = await fetch(input, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) } as RequestInit);
            const outcome = response.ok ? 'ok' : 'error';
            metrics.subgraphFetchDuration.observe({ subgraph: subgraphName, outcome }, secondsSince(startedAt));
            span.setAttribute('http.response.status_code', response.status);
            return response;
          } catch (error) {
            metrics.subgraphFetchDuration.observe({ subgraph: subgraphName, outcome: 'error' }, secondsSince(startedAt));
            throw error;
          }
        },
        SpanKind.CLIENT,
      );
  }

  /**
   * The narrow hook for consent enforcement: sends `options` with the gateway's decision per citizen
   * (CPR → allowed categories and consent) in the assertion, so the department can check it itself.
   */
  protected processCovered(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    coverage: FetchCoverage,
  ): Promise<GatewayGraphQLResponse> {
    this.coverage.set(options.request, coverage);
    return super.process(options);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const actor = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context.actor : GATEWAY_ACTOR;
    // The body exactly as RemoteGraphQLDataSource.sendRequest will serialize it (APQ is off): the
    // query first, then the rest of the request without `http`.
    const { query, http, ...rest } = options.request;
    const body = JSON.stringify({ query, ...rest });
    const coverage = this.coverage.get(options.request);
    const assertion = await this.signing.signer.sign({
      audience: this.signing.audience,
      method: http?.method ?? 'POST',
      path: this.path,
      body,
      actor,
      ...(coverage && { coverage }),
    });
    http?.headers.set(ASSERTION_HEADER, assertion);
  }

  /** Down, timed out or refusing us: the caller learns which system is missing, nothing more. */
  override didEncounterError(): void {
    throw errors.departmentUnavailable(this.subgraphName);
  }
}
