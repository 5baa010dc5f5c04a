import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { DepartmentScalar } from './departmentScalar';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DocumentNode } from 'graphql';
import { ASSERTION_HEADER, type AssertionVerifier, type VerifiedAssertion } from './assertion';
import { departmentOf } from './registry';
import type { SubgraphContext } from './subgraphContext';
import { formatErrorMasked } from './formatError';
import { listen, type RunningService } from './http';
import { jsonErrors, parseJsonBody } from './jsonErrors';
import { apolloLogger, type Logger } from './logger';
import { observeRequests } from './observeRequests';

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
  /** Checks the caller's signed assertion (lib/src/assertion.ts); its audience is this subgraph. */
  verifier: AssertionVerifier;
  logger: Logger;
  /**
   * Required for a department subgraph: its own check of the gateway's signed coverage, which also
   * records what it disclosed (`departmentCoverage` in lib/src/department/departmentCoverage.ts).
   */
  coverage?: ApolloServerPlugin<SubgraphContext>;
}

declare module 'express-serve-static-core' {
  interface Request {
    assertion?: VerifiedAssertion;
  }
}

/**
 * Express app for one subgraph: `/health` is open; everything else needs a signed assertion for
 * this subgraph and this exact body (else 401 before GraphQL sees it), then a well-formed JSON body
 * (else 400). Errors are JSON, never a stack trace or an echo of the body.
 */
export async function startSubgraphServer(
  module: SubgraphModule,
  options: SubgraphServerOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningService> {
  const { logger, verifier } = options;
  // Every department checks the gateway's assertion itself: started without its check, it does not start.
  if (departmentOf(module.name) && !options.coverage)
    throw new Error(`the ${module.name} subgraph is a department and needs its coverage check`);
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: module.name });
  });

  const observed = observeRequests(logger);
  app.use(observed.enter);
  // Raw bytes first: the assertion binds the exact body, so it is checked before anything parses it.
  app.use(express.raw({ type: () => true, limit: '2mb' }));
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = await verifier({ header: req.header(ASSERTION_HEADER), method: req.method, path: req.path, body });
    if (!check.ok) {
      logger.warn('rejected subgraph request', { path: req.path, reason: check.reason });
      res.status(401).json({
        errors: [{ message: 'Calls must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      return;
    }
    req.assertion = check.assertion;
    next();
  });
  app.use(parseJsonBody, observed.reenter);
  module.routes?.(app);

  const listening = await listen(app, port, host);
  const server = new ApolloServer<SubgraphContext>({
    // Every subgraph's schema has the shared `Department` scalar: codes of the registry only.
    schema: buildSubgraphSchema([
      {
        typeDefs: module.typeDefs,
        resolvers: { Department: DepartmentScalar, ...module.resolvers } as GraphQLResolverMap<unknown>,
      },
    ]),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: listening.server }),
      // Federated traces (ftv1) are for Apollo's usage reporting, which enplan does not use.
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.coverage ? [options.coverage] : []),
      ...(module.plugins ?? []),
    ],
    formatError: formatErrorMasked(logger, module.name),
    logger: apolloLogger(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // runSubgraph owns shutdown (drain, then close the store); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
  });
  await server.start();
  app.use(
    '/graphql',
    expressMiddleware(server, {
      context: async ({ req }) => ({
        actor: (req.assertion as VerifiedAssertion).actor,
        assertion: req.assertion as VerifiedAssertion,
      }),
    }),
  );
  app.use(jsonErrors(logger));
  logger.info('subgraph listening', { subgraph: module.name, port: listening.port });
  return {
    url: `http://${host}:${listening.port}/graphql`,
    port: listening.port,
    stop: () => server.stop(),
  };
}
