/**
 * Another organisation in the federation (docs/design.md rule 11): Region Hovedstadens Psykiatri runs
 * its own subgraph, a data controller apart from the municipality. Its data crosses only under a
 * consent naming it with explicit evidence, its staff see municipal data only as a party to one, and
 * it takes a call signed for it and for nobody else.
 */
import { PERSONAS } from '@enplan/lib';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { capturingProxy, forwardable, type Captured } from './capturingProxy';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';
import { RedisServer } from './redisServer';
import { REDIS_UP, healthBecomes, startAnotherGateway } from './redisTestSupport';

const { mette, peter, lars } = PERSONAS;

const COURSE = /* GraphQL */ `
  query PsychiatricCourse($cpr: ID!) {
    citizen(cpr: $cpr) {
      psychiatry {
        kind
        caseworker {
          name
          department
        }
        outpatientTreatment {
          startDate
          endDate
          responsibleUnit
          contactPerson
        }
        coordinationPlan {
          agreedActions {
            title
            legalBasis
          }
          nextNetworkMeeting
        }
        healthNotes {
          summary
          source
        }
      }
    }
  }
`;

const METTES_COURSE = {
  kind: 'Ambulant forløb',
  caseworker: { name: 'Hanne Vestergaard', department: 'PSYCHIATRY' },
  outpatientTreatment: {
    startDate: '2026-06-02',
    endDate: null,
    responsibleUnit: 'Psykiatrisk Center København, Distriktspsykiatrien Nørrebro',
    contactPerson: 'Hanne Vestergaard',
  },
  coordinationPlan: {
    agreedActions: [
      { title: 'Samtaler i Distriktspsykiatrien hver 14. dag', legalBasis: 'Sundhedsloven § 79' },
      {
        title: 'Jobcentret og psykiatrien aftaler gradvis tilbagevenden sammen',
        legalBasis: 'Sundhedsloven § 205 (sundhedsaftale)',
      },
    ],
    nextNetworkMeeting: '2026-12-15',
  },
  healthNotes: [
    {
      summary: 'Moderat depression i bedring; kan arbejde 15 timer om ugen uden nattevagter.',
      source: 'Psykiatrisk Center København, statusnotat til kommunen',
    },
  ],
};

/** The municipal data Hanne asks about: the jobcentre's case with its benefits and health notes. */
const EMPLOYMENT_CASE = /* GraphQL */ `
  query EmploymentCase($cpr: ID!) {
    citizen(cpr: $cpr) {
      employment {
        kind
        benefits {
          kind
        }
        healthNotes {
          summary
        }
      }
    }
  }
`;

const SOCIAL_CASE = 'query SocialCase($cpr: ID!) { citizen(cpr: $cpr) { social { kind } } }';

const ask = async (gateway: RunningGateway, query: string, who: string, cpr: string) =>
  graphql(gateway.url, query, { token: await tokenFor(who), variables: { cpr } });

describe("the region's psychiatry, another organisation", () => {
  let redis: RedisServer;
  let federation: TestFederation;
  let gatewayB: RunningGateway;
  let proxy: Awaited<ReturnType<typeof capturingProxy>>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    let psychiatryUrl = '';
    proxy = await capturingProxy(() => psychiatryUrl);
    // A cached decision would live for ten minutes: only the invalidation can explain a denial.
    const env = { REDIS_URL: redis.url, DECISION_CACHE_TTL_MS: '600000' };
    federation = await TestFederation.start({ gatewayEnv: { ...env, SUBGRAPH_URL_PSYCHIATRY: proxy.url } });
    psychiatryUrl = federation.subgraphs.get('psychiatry')!.url;
    gatewayB = await startAnotherGateway(federation, env);
    for (const gateway of [federation.gateway, gatewayB]) expect((await healthBecomes(gateway, REDIS_UP)).body).toEqual(REDIS_UP);
  });
  afterAll(async () => {
    proxy?.server.close();
    await gatewayB?.stop();
    await federation?.stop();
    await redis?.stop();
  });

  it("Hanne (reg-psy-1) sees Mette's course at the region: her own organisation's data, without asking anyone", async () => {
    const result = await ask(federation.gateway, COURSE, 'reg-psy-1', mette.cpr);
    expect(result).toEqual({ status: 200, data: { citizen: { psychiatry: METTES_COURSE } } });
  });

  it("Anna sees Mette's outpatient course, coordination plan and health summary under Mette's MitID consent naming the region", async () => {
    const result = await ask(federation.gateway, COURSE, 'cw-emp-1', mette.cpr);
    expect(result).toEqual({ status: 200, data: { citizen: { psychiatry: METTES_COURSE } } });
  });

  it("Hanne sees Mette's jobcentre case and health notes as a party to her consent, not her benefits (not covered)", async () => {
    const result = await ask(federation.gateway, EMPLOYMENT_CASE, 'reg-psy-1', mette.cpr);
    expect(result.data).toEqual({
      citizen: {
        employment: {
          kind: 'Jobafklaringsforløb',
          benefits: null,
          healthNotes: [{ summary: expect.any(String) }],
        },
      },
    });
    expect(errorCodesByPath(result)).toEqual({ 'citizen.employment.benefits': 'CONSENT_REQUIRED' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ department: 'EMPLOYMENT', categories: ['BENEFITS'] });
  });

  it("Hanne learns nothing of Peter's, who never named the region, and Anna's answer about Peter's psychiatry names no course", async () => {
    const hanne = await ask(federation.gateway, EMPLOYMENT_CASE, 'reg-psy-1', peter.cpr);
    expect(hanne.data).toEqual({ citizen: { employment: null } });
    expect(errorCodesByPath(hanne)).toEqual({ 'citizen.employment': 'CONSENT_REQUIRED' });
    const anna = await ask(federation.gateway, COURSE, 'cw-emp-1', peter.cpr);
    expect(anna.data).toEqual({ citizen: { psychiatry: null } });
    expect(anna.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.department])).toEqual([
      ['citizen.psychiatry', 'CONSENT_REQUIRED', 'PSYCHIATRY'],
    ]);
  });

  it("the region gives its health advice in Mette's shared assessment: Anna and Bo read it under her consent, Dorte (CASE and PLAN only) does not, Clara is no party", async () => {
    const ASSESSMENT = `query Assessment($cpr: ID!) { citizen(cpr: $cpr) { plan { assessment {
      version entries { lifeArea text authorName authorDepartment } } } } }`;
    const WRITE = `mutation Write($cpr: ID!, $v: Int!, $area: LifeArea!, $text: String!) {
      writeAssessment(cpr: $cpr, expectedVersion: $v, lifeArea: $area, text: $text) { version } }`;
    const assessment = (who: string) => ask(federation.gateway, ASSESSMENT, who, mette.cpr);
    const version = (await assessment('reg-psy-1')).data?.citizen?.plan?.assessment?.version ?? 0;
    const advice = 'Sundhedsfaglig rådgivning: stabil i ambulant behandling; kan arbejde 10 timer om ugen.';
    const written = await graphql(federation.gateway.url, WRITE, {
      token: await tokenFor('reg-psy-1'),
      variables: { cpr: mette.cpr, v: version, area: 'HEALTH', text: advice },
    });
    expect(written).toEqual({ status: 200, data: { writeAssessment: { version: version + 1 } } });
    const hannesPart = { lifeArea: 'HEALTH', text: advice, authorName: 'Hanne Vestergaard', authorDepartment: 'PSYCHIATRY' };
    for (const who of ['cw-emp-1', 'cw-soc-1', mette.cpr]) {
      expect((await assessment(who)).data?.citizen?.plan?.assessment?.entries).toContainEqual(hannesPart);
    }
    expect((await assessment('cw-hou-1')).data?.citizen?.plan?.assessment?.entries).not.toContainEqual(hannesPart);
    const clara = await assessment('cw-chi-1');
    expect(clara.data).toEqual({ citizen: { plan: { assessment: null } } });
    expect(errorCodesByPath(clara)).toEqual({ 'citizen.plan.assessment': 'CONSENT_REQUIRED' });
  });

  it('an ORAL consent never makes the region a party; a WRITTEN one does (sundhedsloven § 43)', async () => {
    const bo = await tokenFor('cw-soc-1');
    const give = (method: string) =>
      graphql(
        federation.gateway.url,
        `mutation { giveConsent(input: { cpr: "${lars.cpr}", validUntil: "${new Date(Date.now() + 30 * 86_400_000).toISOString()}",
            evidenceMethod: ${method}, documentRef: "ESDH-2026-0043",
            provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [PSYCHIATRY], categories: [CASE] }] })
          { status evidence { method } } }`,
        { token: bo },
      );
    expect((await give('ORAL')).data).toEqual({ giveConsent: { status: 'ACTIVE', evidence: { method: 'ORAL' } } });
    const underOral = await ask(federation.gateway, SOCIAL_CASE, 'reg-psy-1', lars.cpr);
    expect(underOral.data).toEqual({ citizen: { social: null } });
    expect(errorCodesByPath(underOral)).toEqual({ 'citizen.social': 'CONSENT_REQUIRED' });

    expect((await give('WRITTEN')).data).toEqual({ giveConsent: { status: 'ACTIVE', evidence: { method: 'WRITTEN' } } });
    const underWritten = await ask(federation.gateway, SOCIAL_CASE, 'reg-psy-1', lars.cpr);
    expect(underWritten).toEqual({ status: 200, data: { citizen: { social: { kind: expect.any(String) } } } });
  });

  describe('a call the gateway signed for the region', () => {
    let call: Captured;
    beforeAll(async () => {
      proxy.captured.length = 0;
      expect((await ask(federation.gateway, COURSE, 'cw-emp-1', mette.cpr)).data).toEqual({
        citizen: { psychiatry: METTES_COURSE },
      });
      call = proxy.captured.find((c) => c.body.includes('_entities'))!;
      expect(call).toBeDefined();
    });
    const post = (name: string) =>
      fetch(federation.subgraphs.get(name)!.url, { method: 'POST', headers: forwardable(call.headers), body: call.body });
    const REFUSED = { errors: [{ message: 'Calls must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] };

    it('replayed to SOCIAL gets nothing: another audience', async () => {
      const response = await post('social');
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 401, body: REFUSED });
    });

    it('replayed to the region itself gets nothing: used once', async () => {
      const response = await post('psychiatry');
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 401, body: REFUSED });
    });

    it('without its assertion gets nothing either', async () => {
      const response = await fetch(federation.subgraphs.get('psychiatry')!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: call.body,
      });
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 401, body: REFUSED });
    });
  });

  it("Mette's withdrawal through gateway A removes the region's view on gateway B's very next request; Anna's answer then reads exactly as for Peter", async () => {
    expect((await ask(gatewayB, EMPLOYMENT_CASE, 'reg-psy-1', mette.cpr)).data?.citizen.employment.kind).toBe(
      'Jobafklaringsforløb',
    );
    const withdrawal = await graphql(federation.gateway.url, 'mutation { withdrawConsent(id: "CON-000002") { status } }', {
      token: await tokenFor(mette.cpr),
    });
    expect(withdrawal.data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });

    const hanne = await ask(gatewayB, EMPLOYMENT_CASE, 'reg-psy-1', mette.cpr);
    expect(hanne.data).toEqual({ citizen: { employment: null } });
    expect(errorCodesByPath(hanne)).toEqual({ 'citizen.employment': 'CONSENT_REQUIRED' });

    // Rule 6: the course exists, and nothing in the answer says so.
    const aboutMette = await ask(gatewayB, COURSE, 'cw-emp-1', mette.cpr);
    const aboutPeter = await ask(gatewayB, COURSE, 'cw-emp-1', peter.cpr);
    expect(JSON.stringify(aboutMette)).toBe(JSON.stringify(aboutPeter));
  });
});
