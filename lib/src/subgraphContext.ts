import type { Actor } from './actor';
import type { VerifiedAssertion } from './assertion';

/** What every subgraph resolver receives: the Actor the gateway vouched for, and the whole assertion. */
export interface SubgraphContext {
  actor: Actor;
  assertion: VerifiedAssertion;
}
