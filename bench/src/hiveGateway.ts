import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { loadRegistry, registeredSubgraphs, type Actor } from '@enplan/lib';
import { createTokenVerifier } from '@enplan/gateway/src/auth/verifyToken';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { unenforcedSigner } from './unenforcedSigning';

/**
 * A second reference point: Hive Gateway (MIT) on the same supergraph and subgraphs, with the same
 * identity work as enplan and the baseline (enplan's JWT verifier once per request, sign the
 * Actor on every subgraph fetch via the `onFetch` hook) and no consent enforcement.
 */
const SERVICE: Actor = { role: 'SERVICE', id: 'hive-gateway', name: 'hive gateway' };

loadRegistry();
const config = loadGatewayConfig();
// The very verifier enplan uses, so every gateway measured does the same identity work.
const verifyToken = createTokenVerifier(config.jwt);
const signing = unenforcedSigner(config);

const identity: GatewayPlugin<{ actor?: Actor }> = {
  async onContextBuilding({ context, extendContext }) {
    extendContext({ actor: await verifyToken(context.request.headers.get('authorization') ?? undefined) });
  },
  async onFetch({ context, url, options, setOptions }) {
    const actor = ('actor' in context && context.actor) || SERVICE;
    const target = new URL(url);
    const audience =
      registeredSubgraphs().find(({ name }) => (config.subgraphUrls[name] ?? '').startsWith(target.origin))?.name ?? '';
    const headers = await (await signing)(audience, target.pathname, String(options.body ?? ''), actor);
    setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...headers } });
  },
};

const gateway = createGatewayRuntime({
  supergraph: readFileSync(config.supergraphPath, 'utf8'),
  // The same SUBGRAPH_URL_* overrides as enplan: the supergraph's URLs are the demo ports.
  // In-flight deduplication off: its key is URL + body, not the per-user Actor header, so it would
  // hand one caseworker's subgraph answer to another, and make the repeated caseload cheap for
  // reasons that have nothing to do with consent. Apollo's gateway (baseline, enplan) does not dedupe.
  transportEntries: Object.fromEntries(
    registeredSubgraphs().map(({ name }) => [
      name,
      {
        ...(config.subgraphUrls[name] && { location: config.subgraphUrls[name] }),
        options: { deduplicateInflightRequests: false },
      },
    ]),
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
