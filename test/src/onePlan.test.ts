import { ASSERTION_HEADER, createAssertionSigner, GATEWAY_ISSUER, PERSONAS } from '@enplan/lib';
import { TestFederation, graphql, tokenFor } from './federation';
import { PETERS_EMPLOYMENT_SECTION } from './petersPlan';

const PETER = PERSONAS.peter.cpr;

const PETERS_PLAN_AS_ANNA = /* GraphQL */ `
  query PetersPlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      plan {
        joint {
          coordinatingCaseworker {
            id
            name
            department
          }
          status
        }
        employment {
          caseworker {
            name
          }
          goals {
            description
          }
          actions {
            title
            legalBasis
            followUpDate
          }
          nextFollowUp
        }
      }
      employment {
        kind
        status
        benefits {
          kind
          legalBasis
          monthlyAmountDkk
        }
      }
    }
  }
`;

describe('the federated citizen plan', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it("shows Anna, Peter's coordinating caseworker, his one plan and his jobcentre case through the gateway", async () => {
    const result = await graphql(federation.gateway.url, PETERS_PLAN_AS_ANNA, {
      token: await tokenFor('cw-emp-1'),
      variables: { cpr: PETER },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      citizen: {
        cpr: PETER,
        plan: {
          joint: {
            coordinatingCaseworker: { id: 'cw-emp-1', name: 'Anna Mortensen', department: 'EMPLOYMENT' },
            status: 'ACTIVE',
          },
          employment: {
            caseworker: { name: 'Anna Mortensen' },
            ...PETERS_EMPLOYMENT_SECTION,
            nextFollowUp: '2026-12-08',
          },
        },
        employment: {
          kind: 'Kontanthjælp, aktivitetsparat',
          status: 'OPEN',
          benefits: [{ kind: 'Kontanthjælp', legalBasis: 'Aktivloven § 11', monthlyAmountDkk: 13_284 }],
        },
      },
    });
  });

  it('accepts a CPR written with a dash', async () => {
    const result = await graphql(federation.gateway.url, '{ citizen(cpr: "010180-4321") { cpr } }', {
      token: await tokenFor('cw-emp-1'),
    });
    expect(result.data).toEqual({ citizen: { cpr: PETER } });
  });

  it('answers a malformed CPR with BAD_USER_INPUT', async () => {
    const result = await graphql(federation.gateway.url, '{ citizen(cpr: "3202804321") { cpr } }', {
      token: await tokenFor('cw-emp-1'),
    });
    expect(result.data).toEqual({ citizen: null });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['citizen'], 'BAD_USER_INPUT']]);
  });

  describe('identity', () => {
    it('refuses a request without a token with UNAUTHENTICATED', async () => {
      const result = await graphql(federation.gateway.url, PETERS_PLAN_AS_ANNA, { variables: { cpr: PETER } });
      expect(result.status).toBe(401);
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a token signed with another secret', async () => {
      const forged = await tokenFor('cw-emp-1', { secret: 'x'.repeat(48) });
      const result = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { cpr } }', { token: forged });
      expect(result.status).toBe(401);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses an expired token', async () => {
      const expired = await tokenFor('cw-emp-1', { ttlSeconds: -60 });
      const result = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { cpr } }', { token: expired });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('a department subgraph called directly, bypassing the gateway', () => {
    const entityQuery = {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { employment { kind } } } }',
      variables: { r: [{ __typename: 'Citizen', cpr: PETER }] },
    };
    const post = (headers: Record<string, string>) =>
      fetch(federation.subgraphs.get('employment')!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(entityQuery),
      });
    const anna = { role: 'CASEWORKER', id: 'cw-emp-1', name: 'Anna Larsen', department: 'EMPLOYMENT' } as const;

    it('gets 401 without the signed assertion', async () => {
      const response = await post({});
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Calls must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    });

    it('is answered with an assertion freshly signed with the gateway key (the gateway path works; the rest is in zeroTrust.test.ts)', async () => {
      const signer = await createAssertionSigner(federation.gatewayKeys.privateJwk, GATEWAY_ISSUER);
      const body = JSON.stringify(entityQuery);
      const assertion = await signer.sign({ audience: 'employment', method: 'POST', path: '/graphql', body, actor: anna });
      const response = await post({ [ASSERTION_HEADER]: assertion });
      expect(response.status).toBe(200);
    });
  });
});
