/**
 * Departments are data: the gateway builds enforcement from the supergraph alone, and a subgraph
 * that would let citizen data past consent is refused at the schema check and at gateway start-up.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync, readdirSync } from 'node:fs';
import {
  FINDING_FIELD,
  REPO_ROOT,
  registeredSubgraphs,
  createLogger,
  fullSubgraphSdl,
  listen,
  silentLogger,
  writeGatewayKeyPairs,
} from '@enplan/lib';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { checkFederationRoles, startGateway } from '@enplan/gateway/src/server';
import { committedSubgraphs } from '@enplan/tools/src/composeSupergraph';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';

const run = promisify(execFile);

/** A housing team's first try: it extends Citizen with a categorised field, and declares no department. */
const UNDECLARED = `
type Citizen @key(fields: "cpr") {
  cpr: ID!
  rentArrears: Int @category(is: BENEFITS)
}
`;

/** What a gateway would get if composition did not check: the federation plus `extraSdl`, composed by Apollo's composition alone. */
function supergraphWithRogue(extraSdl: string, { sharedHeader = true } = {}): string {
  const services = committedSubgraphs().map((s) => ({
    name: s.name,
    url: s.url,
    typeDefs: parse(fullSubgraphSdl(registeredSubgraphs().find((r) => r.name === s.name)?.kind, s.sdl)),
  }));
  const rogue = sharedHeader ? fullSubgraphSdl(undefined, extraSdl) : extraSdl;
  const result = composeServices([...services, { name: 'rogue', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(rogue) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

const expectedProblem =
  'subgraph "rogue", field Citizen.rentArrears has @category(is: BENEFITS) but the subgraph declares no department';

describe('a subgraph with @category fields and no declared department', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-rogue-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('fails the schema check: exit 1, naming subgraph, type and field', async () => {
    const schema = join(dir, 'schema.graphql');
    writeFileSync(schema, UNDECLARED);
    const outcome = await run(process.execPath, ['tools/dist/schemaCheck.js', 'rogue', '--schema', schema, '--json'], {
      cwd: REPO_ROOT,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

    expect(outcome.code).toBe(1);
    const report = JSON.parse(outcome.stdout);
    expect(report.ok).toBe(false);
    expect(report.composition.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'ENPLAN_CONSENT_ENFORCEMENT', message: expect.stringContaining(expectedProblem) }),
      ]),
    );
    expect(report.composition.errors.every((e: { code: string }) => e.code === 'ENPLAN_CONSENT_ENFORCEMENT')).toBe(true);
  });

  test('makes the gateway refuse to start, naming subgraph, type and field, in development as in production', async () => {
    const supergraphPath = join(dir, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraphWithRogue(UNDECLARED));
    // Keys of its own: production refuses the committed development keys.
    const gatewayKeys = await writeGatewayKeyPairs(dir, 'test');
    for (const NODE_ENV of ['development', 'production']) {
      const config = loadGatewayConfig({
        NODE_ENV,
        PORT: '0',
        SUPERGRAPH_PATH: supergraphPath,
        ...gatewayKeys.gatewayEnv,
        JWT_SECRET: 'y'.repeat(32),
        ALLOW_UNCLASSIFIED_SUBGRAPHS: 'true',
      });
      await expect(startGateway(config)).rejects.toThrow(expectedProblem);
    }
  });
});

describe('the gateway reads who is who from the supergraph', () => {
  test('no department and no department subgraph is named in gateway/src (tests aside)', () => {
    const sources = (readdirSync(join(REPO_ROOT, 'gateway', 'src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => ({ file: f, text: readFileSync(join(REPO_ROOT, 'gateway', 'src', f), 'utf8') }));
    const names = registeredSubgraphs().flatMap((s) =>
      s.kind === 'department' ? [s.department, `'${s.name}'`, `"${s.name}"`] : [],
    );

    expect(sources.length).toBeGreaterThan(10);
    expect(sources.flatMap(({ file, text }) => names.filter((n) => text.includes(n)).map((n) => `${file}: ${n}`))).toEqual([]);
  });

  /** A plain subgraph: no citizen data, no category, no declaration. */
  const plain = () =>
    supergraphWithRogue(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\ntype Query {\n  weather: String\n}\n',
      {
        sharedHeader: false,
      },
    );
  const production = { production: true, allowUnclassifiedSubgraphs: false };

  test("the committed federation: each of the registry's subgraphs declares in its schema the role the registry gives it, no problems", () => {
    const roles = checkFederationRoles(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'), production, silentLogger);

    expect(Object.fromEntries(roles.roles)).toEqual(
      Object.fromEntries(
        registeredSubgraphs().map((s) => [
          s.name,
          s.kind === 'department'
            ? {
                kind: 'department',
                code: s.department,
                name: expect.any(String),
                ...(s.organisation && { organisation: s.organisation }),
              }
            : { kind: s.kind },
        ]),
      ),
    );
    expect(roles.roles.get('employment')).toEqual({ kind: 'department', code: 'EMPLOYMENT', name: 'Jobcentret' });
  });

  test("a supergraph that would expose the candidate finder's yes/no field to clients is refused", () => {
    const committed = readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8');
    const exposed = committed.replace(`${FINDING_FIELD}: Boolean! @inaccessible`, `${FINDING_FIELD}: Boolean!`);
    expect(exposed).not.toBe(committed);

    expect(() => checkFederationRoles(exposed, production, silentLogger)).toThrow(
      `Citizen.${FINDING_FIELD} is the candidate finder's alone and must be @inaccessible`,
    );
  });

  test('a subgraph that declares nothing and carries no category is refused in production, unless allowed', () => {
    const supergraph = plain();

    expect(() => checkFederationRoles(supergraph, production, silentLogger)).toThrow(
      'subgraph(s) "rogue" declare neither @department nor @infrastructure (set ALLOW_UNCLASSIFIED_SUBGRAPHS=true',
    );
    expect(
      checkFederationRoles(supergraph, { production: true, allowUnclassifiedSubgraphs: true }, silentLogger).roles.get('rogue'),
    ).toEqual({
      kind: 'unclassified',
    });
    expect(
      checkFederationRoles(supergraph, { production: false, allowUnclassifiedSubgraphs: false }, silentLogger).roles.get('rogue'),
    ).toEqual({
      kind: 'unclassified',
    });
  });
});

describe('a plain federation subgraph, allowed by ALLOW_UNCLASSIFIED_SUBGRAPHS', () => {
  // `sky` answers a value its own enum does not have: the subgraph's error, as in the federation audit's enum suites.
  const WEATHER =
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\nenum Sky {\n  CLEAR\n  CLOUDY\n}\ntype Query {\n  weather: String\n  sky: Sky\n}\n';
  const gatewayLog: string[] = [];
  let dir: string;
  let weather: { server: Server; port: number };
  let apollo: ApolloServer;
  let federation: TestFederation;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-plain-'));
    apollo = new ApolloServer({
      schema: buildSubgraphSchema([
        { typeDefs: parse(WEATHER), resolvers: { Query: { weather: () => 'Byger fra vest', sky: () => 'RAINBOW' } } },
      ]),
    });
    await apollo.start();
    const app = express();
    app.use('/graphql', express.json(), expressMiddleware(apollo));
    weather = await listen(app, 0);
    const supergraphPath = join(dir, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraphWithRogue(WEATHER, { sharedHeader: false }));
    federation = await TestFederation.start({
      gatewayEnv: {
        SUPERGRAPH_PATH: supergraphPath,
        ALLOW_UNCLASSIFIED_SUBGRAPHS: 'true',
        SUBGRAPH_URL_ROGUE: `http://127.0.0.1:${weather.port}/graphql`,
      },
      gatewayDeps: { logger: createLogger('gateway', 'info', (line) => gatewayLog.push(line)) },
    });
  });
  afterAll(async () => {
    await federation?.stop();
    await apollo.stop();
    weather.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is served beside the departments, which keep their consent enforcement', async () => {
    const anna = await tokenFor('cw-emp-1');

    expect((await graphql(federation.gateway.url, '{ weather }', { token: anna })).data).toEqual({ weather: 'Byger fra vest' });
    const peter = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { social { healthNotes { summary } } } }', {
      token: anna,
    });
    expect(peter.data).toEqual({ citizen: { social: { healthNotes: null } } });
    expect(errorCodesByPath(peter)).toEqual({ 'citizen.social.healthNotes': 'CONSENT_REQUIRED' });
  });

  test("a subgraph's own error reaches the client masked and the gateway's log by its real text, never [object Object]", async () => {
    const result = await graphql(federation.gateway.url, '{ sky }', { token: await tokenFor('cw-emp-1') });

    expect(result.data).toEqual({ sky: null });
    expect(result.errors).toEqual([{ message: 'Internal error.', path: ['sky'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    const logged = gatewayLog.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.level === 'error');
    expect(logged).toEqual([expect.objectContaining({ message: 'Enum "Sky" cannot represent value: "RAINBOW"', path: ['sky'] })]);
    expect(gatewayLog.join('\n')).not.toContain('[object Object]');
  });
});
