import type { ServiceEndpointDefinition } from '@apollo/gateway';
import { departmentOfSubgraph, maskCpr, type AssertionSigner, type Logger } from '@enplan/lib';
import type { GatewayConfig } from '../config';
import type { AccessLogWriter } from '../consent/AccessLogWriter';
import type { DecisionCache } from '../consent/DecisionCache';
import type { EntityFetchCache } from '../enforcement/EntityFetch';
import { ConsentAwareDataSource } from './ConsentAwareDataSource';
import { ConsentServiceDataSource } from './ConsentServiceDataSource';
import { SignedActorDataSource } from './SignedActorDataSource';

export interface DataSourceDependencies {
  config: GatewayConfig;
  /** The gateway's private key: every subgraph call is signed with it. */
  signer: AssertionSigner;
  fetches: EntityFetchCache;
  accessLog: AccessLogWriter;
  decisionCache: DecisionCache;
  logger: Logger;
}

/**
 * `buildService` for ApolloGateway: one data source per subgraph. A subgraph named after a
 * department gets consent enforcement; the consent subgraph evicts cached decisions when consents
 * change; any other subgraph (plan) only carries the signed Actor.
 */
export function dataSourceFactory({ config, signer, fetches, accessLog, decisionCache, logger }: DataSourceDependencies) {
  return ({ name, url }: ServiceEndpointDefinition) => {
    const target = config.subgraphUrls[name] ?? url;
    if (!target) throw new Error(`No URL for subgraph "${name}"`);
    const timeoutMs = config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs;
    const signing = { signer, audience: name };
    const department = departmentOfSubgraph(name);
    if (department) {
      return new ConsentAwareDataSource(target, signing, timeoutMs, department, fetches, accessLog, logger);
    }
    if (name === 'consent') {
      return new ConsentServiceDataSource(target, signing, timeoutMs, async (cprs) => {
        await Promise.all(cprs.map((cpr) => decisionCache.evictCitizen(cpr)));
        logger.info('consent changed; cached decisions dropped', { citizens: cprs.map(maskCpr) });
      });
    }
    return new SignedActorDataSource(name, target, signing, timeoutMs);
  };
}
