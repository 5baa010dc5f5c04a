import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// Not re-exported from the package root in 2.14.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { ACTOR_HEADER, signActor, type Actor } from '@enplan/lib';
import type { GatewayContext } from '../context';

/** Who the gateway says it is on calls that no user made (health checks). */
const GATEWAY_ACTOR: Actor = { role: 'SERVICE', id: 'enplan-gateway', name: 'enplan gateway' };

/** Forwards the caller's Actor to the subgraph in a signed header; subgraphs refuse calls without one. */
export class SignedActorDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly actorSecret: string,
  ) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const actor = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context.actor : GATEWAY_ACTOR;
    options.request.http?.headers.set(ACTOR_HEADER, signActor(actor, this.actorSecret));
  }
}
