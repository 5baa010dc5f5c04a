import type { ServiceEndpointDefinition } from '@apollo/gateway';
import { maskCpr, type Logger, type SubgraphRole } from '@enplan/lib';
import type { GatewayConfig } from '../config';
import type { AccessLogWriter } from '../consent/AccessLogWriter';
import type { DecisionCache } from '../consent/DecisionCache';
import type { EntityFetchCache } from '../enforcement/EntityFetch';
import { ConsentAwareDataSource } from './ConsentAwareDataSource';
import { ConsentServiceDataSource } from './ConsentServiceDataSource';
import { SignedActorDataSource } from './SignedActorDataSource';

export interface DataSourceDependencies {
  config: GatewayConfig;
  fetches: EntityFetchCache;
  accessLog: AccessLogWriter;
  decisionCache: DecisionCache;
  logger: Logger;
  /** What each subgraph is, as the supergraph declares it (lib/src/federationRoles.ts). */
  roles: ReadonlyMap<string, SubgraphRole>;
}

/**
 * `buildService` for ApolloGateway: one data source per subgraph, by the role its schema declares.
 * A department gets consent enforcement; the consent service evicts cached decisions when consents
 * change; the plan subgraph (and, where allowed, an unclassified one) only carries the signed Actor.
 * A subgraph the supergraph does not know gets nothing: deny by default.
 */
export function dataSourceFactory({ config, fetches, accessLog, decisionCache, logger, roles }: DataSourceDependencies) {
  return ({ name, url }: ServiceEndpointDefinition) => {
    const target = config.subgraphUrls[name] ?? url;
    if (!target) throw new Error(`No URL for subgraph "${name}"`);
    const timeoutMs = config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs;
    const role = roles.get(name);
    if (!role) throw new Error(`Subgraph "${name}" has no role in the supergraph; refusing to serve it`);
    if (role.kind === 'department') {
      return new ConsentAwareDataSource(target, config.actorSecret, timeoutMs, role.code, fetches, accessLog, logger);
    }
    if (role.kind === 'consent') {
      return new ConsentServiceDataSource(target, config.actorSecret, timeoutMs, async (cprs) => {
        await Promise.all(cprs.map((cpr) => decisionCache.evictCitizen(cpr)));
        logger.info('consent changed; cached decisions dropped', { citizens: cprs.map(maskCpr) });
      });
    }
    return new SignedActorDataSource(name, target, config.actorSecret, timeoutMs);
  };
}
