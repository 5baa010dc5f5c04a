import {
  ASSERTION_HEADER,
  createAssertionSigner,
  createLogger,
  demoCaseworkers,
  departmentOf,
  devKeyFiles,
  FINDING_FIELD,
  gatewayKeyOfSubgraph,
  loadRegistry,
  loadSubgraphTypeDefs,
  registeredSubgraphs,
  GATEWAY_ISSUER,
  PERSONAS,
  readPrivateJwk,
  type Actor,
  type FetchCoverage,
  type JWK,
  writeSigningKeyPair,
} from '@enplan/lib';
import { capturingProxy, forwardable, type Captured } from './capturingProxy';
import { Kind } from 'graphql';
import { TestFederation, graphql, tokenFor, type SubgraphName } from './federation';

loadRegistry();
/** Every department of federation.json, hand-written or built by the kit: each gets the same attacks. */
const DEPARTMENTS = registeredSubgraphs().flatMap((s) => (s.kind === 'department' ? [s.name] : []));

/** A department's own field on `Citizen` (e.g. `family` for children), read from its schema. */
function citizenFieldOf(name: string): string {
  const fields = loadSubgraphTypeDefs(name).definitions.flatMap((d) =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Citizen' ? (d.fields ?? []).map((f) => f.name.value) : [],
  );
  return fields.find((f) => f !== 'cpr' && f !== FINDING_FIELD)!;
}

const PETER = PERSONAS.peter.cpr;
const JONAS = PERSONAS.jonas.cpr;
const METTE = PERSONAS.mette.cpr;
/** Whose case each department's own caseworker reads: Peter's, or at the region's psychiatry Mette's (its only course). */
const OWN_CASE = DEPARTMENTS.map((name) => {
  const { name: citizenName, cpr } = name === 'psychiatry' ? PERSONAS.mette : PERSONAS.peter;
  return [name, citizenName.split(' ')[0]!, cpr] as const;
});
const ANNA: Actor = { role: 'CASEWORKER', id: 'cw-emp-1', name: 'Anna Larsen', department: 'EMPLOYMENT' };

/** Peter's social case as Anna reads it: his written consent covers CASE between EMPLOYMENT and SOCIAL. */
const READ_SOCIAL_CASE = 'query ReadSocialCase($cpr: ID!) { citizen(cpr: $cpr) { social { kind } } }';

const valueOf = (data: unknown, field: string) => (data as { citizen: Record<string, unknown> } | null)?.citizen[field];

describe('zero trust between the gateway and the departments', () => {
  let federation: TestFederation;
  /** A capturing proxy in front of every department; the gateway calls each through its own. */
  const proxies = new Map<SubgraphName, Awaited<ReturnType<typeof capturingProxy>>>();
  let proxy: Awaited<ReturnType<typeof capturingProxy>>;
  const logs = new Map<SubgraphName, string[]>();
  /** The subgraph's warnings and errors: why it refused (its per-request debug lines left out). */
  const logOf = (name: SubgraphName) => (logs.get(name) ?? []).filter((line) => !line.includes('"level":"debug"'));
  const post = (name: SubgraphName, headers: Record<string, string>, body: string) =>
    fetch(federation.subgraphs.get(name)!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  /** A call signed with the gateway's real key: what a thief of the gateway's key (and only that) could do. */
  const signAsGateway = async (audience: string, body: string, coverage?: FetchCoverage, now?: () => number) => {
    const signer = await createAssertionSigner(federation.gatewayKeys.privateJwk, GATEWAY_ISSUER, now && { now });
    return signer.sign({ audience, method: 'POST', path: '/graphql', body, actor: ANNA, ...(coverage && { coverage }) });
  };
  const entities = (cpr: string, selection: string) =>
    JSON.stringify({
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { ${selection} } } }`,
      variables: { representations: [{ __typename: 'Citizen', cpr }] },
    });

  beforeAll(async () => {
    for (const name of DEPARTMENTS) proxies.set(name, await capturingProxy(() => federation.subgraphs.get(name)!.url));
    proxy = proxies.get('social')!;
    federation = await TestFederation.start({
      gatewayEnv: Object.fromEntries([...proxies].map(([name, p]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, p.url])),
      subgraphLogger: (name) => {
        logs.set(name, []);
        return createLogger(`subgraph-${name}`, 'debug', (line) => logs.get(name)?.push(line));
      },
    });
  });
  afterAll(async () => {
    for (const p of proxies.values()) p.server.close();
    await federation.stop();
  });

  describe('a captured gateway→social call', () => {
    let call: Captured;
    beforeAll(async () => {
      const result = await graphql(federation.gateway.url, READ_SOCIAL_CASE, {
        token: await tokenFor('cw-emp-1'),
        variables: { cpr: PETER },
      });
      expect(result.data).toEqual({ citizen: { social: { kind: 'Socialpædagogisk støtte' } } });
      call = proxy.captured.find((c) => c.body.includes('_entities'))!;
      expect(call.headers[ASSERTION_HEADER]).toEqual(expect.any(String));
    });

    it('is recorded by the social department with the consent that covered it', () => {
      const log = federation.subgraphs.get('social')!.disclosureLog!.forCitizen(PETER);
      expect(
        log.map(({ actorId, actorDepartment, typename, categories, consentId }) => ({
          actorId,
          actorDepartment,
          typename,
          categories,
          consentId,
        })),
      ).toEqual([
        {
          actorId: 'cw-emp-1',
          actorDepartment: 'EMPLOYMENT',
          typename: 'Citizen',
          categories: ['CASE'],
          consentId: 'CON-000001',
        },
      ]);
    });

    it('replayed unchanged → 401, "replayed" in the log', async () => {
      const response = await post('social', forwardable(call.headers), call.body);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Calls must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect(logOf('social').at(-1)).toContain('"reason":"replayed assertion (jti seen before)"');
    });

    it('its header with another body (asking for § 101 treatment) → 401, "another body"', async () => {
      const body = call.body.replace('kind\\n', 'kind substanceAbuseTreatment { title }\\n');
      expect(body).not.toBe(call.body);
      expect((await post('social', forwardable(call.headers), body)).status).toBe(401);
      expect(logOf('social').at(-1)).toContain('"reason":"assertion is for another body"');
    });

    it('its header sent to another subgraph → 401, "aud" refused', async () => {
      expect((await post('children', forwardable(call.headers), call.body)).status).toBe(401);
      expect(logOf('children').at(-1)).toContain('"reason":"assertion claim \\"aud\\" refused"');
    });
  });

  describe.each(OWN_CASE)("a captured gateway→%s call, its own caseworker reading %s's case", (name, _citizen, cpr) => {
    let call: Captured;
    beforeAll(async () => {
      const caseworker = demoCaseworkers().find((c) => c.department === departmentOf(name))!;
      const field = citizenFieldOf(name);
      const result = await graphql(
        federation.gateway.url,
        `query Own($cpr: ID!) { citizen(cpr: $cpr) { ${field} { __typename } } }`,
        {
          token: await tokenFor(caseworker.id),
          variables: { cpr },
        },
      );
      expect(result.errors).toBeUndefined();
      expect(valueOf(result.data, field)).toEqual({ __typename: expect.any(String) });
      call = proxies.get(name)!.captured.find((c) => c.body.includes('_entities'))!;
    });

    it('replayed unchanged → 401, "replayed"', async () => {
      expect((await post(name, forwardable(call.headers), call.body)).status).toBe(401);
      expect(logOf(name).at(-1)).toContain('"reason":"replayed assertion (jti seen before)"');
    });

    it('its header with another body → 401, "another body"', async () => {
      expect((await post(name, forwardable(call.headers), call.body.replace('__typename', '__typename cpr'))).status).toBe(401);
      expect(logOf(name).at(-1)).toContain('"reason":"assertion is for another body"');
    });

    it('its header sent to another department → 401: "aud" refused, or (across organisations) the key unknown', async () => {
      const other = DEPARTMENTS.find((d) => d !== name)!;
      const sameKey = gatewayKeyOfSubgraph(other).name === gatewayKeyOfSubgraph(name).name;
      expect((await post(other, forwardable(call.headers), call.body)).status).toBe(401);
      expect(logOf(other).at(-1)).toContain(
        sameKey ? '"reason":"assertion claim \\"aud\\" refused"' : '"reason":"unknown key id (kid)"',
      );
    });
  });

  describe("the region's own key (rule 11): the gateway signs calls to the region's psychiatry with a key only the region trusts", () => {
    const HANNE: Actor = { role: 'CASEWORKER', id: 'reg-psy-1', name: 'Hanne Vestergaard', department: 'PSYCHIATRY' };
    const regionKey = () => federation.gatewayKeyPairs.byOrganisation.get('REGION_HOVEDSTADEN')!.privateJwk;
    const municipalKey = () => federation.gatewayKeys.privateJwk;
    const signWith = async (jwk: JWK, audience: string, body: string, actor: Actor) =>
      (await createAssertionSigner(jwk, GATEWAY_ISSUER)).sign({ audience, method: 'POST', path: '/graphql', body, actor });
    const metteAtTheRegion = entities(METTE, `${citizenFieldOf('psychiatry')} { __typename }`);

    it('the gateway holds a key for the region that is not its municipal key', () => {
      expect(federation.gatewayConfig.organisationSigningKeys).toEqual({ REGION_HOVEDSTADEN: regionKey() });
      expect(regionKey().kid).not.toBe(municipalKey().kid);
      expect(regionKey().x).not.toBe(municipalKey().x);
    });

    it('a call the gateway signed for the region, replayed to SOCIAL → 401: social does not know the key', async () => {
      const captured = proxies.get('psychiatry')!.captured.find((c) => c.body.includes('_entities'))!;
      expect((await post('social', forwardable(captured.headers), captured.body)).status).toBe(401);
      expect(logOf('social').at(-1)).toContain('"reason":"unknown key id (kid)"');
    });

    it('a fresh call to SOCIAL signed with the region key → 401; under the municipal key id → 401, "bad signature"', async () => {
      const body = entities(PETER, 'social { kind }');
      expect((await post('social', { [ASSERTION_HEADER]: await signWith(regionKey(), 'social', body, ANNA) }, body)).status).toBe(
        401,
      );
      expect(logOf('social').at(-1)).toContain('"reason":"unknown key id (kid)"');
      const forged = { ...regionKey(), kid: municipalKey().kid };
      expect((await post('social', { [ASSERTION_HEADER]: await signWith(forged, 'social', body, ANNA) }, body)).status).toBe(401);
      expect(logOf('social').at(-1)).toContain('"reason":"bad signature"');
    });

    it('a call to the region signed with the municipality\'s key → 401; under the region\'s key id → 401, "bad signature"', async () => {
      const body = metteAtTheRegion;
      const municipal = await signWith(municipalKey(), 'psychiatry', body, HANNE);
      expect((await post('psychiatry', { [ASSERTION_HEADER]: municipal }, body)).status).toBe(401);
      expect(logOf('psychiatry').at(-1)).toContain('"reason":"unknown key id (kid)"');
      const forged = { ...municipalKey(), kid: regionKey().kid };
      expect(
        (await post('psychiatry', { [ASSERTION_HEADER]: await signWith(forged, 'psychiatry', body, HANNE) }, body)).status,
      ).toBe(401);
      expect(logOf('psychiatry').at(-1)).toContain('"reason":"bad signature"');
    });

    it("while the region's key is accepted at the region: Hanne's own course of Mette's → 200", async () => {
      const response = await post(
        'psychiatry',
        { [ASSERTION_HEADER]: await signWith(regionKey(), 'psychiatry', metteAtTheRegion, HANNE) },
        metteAtTheRegion,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        data: { _entities: [{ [citizenFieldOf('psychiatry')]: { __typename: expect.any(String) } }] },
      });
    });
  });

  it('an assertion past its expiry → 401, "expired"', async () => {
    const body = entities(PETER, 'social { kind }');
    const expired = await signAsGateway('social', body, undefined, () => Date.now() - 60_000);
    expect((await post('social', { [ASSERTION_HEADER]: expired }, body)).status).toBe(401);
    expect(logOf('social').at(-1)).toContain('"reason":"assertion expired"');
  });

  it('an assertion under a key id the subgraph does not trust → 401, "unknown key id"', async () => {
    const other = await writeSigningKeyPair(federation.dataDir, 'other', 'test-gateway-2');
    const body = entities(PETER, 'social { kind }');
    const signer = await createAssertionSigner(other.privateJwk, GATEWAY_ISSUER);
    const header = await signer.sign({ audience: 'social', method: 'POST', path: '/graphql', body, actor: ANNA });
    expect((await post('social', { [ASSERTION_HEADER]: header }, body)).status).toBe(401);
    expect(logOf('social').at(-1)).toContain('"reason":"unknown key id (kid)"');
  });

  it("the plan subgraph's key speaks for nobody else, and as itself (the candidate finder) gets no case data", async () => {
    const body = entities(PETER, 'social { kind }');
    const planKey = readPrivateJwk(devKeyFiles('plan').privateJwk);
    const finder: Actor = { role: 'SERVICE', id: 'enplan-plan', name: 'enplan-plan' };
    for (const [issuer, actor, status, reason] of [
      ['enplan-plan', ANNA, 401, 'issuer enplan-plan may only act as itself'],
      [GATEWAY_ISSUER, ANNA, 401, 'unknown key id (kid)'],
      ['enplan-plan', finder, 403, 'this role sees no other citizen'],
    ] as const) {
      const header = await (
        await createAssertionSigner(planKey, issuer)
      ).sign({ audience: 'social', method: 'POST', path: '/graphql', body, actor });
      expect((await post('social', { [ASSERTION_HEADER]: header }, body)).status).toBe(status);
      expect(logOf('social').at(-1)).toContain(reason);
    }
  });

  describe('a validly signed call the assertion does not cover is refused by the department itself', () => {
    const PETERS_CASE = new Map([[PETER, { categories: ['CASE' as const], consentId: 'CON-000001' }]]);

    it('another citizen (Jonas, no consent) → 403', async () => {
      const body = entities(JONAS, 'social { kind }');
      const response = await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body, PETERS_CASE) }, body);
      expect(response.status).toBe(403);
      expect(
        ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code),
      ).toEqual(['FORBIDDEN']);
      expect(logOf('social').at(-1)).toContain('"reason":"representation 0: no consent for this citizen in the assertion"');
    });

    it("a field of a category the consent does not cover (Peter's § 101 treatment) → 403", async () => {
      const body = entities(PETER, 'social { kind substanceAbuseTreatment { title } }');
      expect((await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body, PETERS_CASE) }, body)).status).toBe(
        403,
      );
      expect(logOf('social').at(-1)).toContain('"reason":"representation 0: consent does not cover SUBSTANCE_ABUSE, PLAN"');
    });

    it('Jonas hidden in the second `_entities` of a batched call → 403 for the whole call, Peter included', async () => {
      const body = JSON.stringify({
        query: `query($e0: [_Any!]!, $e1: [_Any!]!) {
          e0: _entities(representations: $e0) { ... on Citizen { social { kind } } }
          e1: _entities(representations: $e1) { ... on Citizen { social { kind } } } }`,
        variables: { e0: [{ __typename: 'Citizen', cpr: PETER }], e1: [{ __typename: 'Citizen', cpr: JONAS }] },
      });
      const response = await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body, PETERS_CASE) }, body);
      expect(response.status).toBe(403);
      expect(JSON.stringify(await response.json())).not.toContain('Socialpædagogisk');
      expect(logOf('social').at(-1)).toContain('"reason":"representation 0 of e1: no consent for this citizen in the assertion"');
    });

    it('no coverage at all (an HMAC-era caller) → 403', async () => {
      const body = entities(PETER, 'social { kind }');
      expect((await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body) }, body)).status).toBe(403);
    });

    it('a root field of another department → 403', async () => {
      const body = JSON.stringify({ query: '{ _entities(representations: []) { __typename } __typename }' });
      expect((await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body) }, body)).status).toBe(403);
    });

    it('while exactly what it covers is answered, and the gateway path keeps working', async () => {
      const body = entities(PETER, 'social { kind }');
      const response = await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body, PETERS_CASE) }, body);
      expect(response.status).toBe(200);
      const result = await graphql(federation.gateway.url, READ_SOCIAL_CASE, {
        token: await tokenFor('cw-emp-1'),
        variables: { cpr: PETER },
      });
      expect(result.data).toEqual({ citizen: { social: { kind: 'Socialpædagogisk støtte' } } });
    });
  });

  it('malformed JSON from a signed caller → 400 JSON error; no CPR and no stack in any log line', async () => {
    const body = `{"query": "{ _entities }", "variables": {"representations": [{"cpr": "${PETER}"`;
    const response = await post('social', { [ASSERTION_HEADER]: await signAsGateway('social', body) }, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const all = [...logs.values()].flat();
    expect(all.length).toBeGreaterThan(0);
    expect(
      all.filter((line) => line.includes(PETER) || line.includes(JONAS) || /\n\s+at /.test(line) || line.includes('.ts:')),
    ).toEqual([]);
  });
});
