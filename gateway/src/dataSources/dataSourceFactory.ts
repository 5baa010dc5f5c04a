import type { ServiceEndpointDefinition } from '@apollo/gateway';
import { maskCpr, type Logger, type SubgraphRole } from '@enplan/lib';
import type { GatewayConfig } from '../config';
import type { AccessLogWriter } from '../consent/AccessLogWriter';
import type { DecisionCache } from '../consent/DecisionCache';
import type { EntityFetchCache } from '../enforcement/EntityFetch';
import type { RepresentationCache } from '../representation/ActFor';
import { ConsentAwareDataSource } from './ConsentAwareDataSource';
import { ConsentServiceDataSource } from './ConsentServiceDataSource';
import type { SignerFor } from './gatewaySigners';
import { SignedActorDataSource } from './SignedActorDataSource';

export interface DataSourceDependencies {
  config: GatewayConfig;
  /** The gateway's key for a subgraph's calls: the municipality's, or its organisation's (gatewaySigners.ts). */
  signerFor: SignerFor;
  fetches: EntityFetchCache;
  accessLog: AccessLogWriter;
  decisionCache: DecisionCache;
  representationCache: RepresentationCache;
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
export function dataSourceFactory({
  config,
  signerFor,
  fetches,
  accessLog,
  decisionCache,
  representationCache,
  logger,
  roles,
}: DataSourceDependencies) {
  return ({ name, url }: ServiceEndpointDefinition) => {
    const target = config.subgraphUrls[name] ?? url;
    if (!target) throw new Error(`No URL for subgraph "${name}"`);
    const timeoutMs = config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs;
    const role = roles.get(name);
    if (!role) throw new Error(`Subgraph "${name}" has no role in the supergraph; refusing to serve it`);
    const signing = { signer: signerFor(role.kind === 'department' ? role.code : undefined), audience: name };
    if (role.kind === 'department') {
      return new ConsentAwareDataSource(target, signing, timeoutMs, role.code, fetches, accessLog, logger);
    }
    if (role.kind === 'consent') {
      return new ConsentServiceDataSource(target, signing, timeoutMs, async (cprs) => {
        for (const cpr of cprs) representationCache.changed(cpr);
        await Promise.all(cprs.map((cpr) => decisionCache.evictCitizen(cpr)));
        logger.info('consent changed; cached decisions dropped', { citizens: cprs.map(maskCpr) });
      });
    }
    return new SignedActorDataSource(name, target, signing, timeoutMs);
  };
}
