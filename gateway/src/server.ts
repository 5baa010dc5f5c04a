import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ConsentClient,
  createAssertionSigner,
  CONSENT_FEED_HEARTBEAT_MS,
  formatErrorMasked,
  readFederationRoles,
  findingFieldProblems,
  GATEWAY_ISSUER,
  jsonErrors,
  listen,
  observeConnection,
  observeRequests,
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
import { ConsentChangeFeed } from './consent/ConsentChangeFeed';
import { createDecisionLoader } from './consent/ConsentDecisions';
import { FeedGuardedDecisionCache } from './consent/FeedGuardedDecisionCache';
import { MemoryDecisionCache, type DecisionCache } from './consent/DecisionCache';
import { describeDecisionCache, RedisDecisionCache } from './consent/RedisDecisionCache';
import type { GatewayContext } from './context';
import { dataSourceFactory } from './dataSources/dataSourceFactory';
import { CategoryIndex } from './enforcement/CategoryIndex';
import { EntityFetchCache } from './enforcement/EntityFetch';
import { actorAdmission, admittedActor } from './demand/actorAdmission';
import { RefusalPacer } from './demand/RefusalPacer';
import { MemoryRateLimiter } from './demand/RateLimiter';
import { createDemandControl } from './demand/createDemandControl';
import { requestedOperations } from './demand/DemandGate';
import { probes } from './http/probes';
import { limitedJsonBody } from './http/requestLimits';
import { errorMetrics } from './plugins/errorMetrics';
import { operationLimits } from './plugins/operationLimits';
import { devSignIn, graphqlCors, signInRoutes, webApp } from './web/webRoutes';

export interface GatewayDependencies {
  logger?: Logger;
  /** @default Date.now; injectable so tests can place requests at exact instants. */
  now?: () => number;
  /** @default in memory */
  decisionCache?: DecisionCache;
}

export interface RunningGateway extends RunningService {
  consentClient: ConsentClient;
  /** The configured cache (`inner`), trusted only while the consent change feed is live. */
  decisionCache: FeedGuardedDecisionCache;
  /** The consent service's change feed; the cache is trusted only while it is live. */
  consentFeed: ConsentChangeFeed;
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
 * Deny by default, before anything is served: every subgraph must be a declared department or
 * infrastructure, every department field must carry a data category, and the candidate finder's
 * yes/no field must be out of the API. Throws naming each fault.
 */
export function checkFederationRoles(
  supergraphSdl: string,
  config: Pick<GatewayConfig, 'production' | 'allowUnclassifiedSubgraphs'>,
  logger: Logger,
): FederationRoles {
  const roles = readFederationRoles(supergraphSdl);
  const problems = [...roles.problems, ...findingFieldProblems(supergraphSdl)];
  const unclassified = [...roles.roles].filter(([, role]) => role.kind === 'unclassified').map(([name]) => name);
  if (unclassified.length > 0) {
    const message = `subgraph(s) ${unclassified.map((n) => `"${n}"`).join(', ')} declare neither @department nor @infrastructure`;
    if (config.production && !config.allowUnclassifiedSubgraphs)
      problems.push(`${message} (set ALLOW_UNCLASSIFIED_SUBGRAPHS=true to serve them without consent enforcement)`);
    else logger.warn(`${message}: served without consent enforcement`);
  }
  if (problems.length > 0) {
    throw new Error(
      `The gateway refuses to start: the supergraph would let data past consent.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
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
  const signer = await createAssertionSigner(config.signingKey, GATEWAY_ISSUER);
  const consentClient = new ConsentClient({
    baseUrl: consentBaseUrl(config, supergraphSdl, roles),
    signingKey: config.signingKey,
    timeoutMs: config.consentTimeoutMs,
    callerId: GATEWAY_ISSUER,
  });
  // REDIS_URL: a cache shared by every gateway instance, with withdrawal announced to all (rule 7).
  const redisCache =
    config.redisUrl && !deps.decisionCache
      ? RedisDecisionCache.create({
          redisUrl: config.redisUrl,
          secret: config.decisionCacheSecret,
          logger,
          changeWindowMs: config.consentTimeoutMs + 1_000,
        })
      : undefined;
  // Every consent change, whatever made it, is announced by the consent service itself (rule 7).
  const decisionCache = new FeedGuardedDecisionCache(
    deps.decisionCache ?? redisCache ?? new MemoryDecisionCache(),
    config.consentTimeoutMs + 60_000,
  );
  const consentFeed = new ConsentChangeFeed({
    baseUrl: consentClient.baseUrl,
    signingKey: config.signingKey,
    callerId: GATEWAY_ISSUER,
    logger,
    silenceMs: 3 * CONSENT_FEED_HEARTBEAT_MS,
    handlers: {
      change: (cpr) => void decisionCache.evictCitizen(cpr),
      live: () => void decisionCache.feedLive(),
      lost: () => decisionCache.feedLost(),
    },
  });
  consentFeed.start();
  if (redisCache) {
    observeConnection('redis', () => redisCache.health().redis === 'connected');
    observeConnection('consent_invalidations', () => redisCache.health().invalidations === 'subscribed');
  }
  const accessLog = new AccessLogWriter(consentClient);
  const demand = createDemandControl(config, supergraphSdl, logger);
  const demandGate = demand.gate;
  const closeRedis = async () => {
    await redisCache?.close();
    await demand.close();
  };
  const verifyToken = createTokenVerifier(config.jwt);

  // @apollo/gateway otherwise sends its own usage metrics to Apollo (usage-reporting.api.apollographql.com)
  // and probes cloud metadata endpoints at start-up: nothing leaves the municipality's network unasked.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: {
      debug() {},
      info: (m) => logger.info(String(m)),
      warn: (m) => logger.warn(String(m)),
      error: (m) => logger.error(String(m)),
    },
    buildService: dataSourceFactory({ config, signer, fetches, accessLog, decisionCache, logger, roles: roles.roles }),
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
  });

  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  // It listens only once it can serve: before that a client would meet routes not yet mounted.
  const httpServer = createServer(app);
  app.use(
    probes({
      draining: () => draining,
      consentHealthUrl: new URL('/health', consentClient.baseUrl).toString(),
      timeoutMs: config.consentTimeoutMs,
      cacheMs: config.demand.readyCacheMs,
      details: () => describeDecisionCache(decisionCache.inner),
    }),
  );
  // After the probes: health checks are neither traced nor counted.
  const observed = observeRequests(logger);
  app.use(observed.enter);
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
    // The same token limit as the demand gate's parse (demand/DemandGate.ts), for in-process callers too.
    parseOptions: { maxTokens: config.limits.maxTokens },
    // Every query's text must pass the demand gate: a hash alone would skip its cost check.
    persistedQueries: false,
    formatError: formatErrorMasked(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationLimits(config.limits),
      errorMetrics(),
      // No CDN-hosted Sandbox: developers get GraphiQL from the web app (web/graphiql.html).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  try {
    await server.start();
  } catch (error) {
    consentFeed.close();
    await closeRedis();
    throw error;
  }
  // Serve from the start with a trusted cache when the consent service is up; without it, decide uncached.
  await consentFeed.whenLive(config.consentTimeoutMs);
  app.use(['/graphql', '/auth'], graphqlCors(config.web));
  app.use(signInRoutes(config.web, verifyToken));
  if (config.web.webDist) app.use(webApp(config.web.webDist, { ide: !config.production }));
  app.use(
    '/graphql',
    actorAdmission(
      verifyToken,
      demandGate,
      new RefusalPacer(config.demand.refusalPacing),
      config.demand.authFailures.perSecond > 0 ? new MemoryRateLimiter(config.demand.authFailures) : undefined,
    ),
    ...limitedJsonBody(config.limits),
    observed.reenter,
    expressMiddleware(server, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const actor = admittedActor(res) ?? (await verifyToken(req.header('authorization')));
        // Before Apollo Server parses a thing: the whole request's price and the actor's fair share.
        const admission = demandGate.admitRequest(actor.id, requestedOperations(req.method, req.body, req.query));
        res.once('close', admission.release);
        return {
          actor,
          operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : null,
          decisions: createDecisionLoader({ client: consentClient, cache: decisionCache, ttlMs: config.decisionCacheTtlMs, now }),
        };
      },
    }),
  );
  if (config.web.devSignIn && config.jwt.secret) app.use(devSignIn({ ...config.jwt, secret: config.jwt.secret }));
  app.use(jsonErrors(logger));
  /** Graceful: /ready turns 503, new connections are refused, requests in flight finish. */
  const stop = async () => {
    draining = true;
    try {
      consentFeed.close();
      await server.stop();
    } finally {
      await closeRedis();
    }
  };
  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen(app, config.port, config.host, httpServer);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `http://${config.host}:${listening.port}/graphql`;
  logger.info('gateway listening', { url });
  return { url, port: listening.port, consentClient, decisionCache, consentFeed, stop };
}
