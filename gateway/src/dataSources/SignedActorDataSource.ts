import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// Not re-exported from the package root in 2.14.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { ACTOR_HEADER, errors, signActor, type Actor } from '@enplan/lib';
import type { GatewayContext } from '../context';

/** Who the gateway says it is on calls that no user made (health checks). */
const GATEWAY_ACTOR: Actor = { role: 'SERVICE', id: 'enplan-gateway', name: 'enplan gateway' };

/**
 * Forwards the caller's Actor to the subgraph in a signed header; subgraphs refuse calls without one.
 * A subgraph that does not answer within `timeoutMs` counts as down.
 */
export class SignedActorDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    /** The subgraph's name as errors show it: a department code, or the subgraph's name (e.g. `plan`). */
    protected readonly subgraphName: string,
    url: string,
    private readonly actorSecret: string,
    timeoutMs: number,
  ) {
    super({ url });
    // Node's own fetch (undici, keep-alive) instead of the default make-fetch-happen, whose agent
    // builds a stack trace per request: about a tenth of the gateway's CPU under load.
    // Apollo always sends a string body (the Buffer in its type is never used).
    this.fetcher = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) } as RequestInit);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const actor = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context.actor : GATEWAY_ACTOR;
    options.request.http?.headers.set(ACTOR_HEADER, signActor(actor, this.actorSecret));
  }

  /** Down, timed out or refusing us: the caller learns which system is missing, nothing more. */
  override didEncounterError(): void {
    throw errors.departmentUnavailable(this.subgraphName);
  }
}
