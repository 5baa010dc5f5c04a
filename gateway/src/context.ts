import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { ACT_FOR_HEADER, type Actor, type ConsentClient } from '@enplan/lib';
import type DataLoader from 'dataloader';
import { admittedActor } from './admission/admission';
import type { TokenVerifier } from './auth/verifyToken';
import { createDecisionLoader, type DecisionKey } from './consent/ConsentDecisions';
import type { DecisionCache, DecisionSet } from './consent/DecisionCache';
import { pricedRequest } from './pricing/createPricing';
import { createActFor, type RepresentationCache } from './representation/ActFor';

/** Per-request state, built once in the context function and read by every data source. */
export interface GatewayContext {
  actor: Actor;
  /** The client's operation name, for the access log. */
  operationName: string | null;
  decisions: DataLoader<DecisionKey, DecisionSet, string>;
}

export interface GatewayContextOptions {
  verifyToken: TokenVerifier;
  consent: { consentClient: ConsentClient; decisionCache: DecisionCache; representationCache: RepresentationCache };
  /** How long a consent decision may be reused (DECISION_CACHE_TTL_MS). */
  ttlMs: number;
  now: () => number;
}

/**
 * The context function, after admission and pricing: the admitted actor and the request's consent
 * decisions. A request that passed admission without a token (a GET) is refused here
 * (`UNAUTHENTICATED`); one that somehow was not priced is a fault, never executed (fail closed).
 */
export function gatewayContext({ verifyToken, consent, ttlMs, now }: GatewayContextOptions) {
  const actFor = createActFor(consent.consentClient, consent.representationCache, now);
  return async ({ req, res }: ExpressContextFunctionArgument): Promise<GatewayContext> => {
    const self = admittedActor(res) ?? (await verifyToken(req.header('authorization')));
    // After admission and pricing: a representative's rate and price are their own.
    const actor = await actFor(self, req.header(ACT_FOR_HEADER));
    if (!pricedRequest(res)) throw new Error('A request reached execution without a price.');
    return {
      actor,
      operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : null,
      decisions: createDecisionLoader({ client: consent.consentClient, cache: consent.decisionCache, ttlMs, now }),
    };
  };
}
