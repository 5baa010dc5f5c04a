import {
  CONSENT_FEED_HEARTBEAT_MS,
  ConsentClient,
  GATEWAY_ISSUER,
  observeConnection,
  type FederationRoles,
  type Logger,
} from '@enplan/lib';
import type { GatewayConfig } from '../config';
import { RepresentationCache } from '../representation/ActFor';
import { ConsentChangeFeed } from './ConsentChangeFeed';
import { MemoryDecisionCache, type DecisionCache } from './DecisionCache';
import { FeedGuardedDecisionCache } from './FeedGuardedDecisionCache';
import { RedisDecisionCache } from './RedisDecisionCache';

export interface ConsentDecisionsWiring {
  consentClient: ConsentClient;
  /** The configured cache (`inner`), trusted only while the consent change feed is live. */
  decisionCache: FeedGuardedDecisionCache;
  /** The consent service's change feed; the cache is trusted only while it is live. */
  consentFeed: ConsentChangeFeed;
  /** Verified powers of representation, kept honest by the same feed. */
  representationCache: RepresentationCache;
  /** Closes the feed and the cache's Redis connections. */
  close(): Promise<void>;
}

/** The consent service's base URL: configured, or the origin of the subgraph that declares itself the consent service. */
function consentBaseUrl(config: GatewayConfig, supergraphSdl: string, roles: FederationRoles): string {
  if (config.consentUrl) return config.consentUrl;
  const name = [...roles.roles].find(([, role]) => role.kind === 'consent')?.[0];
  const fromSupergraph = name && new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`).exec(supergraphSdl)?.[1];
  const url = (name && config.subgraphUrls[name]) || fromSupergraph;
  if (!url)
    throw new Error(
      'No consent service: set CONSENT_URL or include a subgraph with @infrastructure(kind: CONSENT) in the supergraph.',
    );
  return new URL(url).origin;
}

/**
 * What the enforcement stage decides with: the consent service's client, the decision cache
 * (in memory, or Redis) and the change feed that keeps it honest (rule 7). The feed is started.
 */
export function startConsentDecisions(
  config: GatewayConfig,
  supergraphSdl: string,
  roles: FederationRoles,
  logger: Logger,
  injectedCache?: DecisionCache,
): ConsentDecisionsWiring {
  const consentClient = new ConsentClient({
    baseUrl: consentBaseUrl(config, supergraphSdl, roles),
    signingKey: config.signingKey,
    timeoutMs: config.consentTimeoutMs,
    callerId: GATEWAY_ISSUER,
  });
  // REDIS_URL: a cache shared by every gateway instance, with withdrawal announced to all (rule 7).
  const redisCache =
    config.redisUrl && !injectedCache
      ? RedisDecisionCache.create({
          redisUrl: config.redisUrl,
          secret: config.decisionCacheSecret,
          logger,
          changeWindowMs: config.consentTimeoutMs + 1_000,
        })
      : undefined;
  // Every consent change, whatever made it, is announced by the consent service itself (rule 7).
  // A change is remembered while a decision from before it could still be cached (a minute for clocks).
  const decisionCache = new FeedGuardedDecisionCache(
    injectedCache ?? redisCache ?? new MemoryDecisionCache(config.decisionCacheMaxCitizens),
    config.decisionCacheTtlMs + config.consentTimeoutMs + 60_000,
  );
  // Powers are numbered and announced with consents: the same feed drops what a revocation outdates.
  const representationCache = new RepresentationCache(() => consentFeed.live, config.decisionCacheTtlMs);
  const consentFeed = new ConsentChangeFeed({
    baseUrl: consentClient.baseUrl,
    signingKey: config.signingKey,
    callerId: GATEWAY_ISSUER,
    logger,
    silenceMs: 3 * CONSENT_FEED_HEARTBEAT_MS,
    handlers: {
      change: (cpr, sequence) => {
        representationCache.changed(cpr, sequence);
        void decisionCache.evictCitizen(cpr, sequence);
      },
      live: () => {
        representationCache.clear();
        void decisionCache.feedLive();
      },
      lost: () => decisionCache.feedLost(),
    },
  });
  consentFeed.start();
  if (redisCache) {
    observeConnection('redis', () => redisCache.health().redis === 'connected');
    observeConnection('consent_invalidations', () => redisCache.health().invalidations === 'subscribed');
  }
  const close = async () => {
    consentFeed.close();
    await redisCache?.close();
  };
  return { consentClient, decisionCache, consentFeed, representationCache, close };
}
