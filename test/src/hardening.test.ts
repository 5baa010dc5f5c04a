import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { startGateway } from '@enplan/gateway/src/server';
import { REPO_ROOT } from '@enplan/lib';
import { TestFederation, graphql, tokenFor } from './federation';

/** Production refuses the committed dev secrets: this run's own. */
const JWT_SECRET = `hardening-test-${'x'.repeat(32)}`;
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET };

describe('hostile input against a production gateway', () => {
  let federation: TestFederation;
  let anna: string;
  beforeAll(async () => {
    federation = await TestFederation.start({ gatewayEnv: { ...PRODUCTION, MAX_QUERY_DEPTH: '4', MAX_BATCH_SIZE: '2' } });
    anna = await tokenFor('cw-emp-1', { secret: JWT_SECRET });
  });
  afterAll(() => federation.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${anna}`, ...headers },
      body,
    });

  it('refuses introspection, the second time as the first (a priced operation is stored only when valid)', async () => {
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const result = await graphql(federation.gateway.url, '{ __schema { types { name } } }', { token: anna });
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('suggests no field names', async () => {
    const result = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { employmen { kind } } }', {
      token: anna,
    });
    expect(result.errors?.map((e) => e.message)).toEqual(['Cannot query field "employmen" on type "Citizen".']);
  });

  it('refuses a query deeper than the configured limit', async () => {
    const result = await graphql(
      federation.gateway.url,
      '{ citizen(cpr: "0101804321") { plan { employment { actions { responsible { name } } } } } }',
      { token: anna },
    );
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Query depth 6 exceeds the limit of 4.', 'BAD_USER_INPUT'],
    ]);
  });

  it('refuses a body over the size limit with a clean JSON error, not a stack trace', async () => {
    const response = await post(JSON.stringify({ query: `{ citizen(cpr: "0101804321") { cpr } } #${'x'.repeat(200_000)}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('refuses malformed JSON with a clean JSON error', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('answers batches up to the limit and refuses larger ones', async () => {
    const op = { query: '{ citizen(cpr: "0101804321") { cpr } }' };
    const two = await post(JSON.stringify([op, op]));
    expect(two.status).toBe(200);
    expect(await two.json()).toEqual([
      { data: { citizen: { cpr: '0101804321' } } },
      { data: { citizen: { cpr: '0101804321' } } },
    ]);
    const three = await post(JSON.stringify([op, op, op]));
    expect(three.status).toBe(400);
    expect(await three.json()).toEqual({
      errors: [{ message: 'A batch may hold at most 2 operations.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('prevents cross-site request forgery: a simple GET without a preflight header is refused', async () => {
    const url = `${federation.gateway.url}?query=${encodeURIComponent('{ citizen(cpr: "0101804321") { cpr } }')}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${anna}` } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This operation has been blocked as a potential Cross-Site Request Forgery');
  });
});

describe('liveness and readiness', () => {
  it('/ready is 503 while the consent service is unreachable, /health stays 200', async () => {
    // Every /ready asks afresh here; how long an answer is reused is tested in gateway/src/http/probes.test.ts.
    const federation = await TestFederation.start({ gatewayEnv: { READY_CACHE_MS: '0' } });
    try {
      const origin = new URL(federation.gateway.url).origin;
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { supergraph: 'loaded', consent: 'reachable', shutdown: 'no' },
      });

      await federation.stopSubgraph('consent');
      const notReady = await fetch(`${origin}/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: 'not ready',
        checks: { supergraph: 'loaded', consent: 'unreachable', shutdown: 'no' },
      });
      const health = await fetch(`${origin}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', decisionCache: 'memory' });
    } finally {
      await federation.stop();
    }
  });

  it('a second gateway on a port already taken fails with EADDRINUSE, and the first keeps serving', async () => {
    const federation = await TestFederation.start();
    try {
      const { port } = new URL(federation.gateway.url);
      const second = startGateway(loadGatewayConfig({ ...federation.gatewayEnv(), PORT: port }));
      await expect(second).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const answer = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { cpr } }', {
        token: await tokenFor('cw-soc-1'),
      });
      expect(answer.data).toEqual({ citizen: { cpr: '0101804321' } });
    } finally {
      await federation.stop();
    }
  });
});

describe('graceful shutdown on SIGTERM', () => {
  let federation: TestFederation;
  let slowProxy: Server;
  beforeAll(async () => {
    federation = await TestFederation.start();
    // The jobcentre answers after 1.5 s: long enough to send SIGTERM while a request is in flight.
    const employment = federation.subgraphs.get('employment')!.url;
    slowProxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const upstream = await fetch(employment, {
        method: 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
        ) as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
    });
    await new Promise<void>((resolve) => slowProxy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    slowProxy.close();
    await federation.stop();
  });

  it('finishes the request in flight, refuses new ones, and exits 0', async () => {
    const env = {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...federation.gatewayEnv(),
      SUBGRAPH_URL_EMPLOYMENT: `http://127.0.0.1:${(slowProxy.address() as AddressInfo).port}/graphql`,
    };
    const child = spawn(process.execPath, ['gateway/dist/index.js'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /"url":"([^"]+)"/.exec(log);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${log}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const inFlight = graphql(url, '{ citizen(cpr: "0101804321") { employment { kind } } }', {
      token: await tokenFor('cw-emp-1'),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    expect((await inFlight).data).toEqual({ citizen: { employment: { kind: 'Kontanthjælp, aktivitetsparat' } } });
    expect(await exited).toBe(0);
  }, 20_000);
});
