import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT, syntheticCitizens } from '@enplan/lib';
import { TestFederation, graphql, tokenFor, type GraphQLResult } from './federation';
import { amplificationBatch, deepQuery, overlongQuery, someCprs } from './abusiveRequests';

const { peter, mette, ali, sofie, jonas, lars } = PERSONAS;
const operation = (name: string) => readFileSync(join(REPO_ROOT, 'operations', `${name}.graphql`), 'utf8');

async function post(url: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  type Answer = GraphQLResult<{ citizen?: { cpr: string } }>;
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer & Answer[],
  };
}

/** Sends `count` of Bo's requests at once; for each: its status, whether the gateway closes the connection, and when it came. */
async function flood(url: string, token: string, count: number, query: string) {
  const sent = performance.now();
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      await response.arrayBuffer();
      return {
        status: response.status,
        closes: response.headers.get('connection') === 'close',
        afterMs: performance.now() - sent,
      };
    }),
  );
}

const codes = (result: GraphQLResult) => (result.errors ?? []).map((e) => e.extensions?.code);

describe('demand control: every request has a bounded price, decided before any department is asked', () => {
  let federation: TestFederation;
  let anna: string;
  beforeAll(async () => {
    // 94 synthetic citizens and the six personas: a caseload of 100.
    federation = await TestFederation.start({ syntheticCitizens: 94 });
    anna = await tokenFor('cw-emp-1');
  });
  afterAll(() => federation?.stop());

  it("refuses the 30,000-citizen request with COST_LIMIT_EXCEEDED, the estimate and the limit, and asks no one about Peter's consent", async () => {
    const decisionCalls = federation.gateway.consentClient.decisionCalls;
    const cprs = [peter.cpr, ...someCprs(99)];
    const { status, body } = await post(federation.gateway.url, anna, amplificationBatch(cprs));
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message:
            "The request's estimated cost 60000 exceeds the limit of 5000; ask for less at once (fewer citizens, aliases or batched operations).",
          extensions: { code: 'COST_LIMIT_EXCEEDED', estimate: 60_000, limit: 5_000 },
        },
      ],
    });
    expect(federation.gateway.consentClient.decisionCalls).toBe(decisionCalls);
    // Nothing was disclosed, so nothing was logged: Peter's own access log has no entry by Anna.
    const log = await graphql(federation.gateway.url, operation('MyAccessLog'), {
      token: await tokenFor(peter.cpr),
      variables: { cpr: peter.cpr },
    });
    expect(log.data?.citizen.accessLog).toEqual([]);
  });

  it('prices a GET request the same way', async () => {
    const { query, variables } = amplificationBatch(someCprs(100))[0]!;
    const url = `${federation.gateway.url}?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${anna}`, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(codes((await response.json()) as GraphQLResult)).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('answers every registered operation, at its largest frontend use, with no demand-control error', async () => {
    const caseload = [peter.cpr, mette.cpr, ali.cpr, sofie.cpr, jonas.cpr, lars.cpr, ...syntheticCitizens(94).map((c) => c.cpr)];
    const uses: Array<[string, string, Record<string, unknown>]> = [
      ['Caseload', 'cw-emp-1', { cprs: caseload }],
      ['CitizenPlan', 'cw-emp-1', { cpr: peter.cpr }],
      ['MyAccessLog', peter.cpr, { cpr: peter.cpr, first: 1000 }],
      [
        'GiveConsent',
        'cw-emp-1',
        {
          input: {
            cpr: jonas.cpr,
            validUntil: new Date(Date.now() + 180 * 86_400_000).toISOString(),
            provisions: [
              { effect: 'PERMIT', ownerDepartments: ['EMPLOYMENT'], recipientDepartments: ['SOCIAL'], categories: ['CASE'] },
            ],
            evidenceMethod: 'WRITTEN',
            documentRef: 'demand-control-test',
          },
        },
      ],
      ['WithdrawConsent', peter.cpr, { id: 'CON-000001' }],
    ];
    for (const [name, who, variables] of uses) {
      const result = await graphql(federation.gateway.url, operation(name), { token: await tokenFor(who), variables });
      const demandErrors = (result.errors ?? []).filter((e) =>
        ['COST_LIMIT_EXCEEDED', 'RATE_LIMITED', 'BAD_USER_INPUT'].includes(String(e.extensions?.code)),
      );
      expect([name, result.status, demandErrors.map((e) => e.message)]).toEqual([name, 200, []]);
      expect(result.data).toBeTruthy();
    }
  });

  it("answers the README's example and a batch of ten one-plan reads", async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const example = /\{"query": "(query CitizenPlan[^"]+)"/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const result = await graphql(federation.gateway.url, example!, { token: anna, variables: { cpr: mette.cpr } });
    expect([result.status, result.data?.citizen.plan]).toEqual([200, expect.anything()]);
    const batch = await post(
      federation.gateway.url,
      anna,
      Array.from({ length: 10 }, () => ({ query: operation('CitizenPlan'), variables: { cpr: mette.cpr } })),
    );
    expect(batch.status).toBe(200);
    expect(batch.body.map((r) => r.data?.citizen?.cpr)).toEqual(Array(10).fill(mette.cpr));
  });

  it('answers a 5,000-deep selection with a clean BAD_USER_INPUT, not a stack overflow', async () => {
    const { status, body } = await post(federation.gateway.url, anna, { query: deepQuery(5_000) });
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [{ message: 'Query nesting exceeds the limit of 48 brackets.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('refuses an 84 KB query for its length, and a token flood at the parser', async () => {
    const long = await post(federation.gateway.url, anna, { query: overlongQuery(84_000) });
    expect([long.status, long.body.errors?.[0]?.message]).toEqual([
      400,
      expect.stringMatching(/^Query length \d+ exceeds the limit of 20000 characters\.$/),
    ]);
    const tokens = await post(federation.gateway.url, anna, { query: `{${'a '.repeat(5_000)}}` });
    expect([tokens.status, tokens.body.errors?.map((e) => [e.extensions?.code, e.message])]).toEqual([
      400,
      [['GRAPHQL_PARSE_FAILED', 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.']],
    ]);
  });

  it('refuses a persisted-query hash without its text: every query pays its price', async () => {
    const { status, body } = await post(federation.gateway.url, anna, {
      extensions: {
        persistedQuery: { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' },
      },
    });
    expect([status, codes(body)]).toEqual([200, ['PERSISTED_QUERY_NOT_SUPPORTED']]);
  });
});

describe('fair shares: a flooding caseworker gets 429 while another is unaffected', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ gatewayEnv: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '5' } });
  });
  afterAll(() => federation?.stop());

  it("Bo floods with 40 requests at once: 5 pass, 35 get RATE_LIMITED with Retry-After; Anna meanwhile reads Peter's plan", async () => {
    const [bo, anna] = [await tokenFor('cw-soc-1'), await tokenFor('cw-emp-1')];
    const body = { query: '{ citizen(cpr: "0101804321") { social { kind } } }' };
    const flood = Promise.all(Array.from({ length: 40 }, () => post(federation.gateway.url, bo, body)));
    const annas = await graphql(federation.gateway.url, operation('CitizenPlan'), { token: anna, variables: { cpr: peter.cpr } });
    const answers = await flood;
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(35);
    expect(refused[0]).toEqual({
      status: 429,
      retryAfter: '1',
      body: {
        errors: [{ message: 'Too many requests; slow down.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }],
      },
    });
    expect([annas.status, annas.data?.citizen.plan.joint.status]).toEqual([200, 'ACTIVE']);
  });
});

describe('a flood of refused requests is slowed, not served at full speed', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({
      gatewayEnv: {
        RATE_LIMIT_PER_SECOND: '1',
        RATE_LIMIT_BURST: '1',
        RATE_LIMIT_REFUSAL_DELAY_MS: '400',
        MAX_HELD_REFUSALS_PER_ACTOR: '3',
        AUTH_FAILURES_PER_SECOND: '1',
        AUTH_FAILURE_BURST: '2',
      },
    });
  });
  afterAll(() => federation?.stop());

  it("Bo's 10 requests at once: 1 answered, 3 refusals held for the pause, 6 refused at once on a closed connection; Anna is answered meanwhile", async () => {
    const [bo, anna] = [await tokenFor('cw-soc-1'), await tokenFor('cw-emp-1')];
    const answers = flood(federation.gateway.url, bo, 10, '{ citizen(cpr: "0101804321") { cpr } }');
    const annas = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { cpr } }', { token: anna });
    const bos = await answers;
    expect(annas.status).toBe(200);
    expect(bos.filter((a) => a.status === 200)).toHaveLength(1);
    const held = bos.filter((a) => a.status === 429 && !a.closes);
    const atOnce = bos.filter((a) => a.status === 429 && a.closes);
    expect([held.length, atOnce.length]).toEqual([3, 6]);
    for (const refusal of held) expect(refusal.afterMs).toBeGreaterThanOrEqual(400);
  });

  it('a refusal Clara stops waiting for frees its place: her next refusal is held again', async () => {
    const clara = await tokenFor('cw-chi-1');
    const query = JSON.stringify({ query: '{ citizen(cpr: "0101804321") { cpr } }' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${clara}` };
    const [first] = await flood(federation.gateway.url, clara, 1, '{ citizen(cpr: "0101804321") { cpr } }');
    expect(first?.status).toBe(200);
    // Three refusals Clara gives up on after 100 ms: each leaves its place as the connection closes.
    const givenUp = Array.from({ length: 3 }, () =>
      fetch(federation.gateway.url, { method: 'POST', headers, body: query, signal: AbortSignal.timeout(100) }).catch(
        (error: Error) => error.name,
      ),
    );
    expect(await Promise.all(givenUp)).toEqual(['TimeoutError', 'TimeoutError', 'TimeoutError']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [next] = await flood(federation.gateway.url, clara, 1, '{ citizen(cpr: "0101804321") { cpr } }');
    expect(next).toMatchObject({ status: 429, closes: false });
    expect(next?.afterMs).toBeGreaterThanOrEqual(400);
  });

  // A junk or forged token has no actor to count, so its address is.
  it('10 requests with a forged token at once: 2 refused at once, 3 held for the pause, 5 at once on a closed connection; Dorte is answered meanwhile', async () => {
    const dorte = await tokenFor('cw-hou-1');
    const forged = `${dorte.slice(0, -4)}AAAA`;
    const answers = flood(federation.gateway.url, forged, 10, '{ citizen(cpr: "0101804321") { cpr } }');
    const dortes = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { cpr } }', { token: dorte });
    const forgeries = await answers;
    expect(dortes.status).toBe(200);
    expect(forgeries.map((a) => a.status)).toEqual(Array(10).fill(401));
    const held = forgeries.filter((a) => !a.closes && a.afterMs >= 400);
    const atOnce = forgeries.filter((a) => a.closes);
    expect([forgeries.length - held.length - atOnce.length, held.length, atOnce.length]).toEqual([2, 3, 5]);
  });
});
