import { createServer, type Server } from 'node:http';
import { PERSONAS } from '@enplan/lib';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { startGateway } from '@enplan/gateway/src/server';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';

const PETERS_CASES = '{ citizen(cpr: "0101804321") { employment { kind } social { kind } } }';

function departmentErrors(result: { errors?: Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> }) {
  return (result.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code, department: e.extensions?.department }));
}

/** A server that accepts connections and never answers: a hung department system. */
async function hangingServer(port: number): Promise<Server> {
  const server = createServer(() => {
    /* never respond */
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('when a department system fails', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS_SOCIAL: '300', DECISION_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => federation.stop());

  it("returns the other departments' data, and DEPARTMENT_UNAVAILABLE naming the one that is down", async () => {
    await federation.stopSubgraph('social');
    try {
      const result = await graphql(federation.gateway.url, PETERS_CASES, { token: await tokenFor('cw-emp-1') });
      expect(result.data).toEqual({ citizen: { employment: { kind: 'Kontanthjælp, aktivitetsparat' }, social: null } });
      expect(departmentErrors(result)).toEqual([
        { path: ['citizen', 'social'], code: 'DEPARTMENT_UNAVAILABLE', department: 'SOCIAL' },
      ]);
    } finally {
      await federation.startSubgraph('social');
    }
  });

  it("records no disclosure in the citizen's access log when the department's data never arrived", async () => {
    await federation.stopSubgraph('social');
    try {
      await graphql(federation.gateway.url, 'query WhileSocialIsDown { citizen(cpr: "0101804321") { social { kind } } }', {
        token: await tokenFor('cw-emp-1'),
        operationName: 'WhileSocialIsDown',
      });
    } finally {
      await federation.startSubgraph('social');
    }
    const log = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { accessLog { operationName decision } } }', {
      token: await tokenFor(PERSONAS.peter.cpr),
    });
    expect(log.data?.citizen.accessLog.filter((e: { operationName: string }) => e.operationName === 'WhileSocialIsDown')).toEqual(
      [],
    );
  });

  it('gives a partly consented field one error only: the department being down', async () => {
    await federation.stopSubgraph('employment');
    try {
      const result = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "0101650005") { employment { kind healthNotes { summary } } } }',
        {
          token: await tokenFor('cw-soc-1'),
        },
      );
      expect(result.data).toEqual({ citizen: { employment: null } });
      expect(departmentErrors(result)).toEqual([
        { path: ['citizen', 'employment'], code: 'DEPARTMENT_UNAVAILABLE', department: 'EMPLOYMENT' },
      ]);
    } finally {
      await federation.startSubgraph('employment');
    }
  });

  it('gives up on a department that hangs after its configured timeout, with the same answer', async () => {
    const port = Number(new URL(federation.subgraphs.get('social')!.url).port);
    await federation.stopSubgraph('social');
    const hung = await hangingServer(port);
    try {
      const started = Date.now();
      const result = await graphql(federation.gateway.url, PETERS_CASES, { token: await tokenFor('cw-emp-1') });
      expect(Date.now() - started).toBeLessThan(4_000); // the default timeout is 5 s; social's is 300 ms
      expect(result.data).toEqual({ citizen: { employment: { kind: 'Kontanthjælp, aktivitetsparat' }, social: null } });
      expect(departmentErrors(result)).toEqual([
        { path: ['citizen', 'social'], code: 'DEPARTMENT_UNAVAILABLE', department: 'SOCIAL' },
      ]);
    } finally {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
      await federation.startSubgraph('social');
    }
  });

  it('recovers by itself when the consent service comes back', async () => {
    const anna = await tokenFor('cw-emp-1');
    await federation.stopSubgraph('consent');
    const down = await graphql(federation.gateway.url, PETERS_CASES, { token: anna });
    expect(errorCodesByPath(down)).toEqual({ 'citizen.social': 'CONSENT_UNAVAILABLE' });

    await federation.startSubgraph('consent');
    const back = await graphql(federation.gateway.url, PETERS_CASES, { token: anna });
    expect(back.errors).toBeUndefined();
    expect(back.data?.citizen.social).toEqual({ kind: 'Socialpædagogisk støtte' });
  });

  it('names the plan service when the entry point itself is down', async () => {
    await federation.stopSubgraph('plan');
    try {
      const result = await graphql(federation.gateway.url, PETERS_CASES, { token: await tokenFor('cw-emp-1') });
      expect(result.data).toEqual({ citizen: null });
      expect(departmentErrors(result)).toEqual([{ path: undefined, code: 'DEPARTMENT_UNAVAILABLE', department: 'plan' }]);
    } finally {
      await federation.startSubgraph('plan');
    }
  });
});

describe('starting the gateway while a department is down', () => {
  it('starts from the supergraph file and serves the departments that are up', async () => {
    const federation = await TestFederation.start();
    const closedPort = 'http://127.0.0.1:9/graphql'; // discard port: nothing listens
    const gateway = await startGateway(
      loadGatewayConfig({ PORT: '0', ...federation.gatewayEnv(), SUBGRAPH_URL_SOCIAL: closedPort }),
    );
    try {
      const result = await graphql(gateway.url, PETERS_CASES, { token: await tokenFor(PERSONAS.peter.cpr) });
      expect(result.data).toEqual({ citizen: { employment: { kind: 'Kontanthjælp, aktivitetsparat' }, social: null } });
      expect(departmentErrors(result)).toEqual([
        { path: ['citizen', 'social'], code: 'DEPARTMENT_UNAVAILABLE', department: 'SOCIAL' },
      ]);
    } finally {
      await gateway.stop();
      await federation.stop();
    }
  });
});
