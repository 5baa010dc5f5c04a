import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { ACTOR_HEADER, SUBGRAPHS, signActor, toActor, type Actor } from '@enplan/lib';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { GraphQLError } from 'graphql';
import { jwtVerify } from 'jose';

/**
 * A second reference point: Hive Gateway (MIT) on the same supergraph and subgraphs, with the same
 * identity work as enplan and the baseline (verify the JWT with jose once per request, sign the
 * Actor on every subgraph fetch via the `onFetch` hook) and no consent enforcement.
 */
const SERVICE: Actor = { role: 'SERVICE', id: 'hive-gateway', name: 'hive gateway' };

const config = loadGatewayConfig();
const key = new TextEncoder().encode(config.jwt.secret);
const unauthenticated = () => new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

const identity: GatewayPlugin<{ actor?: Actor }> = {
  async onContextBuilding({ context, extendContext }) {
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(context.request.headers.get('authorization') ?? '')?.[1];
    if (!token) throw unauthenticated();
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      requiredClaims: ['sub', 'exp'],
    }).catch(() => {
      throw unauthenticated();
    });
    const actor = toActor({ id: payload.sub, name: payload.name, role: payload.role, department: payload.department, cpr: payload.cpr });
    if (!actor) throw unauthenticated();
    extendContext({ actor });
  },
  onFetch({ context, options, setOptions }) {
    const actor = ('actor' in context && context.actor) || SERVICE;
    setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [ACTOR_HEADER]: signActor(actor, config.actorSecret) } });
  },
};

const gateway = createGatewayRuntime({
  supergraph: readFileSync(config.supergraphPath, 'utf8'),
  // The same SUBGRAPH_URL_* overrides as enplan: the supergraph's URLs are the demo ports.
  // In-flight deduplication off: its key is URL + body, not the per-user Actor header, so it would
  // hand one caseworker's subgraph answer to another, and make the repeated caseload cheap for
  // reasons that have nothing to do with consent. Apollo's gateway (baseline, enplan) does not dedupe.
  transportEntries: Object.fromEntries(
    SUBGRAPHS.map(({ name }) => [name, { ...(config.subgraphUrls[name] && { location: config.subgraphUrls[name] }), options: { deduplicateInflightRequests: false } }]),
  ),
  plugins: () => [identity],
  logging: 'error',
  landingPage: false,
  graphiql: false,
  healthCheckEndpoint: '/health',
});

const server = createServer(gateway);
server.listen(config.port, config.host);
process.once('SIGTERM', () => {
  server.close();
  void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
});
