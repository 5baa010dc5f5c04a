import type { Actor } from '@enplan/lib';
import type DataLoader from 'dataloader';
import type { DecisionKey } from './consent/ConsentDecisions';
import type { DecisionSet } from './consent/DecisionCache';

/** Per-request state, built once in the context function and read by every data source. */
export interface GatewayContext {
  actor: Actor;
  /** The client's operation name, for the access log. */
  operationName: string | null;
  decisions: DataLoader<DecisionKey, DecisionSet, string>;
}
