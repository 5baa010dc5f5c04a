import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Actor } from '@enplan/lib';
import { createTokenVerifier } from '@enplan/gateway/src/auth/verifyToken';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import express from 'express';
import { unenforcedSigner } from './unenforcedSigning';
import { loadRegistry } from '@enplan/lib';

/**
 * The baseline: plain Apollo federation on the same HTTP stack as enplan (express 5 +
 * @as-integrations/express5), same supergraph, same subgraphs, no consent enforcement. It does the
 * identity work enplan does (verify the bearer JWT with enplan's own verifier, sign the Actor header the subgraphs
 * require: lib/src/assertion.ts), so the difference to enplan is the price of consent and nothing else.
 */
interface Context {
  actor?: Actor;
}

const SERVICE: Actor = { role: 'SERVICE', id: 'baseline-gateway', name: 'baseline gateway' };

async function main(): Promise<void> {
  loadRegistry();
  const config = loadGatewayConfig();
  // The very verifier enplan uses, so both gateways do the same identity work.
  const verify = createTokenVerifier(config.jwt);
  const sign = await unenforcedSigner(config);

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url ?? '';
      return new (class extends RemoteGraphQLDataSource<Context> {
        override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): Promise<void> {
          // The body as RemoteGraphQLDataSource serializes it (see gateway/src/dataSources/SignedActorDataSource.ts).
          const { query, http, ...rest } = request;
          const headers = await sign(
            name,
            new URL(target).pathname,
            JSON.stringify({ query, ...rest }),
            context?.actor ?? SERVICE,
          );
          for (const [key, value] of Object.entries(headers)) http?.headers.set(key, value);
        }
      })({ url: target });
    },
  });
  const server = new ApolloServer<Context>({ gateway });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(server, { context: async ({ req }) => ({ actor: await verify(req.header('authorization')) }) }),
  );
  const listener = app.listen(config.port, config.host);
  process.once('SIGTERM', () => {
    listener.close();
    void server.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
