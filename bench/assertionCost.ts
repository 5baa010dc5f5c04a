// CPU per subgraph fetch of zero trust (lib/src/assertion.ts, lib/src/department/coverageCheck.ts),
// before (the HMAC actor header it replaced) and after, on the gateway and on the subgraph side.
// Run after `npm run build`: node bench/assertionCost.ts  (Node 24 strips the types itself.)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import {
  checkCoverage,
  createAssertionSigner,
  createAssertionVerifier,
  devKeyFiles,
  GATEWAY_ISSUER,
  loadKeySet,
  loadSubgraphTypeDefs,
  readPrivateJwk,
  ReplayCache,
  syntheticCitizens,
  type Actor,
  loadRegistry,
} from '@enplan/lib';

const ANNA: Actor = { role: 'CASEWORKER', id: 'cw-emp-1', name: 'Anna Larsen', department: 'EMPLOYMENT' };
const ROUNDS = Number(process.env.ROUNDS ?? 3000);
const QUERY =
  'query Caseload__social__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { social { kind status caseworker { name } } } } }';

/** The scheme zero trust replaced (lib/src/actor.ts before it): HMAC over the actor and a timestamp. */
const SECRET = 'x'.repeat(48);
const hmac = (payload: string, ts: string) => createHmac('sha256', SECRET).update(`${payload}.${ts}`).digest();
const hmacSign = (actor: Actor) => {
  const payload = Buffer.from(JSON.stringify(actor)).toString('base64url');
  const ts = String(Date.now());
  return `${payload}.${ts}.${hmac(payload, ts).toString('base64url')}`;
};
const hmacVerify = (header: string) => {
  const [payload, ts, sig] = header.split('.') as [string, string, string];
  const given = Buffer.from(sig, 'base64url');
  if (!timingSafeEqual(given, hmac(payload, ts))) throw new Error('bad');
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
};

async function cpuMicros(work: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await work(); // warm-up
  const start = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ROUNDS;
}

async function main(): Promise<void> {
  loadRegistry();
  // One fixed instant for signer and verifier: pre-signed headers must not expire on a busy machine.
  const at = Date.now();
  const signer = await createAssertionSigner(readPrivateJwk(devKeyFiles('gateway').privateJwk), GATEWAY_ISSUER, {
    now: () => at,
  });
  const schema = buildSubgraphSchema([{ typeDefs: loadSubgraphTypeDefs('social'), resolvers: {} }]);
  const operation = parse(QUERY).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const rows: string[] = [];
  for (const citizens of [1, 20]) {
    const cprs = syntheticCitizens(citizens).map((c) => c.cpr);
    const variables = { representations: cprs.map((cpr) => ({ __typename: 'Citizen', cpr })) };
    const body = JSON.stringify({ query: QUERY, variables, operationName: 'Caseload__social__1' });
    const coverage = new Map(cprs.map((cpr) => [cpr, { categories: ['CASE' as const], consentId: 'CON-000001' }]));
    const call = { audience: 'social', method: 'POST', path: '/graphql', body, actor: ANNA, coverage };
    const verify = createAssertionVerifier({
      audience: 'social',
      trusted: [{ issuer: GATEWAY_ISSUER, keys: loadKeySet(devKeyFiles('gateway').jwks), serviceOnly: false }],
      replayCache: new ReplayCache(1_000_000),
      now: () => at,
    });
    const headers: string[] = [];
    for (let i = 0; i < 2 * (ROUNDS + 200); i++) headers.push(await signer.sign(call));
    let next = 0;
    const before = {
      gateway: await cpuMicros(() => hmacSign(ANNA)),
      subgraph: (await cpuMicros(() => hmacVerify(hmacSign(ANNA)))) - (await cpuMicros(() => hmacSign(ANNA))),
    };
    const gateway = await cpuMicros(() => signer.sign(call));
    const verifyOnly = await cpuMicros(async () => {
      if (!(await verify({ header: headers[next++], method: 'POST', path: '/graphql', body })).ok) throw new Error('refused');
    });
    const subgraph = await cpuMicros(async () => {
      const result = await verify({ header: headers[next++], method: 'POST', path: '/graphql', body });
      if (!result.ok) throw new Error(result.reason);
      const verdict = checkCoverage({
        department: 'SOCIAL',
        schema,
        operation,
        fragments: new Map(),
        variables,
        assertion: result.assertion,
      });
      if (!verdict.ok) throw new Error(verdict.reason);
    });
    rows.push(
      `| ${citizens} | ${before.gateway.toFixed(1)} | ${Math.max(before.subgraph, 0).toFixed(1)} | ${gateway.toFixed(1)} | ${verifyOnly.toFixed(1)} | ${subgraph.toFixed(1)} | ${(headers[0] ?? '').length} |`,
    );
  }
  process.stdout.write(
    `Node ${process.version}, ${ROUNDS} rounds, CPU µs per subgraph fetch (user+system)\n\n` +
      '| citizens in the fetch | before: gateway (HMAC sign) | before: subgraph (HMAC verify) | after: gateway (ES256 sign + coverage) | after: subgraph, verify only (ES256 + body hash + jti) | after: subgraph, verify + coverage check | header bytes |\n' +
      '|---|---|---|---|---|---|---|\n' +
      rows.join('\n') +
      '\n',
  );
}

void main();
