import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  apolloLogger,
  CategoryClassifier,
  formatErrorMasked,
  type ConsentClient,
  type FederationRoles,
  type Logger,
} from '@enplan/lib';
import type { GatewayConfig } from '../config';
import { AccessLogWriter } from '../consent/AccessLogWriter';
import type { DecisionCache } from '../consent/DecisionCache';
import type { GatewayContext } from '../context';
import { dataSourceFactory } from '../dataSources/dataSourceFactory';
import { gatewaySigners } from '../dataSources/gatewaySigners';
import { EntityFetchCache } from '../enforcement/EntityFetch';
import { departmentInput } from '../plugins/departmentInput';
import { errorMetrics } from '../plugins/errorMetrics';
import { operationLimits } from '../plugins/operationLimits';
import type { OperationDocuments } from '../pricing/OperationDocuments';
import type { RepresentationCache } from '../representation/ActFor';
import { representedPowers } from '../representation/representedPowers';
import type { FieldUsageCounter } from '../usage/FieldUsageCounter';
import { fieldUsagePlugin } from '../usage/fieldUsagePlugin';

export interface FederatedServerOptions {
  config: GatewayConfig;
  supergraphSdl: string;
  roles: FederationRoles;
  /** The pricing stage's parsed operations: Apollo Server parses none of them again. */
  documents: OperationDocuments;
  consent: { consentClient: ConsentClient; decisionCache: DecisionCache; representationCache: RepresentationCache };
  /** Drained on stop: requests in flight finish. */
  httpServer: Server;
  logger: Logger;
  /** Where each operation's fields are counted, for GET /usage. */
  fieldUsage: FieldUsageCounter;
}

/**
 * Stages 3–6 of the request path (server.ts), unstarted: Apollo Server executes the priced operation
 * by @apollo/gateway's query plan (planning, after the shape limits of plugins/operationLimits.ts);
 * each fetch of the plan goes through its subgraph's data source (dataSources/dataSourceFactory.ts),
 * which decides per citizen before sending (enforcement: enforcement/FetchPlanner.ts), signs what it
 * sends (signing: dataSources/SignedActorDataSource.ts) and writes the access log before it
 * answers (recording: consent/AccessLogWriter.ts).
 */
export async function federatedServer(options: FederatedServerOptions): Promise<ApolloServer<GatewayContext>> {
  const { config, supergraphSdl, roles, documents, consent, httpServer, logger, fieldUsage } = options;
  const { consentClient, decisionCache, representationCache } = consent;
  const classifier = CategoryClassifier.of(supergraphSdl);
  const fetches = new EntityFetchCache(classifier);
  const signerFor = await gatewaySigners(config);
  const accessLog = new AccessLogWriter(consentClient);
  // @apollo/gateway otherwise sends its own usage metrics to Apollo (usage-reporting.api.apollographql.com)
  // and probes cloud metadata endpoints at start-up: nothing leaves the municipality's network unasked.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: apolloLogger(logger),
    buildService: dataSourceFactory({
      config,
      signerFor,
      fetches,
      accessLog,
      decisionCache,
      representationCache,
      logger,
      roles: roles.roles,
    }),
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    ...documents.apolloServerOptions(),
    // Production: no "did you mean" field suggestions that map the schema for an attacker.
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // index.ts owns shutdown (readiness off, drain, close Redis); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: config.limits.maxBatchSize > 1,
    // Every query's text must pass the pricing stage: a hash alone would skip its cost check.
    persistedQueries: false,
    formatError: formatErrorMasked(logger),
    plugins: [
      documents.plugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationLimits(config.limits),
      departmentInput([...roles.roles.values()].flatMap((role) => (role.kind === 'department' ? [role.code] : []))),
      representedPowers(classifier, consentClient),
      errorMetrics(),
      fieldUsagePlugin(fieldUsage),
      // No CDN-hosted Sandbox: developers get GraphiQL from the web app (web/graphiql.html).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
