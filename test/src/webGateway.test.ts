import { ConfigError, demoCaseworkers } from '@enplan/lib';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { WEB_DIST, requireBuiltWebApp } from './browser';
import { TestFederation, graphql } from './federation';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' };
const PETER_QUERY = '{ citizen(cpr: "0101804321") { cpr } }';

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });
}

describe('what the gateway offers a browser, in development', () => {
  let federation: TestFederation;
  let origin: string;

  beforeAll(async () => {
    federation = await TestFederation.start({
      gatewayEnv: { WEB_DIST: requireBuiltWebApp(), CORS_ORIGINS: 'https://plan.kommune.dk' },
    });
    origin = new URL(federation.gateway.url).origin;
  });
  afterAll(() => federation.stop());

  it("answers a configured origin's preflight, so the web app may be hosted apart from the gateway", async () => {
    const response = await preflight(federation.gateway.url, 'https://plan.kommune.dk');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://plan.kommune.dk');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives any other origin no permission to read the answer', async () => {
    const response = await preflight(federation.gateway.url, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('signs a demo persona in with a token the gateway accepts, and nobody it does not know', async () => {
    const identities = (await (await fetch(`${origin}/dev/identities`)).json()) as Array<{ who: string }>;
    // Every department's demo caseworkers, as the registry lists them: Dorte (HOUSING) too; then the providers' staff.
    expect(identities.map((i) => i.who)).toEqual([
      ...demoCaseworkers().map((c) => c.id),
      '0101804321',
      '1502854562',
      '2007901237',
      '0303950008',
      '1111750011',
      '0101650005',
      // The representatives (rule 13): Sara, Lars's daughter, and Ole, Jonas's personal ombud.
      '0507921234',
      'omb-1',
      'auditor',
      'coordinator',
      'prov-1',
    ]);
    const response = await fetch(`${origin}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ who: '0101804321' }),
    });
    const { token } = (await response.json()) as { token: string };
    expect((await graphql(federation.gateway.url, PETER_QUERY, { token })).data).toEqual({ citizen: { cpr: '0101804321' } });
    expect(identities).toContainEqual({ who: 'cw-hou-1', name: 'Dorte Lind', role: 'CASEWORKER', department: 'HOUSING' });
    const dorte = await fetch(`${origin}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ who: 'cw-hou-1' }),
    });
    expect(((await dorte.json()) as { claims: unknown }).claims).toEqual({
      sub: 'cw-hou-1',
      name: 'Dorte Lind',
      role: 'CASEWORKER',
      department: 'HOUSING',
      organisation: 'KOEBENHAVNS_KOMMUNE',
    });
    for (const who of ['cw-xxx-9', 'SERVICE', '', 42]) {
      const refused = await fetch(`${origin}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ who }),
      });
      expect(refused.status).toBe(400);
    }
  });

  it('tells the app until when a token holds, and issues a short-lived one on request, never past 8 hours', async () => {
    const issue = (body: object) =>
      fetch(`${origin}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const before = Date.now();
    const { token } = (await (await issue({ who: 'cw-emp-1', ttlSeconds: 90 })).json()) as { token: string };
    const me = (await (await fetch(`${origin}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      id: string;
      expiresAt: string;
    };
    expect(me.id).toBe('cw-emp-1');
    const lifetime = Date.parse(me.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(85_000);
    expect(lifetime).toBeLessThanOrEqual(91_000);
    for (const ttlSeconds of [0, -5, 1.5, '90', 8 * 3600 + 1])
      expect((await issue({ who: 'cw-emp-1', ttlSeconds })).status).toBe(400);
  });

  it('tells the web app the departments, from the supergraph, before anyone signs in', async () => {
    // Readable by the web app hosted on a configured origin of its own, too.
    const response = await fetch(`${origin}/web/departments`, { headers: { origin: 'https://plan.kommune.dk' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://plan.kommune.dk');
    const departments = (await response.json()) as Array<{ code: string; name: string }>;
    expect(departments.map((d) => `${d.code} ${d.name}`)).toEqual([
      'CARE Sundhed og Omsorg',
      'CHILDREN Børn og familie',
      'EMPLOYMENT Jobcentret',
      'HOUSING Boligsocial indsats',
      'PAYMENTS Ydelsescenter',
      'PSYCHIATRY Region Hovedstadens Psykiatri',
      'SOCIAL Socialforvaltningen, voksne',
    ]);
  });

  it('serves the built app at / and at its own routes, under a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/caseworker/plan', '/citizen/log']) {
      const response = await fetch(`${origin}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root"></div>');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';.*frame-ancestors 'none'/);
    }
    // The API stays the API.
    expect(
      (
        await fetch(federation.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${origin}/health`)).headers.get('content-type')).toMatch(/json/);
  });

  it('sends a developer who opens /graphql in a browser to GraphiQL, served from the project itself, not a CDN', async () => {
    const opened = await fetch(federation.gateway.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/graphiql.html');
    const ide = await fetch(`${origin}/graphiql.html`);
    expect(ide.status).toBe(200);
    const html = await ide.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/graphiql-[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe('what the gateway offers a browser, in production', () => {
  let federation: TestFederation;
  // Production's other requirements (this federation's own signing key, the subgraphs' URLs) met.
  const production = (env: Record<string, string> = {}) => ({ ...PRODUCTION, ...federation.gatewayEnv(), ...env });

  beforeAll(async () => {
    federation = await TestFederation.start({ gatewayEnv: { ...PRODUCTION, WEB_DIST } });
  });
  afterAll(() => federation.stop());

  it('allows no cross-origin caller unless CORS_ORIGINS names one', () => {
    expect(loadGatewayConfig(production()).web.corsOrigins).toEqual([]);
    expect(loadGatewayConfig({}).web.corsOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(
      loadGatewayConfig(production({ CORS_ORIGINS: 'https://plan.kommune.dk, https://borger.kommune.dk' })).web.corsOrigins,
    ).toEqual(['https://plan.kommune.dk', 'https://borger.kommune.dk']);
  });

  it('refuses a wildcard, a path or a missing web app at start-up, naming the variable', () => {
    let error: unknown;
    try {
      loadGatewayConfig(production({ CORS_ORIGINS: '*,https://plan.kommune.dk/app', WEB_DIST: '/nonexistent' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'CORS_ORIGINS must list origins like https://plan.kommune.dk, without path or wildcard (got "*")',
      'CORS_ORIGINS must list origins like https://plan.kommune.dk, without path or wildcard (got "https://plan.kommune.dk/app")',
      'WEB_DIST must be a directory holding the built web app\'s index.html (got "/nonexistent"; build it with npm run -w web build)',
    ]);
  });

  it('has no demo sign-in, neither in production nor with a production identity provider', async () => {
    expect(loadGatewayConfig(production()).web.devSignIn).toBe(false);
    expect(loadGatewayConfig({ JWKS_URL: 'https://idp.kommune.dk/jwks' }).web.devSignIn).toBe(false);
    const origin = new URL(federation.gateway.url).origin;
    const response = await fetch(`${origin}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"who":"cw-emp-1"}',
    });
    expect(response.status).toBe(404);
    expect((await fetch(`${origin}/dev/identities`, { headers: { accept: 'application/json' } })).status).toBe(404);
    // Nor an IDE: the app itself is served, GraphiQL is not.
    expect((await fetch(`${origin}/graphiql.html`)).status).toBe(404);
    expect((await fetch(federation.gateway.url, { headers: { accept: 'text/html' }, redirect: 'manual' })).status).not.toBe(302);
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });
});
