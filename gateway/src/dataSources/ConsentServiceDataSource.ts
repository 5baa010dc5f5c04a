import { CONSENT_CHANGES_EXTENSION } from '@enplan/lib';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { SignedActorDataSource, type CallSigning } from './SignedActorDataSource';

/**
 * The consent subgraph. When a response says a citizen's consents changed (given, withdrawn),
 * the gateway drops its cached decisions for them before the client sees the answer.
 */
export class ConsentServiceDataSource extends SignedActorDataSource {
  constructor(
    url: string,
    signing: CallSigning,
    timeoutMs: number,
    private readonly onConsentChanged: (cprs: string[]) => Promise<void>,
  ) {
    super('consent', url, signing, timeoutMs);
  }

  override async didReceiveResponse({ response }: { response: GatewayGraphQLResponse }): Promise<GatewayGraphQLResponse> {
    const changed = response.extensions?.[CONSENT_CHANGES_EXTENSION];
    if (Array.isArray(changed)) {
      await this.onConsentChanged(changed.filter((c): c is string => typeof c === 'string'));
      const { [CONSENT_CHANGES_EXTENSION]: _internal, ...extensions } = response.extensions ?? {};
      response.extensions = extensions;
    }
    return response;
  }
}
