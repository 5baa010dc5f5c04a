import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ConsentClient,
  formatErrorMasked,
  readFederationRoles,
  listen,
  silentLogger,
  type FederationRoles,
  type Logger,
  type RunningService,
} from '@enplan/lib';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { createTokenVerifier } from './auth/verifyToken';
import type { GatewayConfig } from './config';
import { AccessLogWriter } from './consent/AccessLogWriter';
import { createDecisionLoader } from './consent/ConsentDecisions';
import { MemoryDecisionCache, type DecisionCache } from './consent/DecisionCache';
import { describeDecisionCache, RedisDecisionCache } from './consent/RedisDecisionCache';
import type { GatewayContext } from './context';
import { dataSourceFactory } from './dataSources/dataSourceFactory';
import { CategoryIndex } from './enforcement/CategoryIndex';
import { EntityFetchCache } from './enforcement/EntityFetch';
import { probes } from './http/probes';
import { jsonErrors, limitedJsonBody } from './http/requestLimits';
import { operationLimits } from './plugins/operationLimits';

export interface GatewayDependencies {
  logger?: Logger;
  /** @default Date.now; injectable so tests can place requests at exact instants. */
  now?: () => number;
  /** @default in memory */
  decisionCache?: DecisionCache;
}

export interface RunningGateway extends RunningService {
  consentClient: ConsentClient;
  decisionCache: DecisionCache;
}

/** The consent service's base URL: configured, or the origin of the subgraph that declares itself the consent service. */
function consentBaseUrl(config: GatewayConfig, supergraphSdl: string, roles: FederationRoles): string {
  if (config.consentUrl) return config.consentUrl;
  const name = [...roles.roles].find(([, role]) => role.kind === 'consent')?.[0];
  const fromSupergraph = name && new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`).exec(supergraphSdl)?.[1];
  const url = (name && config.subgraphUrls[name]) || fromSupergraph;
  if (!url) throw new Error('No consent service: set CONSENT_URL or include a subgraph with @infrastructure(kind: CONSENT) in the supergraph.');
  return new URL(url).origin;
}

/**
 * Deny by default, before anything is served: every subgraph must be a declared department or
 * infrastructure, every department field must carry a data category. Throws naming each fault.
 */
export function checkFederationRoles(supergraphSdl: string, config: Pick<GatewayConfig, 'production' | 'allowUnclassifiedSubgraphs'>, logger: Logger): FederationRoles {
  const roles = readFederationRoles(supergraphSdl);
  const problems = [...roles.problems];
  const unclassified = [...roles.roles].filter(([, role]) => role.kind === 'unclassified').map(([name]) => name);
  if (unclassified.length > 0) {
    const message = `subgraph(s) ${unclassified.map((n) => `"${n}"`).join(', ')} declare neither @department nor @infrastructure`;
    if (config.production && !config.allowUnclassifiedSubgraphs) problems.push(`${message} (set ALLOW_UNCLASSIFIED_SUBGRAPHS=true to serve them without consent enforcement)`);
    else logger.warn(`${message}: served without consent enforcement`);
  }
  if (problems.length > 0) {
    throw new Error(`The gateway refuses to start: the supergraph would let data past consent.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return roles;
}

/** Starts the gateway on `config.port` (0 for any free port) over the supergraph file in `config.supergraphPath`. */
export async function startGateway(config: GatewayConfig, deps: GatewayDependencies = {}): Promise<RunningGateway> {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const roles = checkFederationRoles(supergraphSdl, config, logger);
  const categories = new CategoryIndex(supergraphSdl);
  const fetches = new EntityFetchCache(categories);
  const consentClient = new ConsentClient({
    baseUrl: consentBaseUrl(config, supergraphSdl, roles),
    actorSecret: config.actorSecret,
    timeoutMs: config.consentTimeoutMs,
    callerId: 'enplan-gateway',
  });
  // REDIS_URL: a cache shared by every gateway instance, with withdrawal announced to all (rule 7).
  const redisCache =
    config.redisUrl && !deps.decisionCache
      ? RedisDecisionCache.create({ redisUrl: config.redisUrl, secret: config.actorSecret, logger, changeWindowMs: config.consentTimeoutMs + 1_000 })
      : undefined;
  const decisionCache = deps.decisionCache ?? redisCache ?? new MemoryDecisionCache();
  const accessLog = new AccessLogWriter(consentClient);
  const verifyToken = createTokenVerifier(config.jwt);

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: { debug() {}, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
    buildService: dataSourceFactory({ config, fetches, accessLog, decisionCache, logger, roles: roles.roles }),
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
  });

  let started = false;
  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  app.use(
    probes({
      started: () => started,
      draining: () => draining,
      consentHealthUrl: new URL('/health', consentClient.baseUrl).toString(),
      timeoutMs: config.consentTimeoutMs,
      details: () => describeDecisionCache(decisionCache),
    }),
  );
  const listening = await listen(app, config.port, config.host);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: config.documentCacheMiB * 2 ** 20 }),
    introspection: !config.production,
    // Production: no "did you mean" field suggestions that map the schema for an attacker.
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // index.ts owns shutdown (readiness off, drain, close Redis); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: config.limits.maxBatchSize > 1,
    formatError: formatErrorMasked(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: listening.server }),
      operationLimits(config.limits),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  try {
    await server.start();
  } catch (error) {
    listening.server.close();
    await redisCache?.close();
    throw error;
  }
  started = true;
  app.use(
    '/graphql',
    ...limitedJsonBody(config.limits),
    expressMiddleware(server, {
      context: async ({ req }): Promise<GatewayContext> => ({
        actor: await verifyToken(req.header('authorization')),
        operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : null,
        decisions: createDecisionLoader({ client: consentClient, cache: decisionCache, ttlMs: config.decisionCacheTtlMs, now }),
      }),
    }),
  );
  app.use(jsonErrors(logger));
  const url = `http://${config.host}:${listening.port}/graphql`;
  logger.info('gateway listening', { url });
  /** Graceful: /ready turns 503, new connections are refused, requests in flight finish. */
  const stop = async () => {
    draining = true;
    try {
      await server.stop();
    } finally {
      await redisCache?.close();
    }
  };
  return { url, port: listening.port, consentClient, decisionCache, stop };
}
