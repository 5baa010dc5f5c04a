import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  findingFieldProblems,
  jsonErrors,
  listen,
  observeRequests,
  readFederationRoles,
  silentLogger,
  type ConsentClient,
  type FederationRoles,
  type Logger,
  type RunningService,
} from '@enplan/lib';
import express, { type Express, type RequestHandler } from 'express';
import { createAdmission } from './admission/createAdmission';
import { createTokenVerifier, type TokenVerifier } from './auth/verifyToken';
import type { GatewayConfig } from './config';
import type { ConsentChangeFeed } from './consent/ConsentChangeFeed';
import type { DecisionCache } from './consent/DecisionCache';
import type { FeedGuardedDecisionCache } from './consent/FeedGuardedDecisionCache';
import { describeDecisionCache } from './consent/RedisDecisionCache';
import { startConsentDecisions, type ConsentDecisionsWiring } from './consent/startConsentDecisions';
import { gatewayContext, type GatewayContext } from './context';
import { probes } from './http/probes';
import { recordRefusals } from './http/refusals';
import { limitedJsonBody } from './http/requestLimits';
import { federatedServer } from './planning/federatedServer';
import { createPricing } from './pricing/createPricing';
import { FieldUsageCounter } from './usage/FieldUsageCounter';
import { keepFieldUsageIn } from './usage/fieldUsageFile';
import { usageRoute } from './usage/usageRoute';
import { webDepartments, webDepartmentsRoute } from './web/webDepartments';
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

/** /health and /ready (http/probes.ts): /ready asks the consent service, and turns 503 while draining. */
function readiness(config: GatewayConfig, consent: ConsentDecisionsWiring, draining: () => boolean): RequestHandler {
  return probes({
    draining,
    consentHealthUrl: new URL('/health', consent.consentClient.baseUrl).toString(),
    timeoutMs: config.consentTimeoutMs,
    cacheMs: config.demand.readyCacheMs,
    details: () => describeDecisionCache(consent.decisionCache.inner),
  });
}

/** Routes beside /graphql: the web app's sign-in and files (web/), CORS for browsers. */
function webRoutes(app: Express, config: GatewayConfig, verifyToken: TokenVerifier, departments: RequestHandler): void {
  app.use(['/graphql', '/auth', '/web'], graphqlCors(config.web));
  app.use(signInRoutes(config.web, verifyToken));
  app.use(departments);
  if (config.web.webDist) app.use(webApp(config.web.webDist, { ide: !config.production }));
  if (config.web.devSignIn && config.jwt.secret) app.use(devSignIn({ ...config.jwt, secret: config.jwt.secret }));
}

/**
 * Starts the gateway on `config.port` (0 for any free port) over the supergraph file in
 * `config.supergraphPath`. It only wires the request path, whose stages each refuse what they must
 * before the next one runs:
 *
 * 1. admission (admission/): the bearer token and the actor's rate, before the body is read;
 * 2. pricing (pricing/): the whole request's price, one parse per operation text, shared with Apollo Server;
 * 3–6. planning, enforcement, signing, recording (planning/federatedServer.ts): @apollo/gateway's
 *    query plan, each department fetch decided per citizen, signed, and written to the access log.
 *
 * Beside the path, each resolved operation's fields are counted by name (usage/), read at GET /usage.
 */
export async function startGateway(config: GatewayConfig, deps: GatewayDependencies = {}): Promise<RunningGateway> {
  const logger = deps.logger ?? silentLogger;
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const roles = checkFederationRoles(supergraphSdl, config, logger);
  const consent = startConsentDecisions(config, supergraphSdl, roles, logger, deps.decisionCache);
  const verifyToken = createTokenVerifier(config.jwt);
  const onRefusal = recordRefusals(logger);
  const admission = createAdmission(config, verifyToken, onRefusal, logger);
  const pricing = createPricing(config, supergraphSdl, onRefusal);
  const fieldUsage = new FieldUsageCounter(config.fieldUsage, deps.now);
  const { file: usageFile, writeIntervalMs } = config.fieldUsage;
  const fieldUsageFile = usageFile ? keepFieldUsageIn(usageFile, writeIntervalMs, fieldUsage, logger) : undefined;
  const app = express().disable('x-powered-by');
  // It listens only once it can serve: before that a client would meet routes not yet mounted.
  const httpServer = createServer(app);
  const close = async () => {
    fieldUsageFile?.close();
    await consent.close();
    await admission.close();
  };
  let server: ApolloServer<GatewayContext>;
  try {
    server = await federatedServer({
      config,
      supergraphSdl,
      roles,
      documents: pricing.documents,
      consent,
      httpServer,
      logger,
      fieldUsage,
    });
    await server.start();
  } catch (error) {
    await close();
    throw error;
  }
  // Serve from the start with a trusted cache when the consent service is up; without it, decide uncached.
  await consent.consentFeed.whenLive(config.consentTimeoutMs);
  let draining = false;
  app.use(readiness(config, consent, () => draining));
  // After the probes: health checks are neither traced nor counted.
  const observed = observeRequests(logger);
  app.use(observed.enter);
  // Before the web app, whose page answers every path it does not know.
  app.use(usageRoute(fieldUsage, verifyToken));
  webRoutes(app, config, verifyToken, webDepartmentsRoute(webDepartments(supergraphSdl, roles)));
  const readBody = [...limitedJsonBody(config.limits), observed.reenter];
  const context = gatewayContext({ verifyToken, consent, ttlMs: config.decisionCacheTtlMs, now: deps.now ?? Date.now });
  app.use('/graphql', admission.handler, ...readBody, pricing.handler, expressMiddleware(server, { context }));
  app.use(jsonErrors(logger));
  /** Graceful: /ready turns 503, new connections are refused, requests in flight finish. */
  const stop = async () => {
    draining = true;
    try {
      consent.consentFeed.close();
      await server.stop();
    } finally {
      await close();
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
  const { consentClient, decisionCache, consentFeed } = consent;
  return { url, port: listening.port, consentClient, decisionCache, consentFeed, stop };
}
