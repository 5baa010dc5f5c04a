import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { DepartmentScalar } from './departmentScalar';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DocumentNode } from 'graphql';
import { ACTOR_HEADER, DEFAULT_SIGNATURE_WINDOW_MS, verifyActorHeader, type Actor } from './actor';
import { formatErrorMasked } from './formatError';
import { listen, type RunningService } from './http';
import type { Logger } from './logger';

/** What every subgraph resolver receives: the Actor the gateway vouched for. */
export interface SubgraphContext {
  actor: Actor;
}

/** Resolvers by type and field. Looser than Apollo's map so modules can be spread and combined. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolver signatures vary per field
export type SubgraphResolvers = Record<string, Record<string, (...args: any[]) => unknown>>;

/** A subgraph as a module: its name, schema and resolvers (its store is closed over by the resolvers). */
export interface SubgraphModule {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  /** Extra routes beside /graphql, e.g. the consent service's internal API. Behind the same actor check. */
  routes?: (app: Express) => void;
  plugins?: ApolloServerPlugin<SubgraphContext>[];
}

export interface SubgraphServerOptions {
  /** The HMAC secret shared with the gateway. */
  actorSecret: string;
  /** @default 30_000 */
  signatureWindowMs?: number;
  logger: Logger;
  /** @default Date.now; injectable so tests can check the replay window. */
  now?: () => number;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/**
 * Express app for one subgraph: `/health` is open; everything else needs the gateway's signed
 * Actor header, and a request without a valid one is answered 401 before GraphQL sees it.
 */
export async function startSubgraphServer(
  module: SubgraphModule,
  options: SubgraphServerOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningService> {
  const { logger, actorSecret } = options;
  const now = options.now ?? Date.now;
  const windowMs = options.signatureWindowMs ?? DEFAULT_SIGNATURE_WINDOW_MS;
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: module.name });
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const verification = verifyActorHeader(req.header(ACTOR_HEADER), actorSecret, now(), windowMs);
    if (!verification.ok) {
      logger.warn('rejected unsigned subgraph request', { path: req.path, reason: verification.reason });
      res.status(401).json({
        errors: [{ message: 'Calls must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      return;
    }
    req.actor = verification.actor;
    next();
  });
  app.use(express.json({ limit: '2mb' }));
  module.routes?.(app);

  const listening = await listen(app, port, host);
  const server = new ApolloServer<SubgraphContext>({
    // Every subgraph's schema has the shared `Department` scalar: codes of the registry only.
    schema: buildSubgraphSchema([
      { typeDefs: module.typeDefs, resolvers: { Department: DepartmentScalar, ...module.resolvers } as GraphQLResolverMap<unknown> },
    ]),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: listening.server }),
      // Federated traces (ftv1) are for Apollo's usage reporting, which enplan does not use.
      ApolloServerPluginInlineTraceDisabled(),
      ...(module.plugins ?? []),
    ],
    formatError: formatErrorMasked(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // runSubgraph owns shutdown (drain, then close the store); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
  });
  await server.start();
  app.use(
    '/graphql',
    expressMiddleware(server, {
      context: async ({ req }) => ({ actor: req.actor as Actor }),
    }),
  );
  logger.info('subgraph listening', { subgraph: module.name, port: listening.port });
  return {
    url: `http://${host}:${listening.port}/graphql`,
    port: listening.port,
    stop: () => server.stop(),
  };
}
