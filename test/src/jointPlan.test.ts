import { PERSONAS } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor, type GraphQLResult } from './federation';

const { peter, mette, jonas, lars } = PERSONAS;

/** The joint part of the plan, which belongs to no single department. */
const JOINT_PLAN = /* GraphQL */ `
  query JointPlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        joint {
          status
          coordinatingCaseworker {
            name
            department
          }
          nextJointMeeting
        }
      }
    }
  }
`;
const JOINT_PLAN_REFUSED = {
  code: 'CONSENT_REQUIRED',
  message: 'The citizen has not consented to your department taking part in a joint plan.',
  department: null,
  categories: ['PLAN'],
};

function errorsOf(result: GraphQLResult): Record<string, unknown> {
  return Object.fromEntries(
    (result.errors ?? []).map((e) => {
      const { code, department, categories } = e.extensions ?? {};
      return [(e.path ?? []).join('.'), { code, message: e.message, department, categories }];
    }),
  );
}

describe("the joint part of a citizen's one plan", () => {
  let federation: TestFederation;
  const read = async (who: string, cpr: string, query = JOINT_PLAN) =>
    graphql<any>(federation.gateway.url, query, { token: await tokenFor(who), variables: { cpr } });

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it("Anna, Peter's coordinating caseworker, sees his joint plan: his consent makes the jobcentre a party", async () => {
    const result = await read('cw-emp-1', peter.cpr);
    expect(result.errors).toBeUndefined();
    expect(result.data.citizen.plan.joint).toEqual({
      status: 'ACTIVE',
      coordinatingCaseworker: { name: 'Anna Mortensen', department: 'EMPLOYMENT' },
      nextJointMeeting: '2026-12-08T09:00:00.000Z',
    });
  });

  it('offers Anna, the coordinator, the caseworkers of the departments Peter made parties to hand over to; Bo, a party but no coordinator, nobody', async () => {
    const CANDIDATES = '{ citizen(cpr: "' + peter.cpr + '") { plan { joint { handOverCandidates { id name department } } } } }';
    const anna = await graphql<any>(federation.gateway.url, CANDIDATES, { token: await tokenFor('cw-emp-1') });
    expect(anna.errors).toBeUndefined();
    // Not Anna herself; not Clara or Dorte: Peter's consent makes neither CHILDREN nor HOUSING a party.
    expect(anna.data.citizen.plan.joint.handOverCandidates).toEqual([
      { id: 'cw-soc-1', name: 'Bo Kristensen', department: 'SOCIAL' },
    ]);
    const bo = await graphql<any>(federation.gateway.url, CANDIDATES, { token: await tokenFor('cw-soc-1') });
    expect(bo.errors).toBeUndefined();
    expect(bo.data.citizen.plan.joint.handOverCandidates).toEqual([]);
    const himself = await graphql<any>(federation.gateway.url, CANDIDATES, { token: await tokenFor(peter.cpr) });
    expect(himself.data.citizen.plan.joint.handOverCandidates).toEqual([]);
  });

  it("Bo (social) sees Lars's joint plan: an oral consent covers PLAN", async () => {
    const result = await read('cw-soc-1', lars.cpr);
    expect(result.errors).toBeUndefined();
    expect(result.data.citizen.plan.joint).toEqual({
      status: 'DRAFT',
      coordinatingCaseworker: { name: 'Bo Kristensen', department: 'SOCIAL' },
      nextJointMeeting: '2026-12-17T13:00:00.000Z',
    });
  });

  it('Clara (children) cannot see that Peter has a joint plan: the same answer as for Jonas, who has none', async () => {
    const peters = await read('cw-chi-1', peter.cpr);
    const jonass = await read('cw-chi-1', jonas.cpr);
    expect(peters.data).toEqual({ citizen: { plan: { joint: null } } });
    expect(errorsOf(peters)).toEqual({ 'citizen.plan.joint': JOINT_PLAN_REFUSED });
    expect({ data: jonass.data, errors: errorsOf(jonass) }).toEqual({ data: peters.data, errors: errorsOf(peters) });
  });

  it("Anna's caseload gets the joint plans her department is a party to, and the refusal for the rest", async () => {
    const result = await graphql<any>(
      federation.gateway.url,
      'query Caseload($cprs: [ID!]!) { citizens(cprs: $cprs) { cpr plan { joint { status } } } }',
      { token: await tokenFor('cw-emp-1'), variables: { cprs: [peter.cpr, jonas.cpr, mette.cpr] } },
    );
    expect(result.data.citizens).toEqual([
      { cpr: peter.cpr, plan: { joint: { status: 'ACTIVE' } } },
      { cpr: jonas.cpr, plan: { joint: null } },
      { cpr: mette.cpr, plan: { joint: { status: 'ACTIVE' } } },
    ]);
    expect(errorsOf(result)).toEqual({ 'citizens.1.plan.joint': JOINT_PLAN_REFUSED });
  });

  it('Peter sees his own joint plan; an auditor may not', async () => {
    expect((await read(peter.cpr, peter.cpr)).data.citizen.plan.joint.status).toBe('ACTIVE');
    const auditor = await read('auditor', peter.cpr);
    expect(auditor.data).toEqual({ citizen: { plan: null } });
    expect(errorCodesByPath(auditor)).toEqual({ 'citizen.plan': 'FORBIDDEN' });
  });

  it('after Mette withdraws her consent, Bo no longer sees her joint plan, on his very next request, but still his own section', async () => {
    const withSection =
      'query JointPlan($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { status } social { department } employment { department } } } }';
    expect((await read('cw-soc-1', mette.cpr, withSection)).data.citizen.plan).toEqual({
      joint: { status: 'ACTIVE' },
      social: { department: 'SOCIAL' },
      employment: { department: 'EMPLOYMENT' },
    });
    const withdrawal = await graphql<any>(federation.gateway.url, 'mutation { withdrawConsent(id: "CON-000002") { status } }', {
      token: await tokenFor(mette.cpr),
    });
    expect(withdrawal.data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });
    const after = await read('cw-soc-1', mette.cpr, withSection);
    // Rule 1: adult social services' own section stays; the joint part and the jobcentre's section go.
    expect(after.data).toEqual({ citizen: { plan: { joint: null, social: { department: 'SOCIAL' }, employment: null } } });
    expect(errorsOf(after)).toMatchObject({
      'citizen.plan.joint': JOINT_PLAN_REFUSED,
      'citizen.plan.employment': { code: 'CONSENT_REQUIRED', department: 'EMPLOYMENT', categories: ['PLAN'] },
    });
  });

  it("after Mette's withdrawal, Anna's list of coordinated plans no longer reveals that she has one", async () => {
    const result = await graphql<any>(
      federation.gateway.url,
      'query MyCoordinatedPlans { myCoordinatedPlans { cpr plan { joint { status } } } }',
      {
        token: await tokenFor('cw-emp-1'),
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.myCoordinatedPlans).toEqual([{ cpr: peter.cpr, plan: { joint: { status: 'ACTIVE' } } }]);
  });

  it('with the consent service stopped, the joint plan is withheld and Anna still gets her own case', async () => {
    await federation.stopSubgraph('consent');
    const ownCaseAndPlan = 'query Own($cpr: ID!) { citizen(cpr: $cpr) { employment { kind } plan { joint { status } } } }';
    const result = await read('cw-emp-1', peter.cpr, ownCaseAndPlan);
    expect(result.data).toEqual({ citizen: { employment: { kind: 'Kontanthjælp, aktivitetsparat' }, plan: { joint: null } } });
    expect(errorsOf(result)).toEqual({
      'citizen.plan.joint': {
        code: 'CONSENT_UNAVAILABLE',
        message: 'The joint plan is withheld: consent could not be checked.',
        department: null,
        categories: undefined,
      },
    });
  });

  it('records every caseworker read of a joint plan, and every refusal, in the access log (owner: the joint plan, null)', async () => {
    await federation.startSubgraph('consent'); // stopped by the test before
    await graphql(federation.gateway.url, JOINT_PLAN, {
      token: await tokenFor('cw-soc-1'),
      variables: { cpr: peter.cpr },
      operationName: 'JointPlan',
    });
    await graphql(federation.gateway.url, JOINT_PLAN, {
      token: await tokenFor('cw-hou-1'),
      variables: { cpr: peter.cpr },
      operationName: 'JointPlan',
    });
    await graphql(federation.gateway.url, JOINT_PLAN, {
      token: await tokenFor(peter.cpr),
      variables: { cpr: peter.cpr },
      operationName: 'JointPlan',
    });

    const log = await read(
      peter.cpr,
      peter.cpr,
      '{ citizen(cpr: "0101804321") { accessLog { actorId ownerDepartment categories decision consentId operationName } } }',
    );
    const jointPlanReads = log.data.citizen.accessLog.filter(
      (e: { ownerDepartment: string | null; operationName: string }) =>
        e.ownerDepartment === null && e.operationName === 'JointPlan',
    );
    expect(jointPlanReads).toEqual(
      expect.arrayContaining([
        {
          actorId: 'cw-soc-1',
          ownerDepartment: null,
          categories: ['PLAN'],
          decision: 'DISCLOSED',
          consentId: 'CON-000001',
          operationName: 'JointPlan',
        },
        {
          actorId: 'cw-hou-1',
          ownerDepartment: null,
          categories: ['PLAN'],
          decision: 'DENIED',
          consentId: null,
          operationName: 'JointPlan',
        },
      ]),
    );
    // Peter reading his own plan is no disclosure to anyone.
    expect(jointPlanReads.filter((e: { actorId: string }) => !e.actorId.startsWith('cw-'))).toEqual([]);
  });
});
