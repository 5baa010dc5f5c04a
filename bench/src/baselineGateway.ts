import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ACTOR_HEADER, signActor, toActor, type Actor } from '@enplan/lib';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import express from 'express';
import { GraphQLError } from 'graphql';
import { jwtVerify } from 'jose';

/**
 * The baseline: plain Apollo federation on the same HTTP stack as enplan (express 5 +
 * @as-integrations/express5), same supergraph, same subgraphs, no consent enforcement. It does the
 * identity work enplan does (verify the bearer JWT with jose, sign the Actor header the subgraphs
 * require), so the difference to enplan is the price of consent and nothing else.
 */
interface Context {
  actor?: Actor;
}

const SERVICE: Actor = { role: 'SERVICE', id: 'baseline-gateway', name: 'baseline gateway' };

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const key = new TextEncoder().encode(config.jwt.secret);
  const verify = async (authorization: string | undefined): Promise<Actor> => {
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '')?.[1];
    const unauthenticated = new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    if (!token) throw unauthenticated;
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      requiredClaims: ['sub', 'exp'],
    }).catch(() => {
      throw unauthenticated;
    });
    const actor = toActor({ id: payload.sub, name: payload.name, role: payload.role, department: payload.department, cpr: payload.cpr });
    if (!actor) throw unauthenticated;
    return actor;
  };

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new (class extends RemoteGraphQLDataSource<Context> {
        override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
          request.http?.headers.set(ACTOR_HEADER, signActor(context?.actor ?? SERVICE, config.actorSecret));
        }
      })({ url: config.subgraphUrls[name] ?? url }),
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
