import {
  ASSERTION_HEADER,
  CASEWORKERS,
  createAssertionSigner,
  devKeyFiles,
  GATEWAY_ISSUER,
  INBOX_API_PATH,
  INBOX_SENDER,
  PERSONAS,
  readPrivateJwk,
  type Actor,
  type JWK,
} from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor, type GraphQLResult } from './federation';
import { PostgresServer } from './postgresServer';
import { startDigitalPost, type DigitalPostReceiver } from './digitalPostReceiver';

const { peter, jonas, sofie } = PERSONAS;

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const codes = (result: GraphQLResult) => (result.errors ?? []).map((e) => e.extensions?.code);
/** History entries with their facts read from JSON (the order of keys in the JSON is no promise). */
const withFacts = (history: Array<{ factsJson: string | null }>) =>
  history.map(({ factsJson, ...entry }) => ({ ...entry, facts: factsJson === null ? null : (JSON.parse(factsJson) as unknown) }));

/** The plan store on its embedded SQLite file, and on PostgreSQL (`DATABASE_URL`), serves the same story. */
const PLAN_STORES = ['SQLite', 'PostgreSQL'] as const;
const STORY = 'the one plan, made together (plan store on %s): Jonas asks, the departments answer, and he keeps control';

describe.each(PLAN_STORES)(STORY, (planStore) => {
  let postgres: PostgresServer | undefined;
  let federation: TestFederation;
  let digitalPost: DigitalPostReceiver;
  const as = async (who: string, query: string, variables: Record<string, unknown> = {}) =>
    graphql<any>(federation.gateway.url, query, { token: await tokenFor(who), variables });

  const REQUESTS = 'query PlanRequestsForMyDepartment { planRequestsForMyDepartment { id citizenCpr } }';
  const JOINT = `query MyOnePlan($cpr: ID!) { citizen(cpr: $cpr) { plan { joint {
    version status coordinatingCaseworker { id } citizenGoals { text }
    agreements { what responsibleDepartment dueDate actionRef { department actionId } }
    meetings { place participants bisidder } nextJointMeeting nextFollowUp
    history { version actorName actorDepartment kind factsJson summary } } social { department } } } }`;
  const ADD_AGREEMENT = `mutation AddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {
    addAgreement(cpr: $cpr, expectedVersion: $expectedVersion, agreement: $agreement) { version } }`;
  const SET_GOALS = `mutation SetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {
    setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) { version citizenGoals { text } } }`;
  const FOLLOW_UP = `mutation SetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {
    setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) { version nextFollowUp } }`;
  const INBOX = 'query MyInbox($cpr: ID!) { citizen(cpr: $cpr) { inbox { id kind subject body consentId receiptJson } } }';
  const agreement = {
    what: 'Bo finder et botilbud, så Jonas kan passe en praktik.',
    responsibleDepartment: 'SOCIAL',
    dueDate: '2027-01-15',
    actionRef: { department: 'SOCIAL', actionId: 'SOC-000004-A1' },
  };

  beforeAll(async () => {
    digitalPost = await startDigitalPost({ failFirst: 2 });
    postgres = planStore === 'PostgreSQL' ? await PostgresServer.start() : undefined;
    const planDatabaseUrl = await postgres?.createDatabase('plan');
    federation = await TestFederation.start({ digitalPostUrl: digitalPost.url, ...(planDatabaseUrl && { planDatabaseUrl }) });
  });
  afterAll(async () => {
    await federation.stop();
    await postgres?.stop();
    digitalPost.server.close();
  });

  let requestId: string;
  let consentId: string;

  it('Jonas asks for one plan naming EMPLOYMENT and SOCIAL; only those departments see that he asked', async () => {
    const asked = await as(
      jonas.cpr,
      'mutation RequestOnePlan($d: [Department!]!) { requestOnePlan(departments: $d) { id status departments } }',
      {
        d: ['EMPLOYMENT', 'SOCIAL'],
      },
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data.requestOnePlan).toMatchObject({ status: 'PENDING', departments: ['EMPLOYMENT', 'SOCIAL'] });
    requestId = asked.data.requestOnePlan.id;
    const again = await as(jonas.cpr, 'mutation { requestOnePlan(departments: [CHILDREN]) { id } }');
    expect(again.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'You already have a request for one plan waiting for an answer.'],
    ]);

    expect((await as('cw-emp-1', REQUESTS)).data.planRequestsForMyDepartment).toEqual([{ id: requestId, citizenCpr: jonas.cpr }]);
    expect((await as('cw-soc-1', REQUESTS)).data.planRequestsForMyDepartment).toEqual([{ id: requestId, citizenCpr: jonas.cpr }]);
    expect((await as('cw-chi-1', REQUESTS)).data.planRequestsForMyDepartment).toEqual([]);
  });

  it('Clara (not named) cannot answer it; Anna cannot accept it before Jonas has consented', async () => {
    const ANSWER = 'mutation AnswerPlanRequest($id: ID!) { answerPlanRequest(id: $id, accept: true) { status } }';
    const clara = await as('cw-chi-1', ANSWER, { id: requestId });
    expect(clara.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'No open request with that id for your department.'],
    ]);
    const beforeConsent = await as('cw-emp-1', ANSWER, { id: requestId });
    expect(codes(beforeConsent)).toEqual(['CONSENT_REQUIRED']);
    expect(
      (
        await as(jonas.cpr, 'query MyPlanRequests($cpr: ID!) { citizen(cpr: $cpr) { planRequests { status } } }', {
          cpr: jonas.cpr,
        })
      ).data.citizen.planRequests,
    ).toEqual([{ status: 'PENDING' }]);
  });

  it("Anna records Jonas's written consent and accepts the request: the plan is made, with her as coordinator", async () => {
    const given = await as(
      'cw-emp-1',
      'mutation GiveConsent($input: GiveConsentInput!) { giveConsent(input: $input) { id status } }',
      {
        input: {
          cpr: jonas.cpr,
          validUntil: new Date(Date.now() + 180 * 86_400_000).toISOString(),
          evidenceMethod: 'WRITTEN',
          documentRef: 'ESDH-2026-JONAS-SAMTYKKE',
          provisions: [
            {
              effect: 'PERMIT',
              ownerDepartments: ['EMPLOYMENT', 'SOCIAL'],
              recipientDepartments: ['EMPLOYMENT', 'SOCIAL'],
              categories: ['CASE', 'PLAN'],
            },
          ],
        },
      },
    );
    expect(given.data.giveConsent.status).toBe('ACTIVE');
    consentId = given.data.giveConsent.id;

    const accepted = await as(
      'cw-emp-1',
      'mutation AnswerPlanRequest($id: ID!) { answerPlanRequest(id: $id, accept: true) { status declineReason } }',
      { id: requestId },
    );
    expect(accepted.data.answerPlanRequest).toEqual({ status: 'ACCEPTED', declineReason: null });
    expect((await as('cw-soc-1', REQUESTS)).data.planRequestsForMyDepartment).toEqual([]);

    const plan = (await as('cw-emp-1', JOINT, { cpr: jonas.cpr })).data.citizen.plan.joint;
    expect(plan).toMatchObject({
      version: 1,
      status: 'DRAFT',
      coordinatingCaseworker: { id: 'cw-emp-1' },
      citizenGoals: [],
      agreements: [],
    });
  });

  it('Bo adds an agreement referring to his own action by id, and schedules one joint meeting', async () => {
    const added = await as('cw-soc-1', ADD_AGREEMENT, { cpr: jonas.cpr, expectedVersion: 1, agreement });
    expect(added.data).toEqual({ addAgreement: { version: 2 } });
    const scheduled = await as(
      'cw-soc-1',
      `mutation ScheduleJointMeeting($cpr: ID!, $v: Int!, $m: JointMeetingInput!) { scheduleJointMeeting(cpr: $cpr, expectedVersion: $v, meeting: $m) { version nextJointMeeting } }`,
      {
        cpr: jonas.cpr,
        v: 2,
        m: {
          at: '2026-12-15T10:00:00+01:00',
          place: 'Jobcentret, mødelokale 3',
          participants: ['EMPLOYMENT', 'SOCIAL'],
          bisidder: 'Maja Berg (søster)',
        },
      },
    );
    expect(scheduled.data).toEqual({ scheduleJointMeeting: { version: 3, nextJointMeeting: '2026-12-15T09:00:00.000Z' } });
  });

  it('Jonas writes his goal in his own words, agrees to the plan, and reads who changed what', async () => {
    const goals = await as(jonas.cpr, SET_GOALS, {
      cpr: jonas.cpr,
      expectedVersion: 3,
      goals: ['Jeg vil være tømrerlærling til sommer.'],
    });
    expect(goals.data.setCitizenGoals).toEqual({
      version: 4,
      citizenGoals: [{ text: 'Jeg vil være tømrerlærling til sommer.' }],
    });
    const agreed = await as(
      jonas.cpr,
      'mutation ActivateOnePlan($cpr: ID!, $v: Int!) { activateOnePlan(cpr: $cpr, expectedVersion: $v) { version status } }',
      {
        cpr: jonas.cpr,
        v: 4,
      },
    );
    expect(agreed.data.activateOnePlan).toEqual({ version: 5, status: 'ACTIVE' });

    const mine = await as(jonas.cpr, JOINT, { cpr: jonas.cpr });
    expect(mine.errors).toBeUndefined();
    expect(mine.data.citizen.plan.joint).toMatchObject({
      agreements: [agreement],
      meetings: [{ place: 'Jobcentret, mødelokale 3', participants: ['EMPLOYMENT', 'SOCIAL'], bisidder: 'Maja Berg (søster)' }],
    });
    // Each change as a kind and its facts, for the reader's language; the English summary still answers older clients.
    expect(withFacts(mine.data.citizen.plan.joint.history)).toEqual([
      {
        version: 5,
        actorName: 'Jonas Berg',
        actorDepartment: null,
        kind: 'PLAN_ACTIVATED',
        facts: {},
        summary: 'The citizen agreed to the plan: ACTIVE.',
      },
      {
        version: 4,
        actorName: 'Jonas Berg',
        actorDepartment: null,
        kind: 'GOALS_SET',
        facts: { count: '1' },
        summary: "The citizen's goals were set (1).",
      },
      {
        version: 3,
        actorName: 'Bo Kristensen',
        actorDepartment: 'SOCIAL',
        kind: 'MEETING_SCHEDULED',
        facts: { at: '2026-12-15T09:00:00.000Z', place: 'Jobcentret, mødelokale 3' },
        summary: 'Joint meeting scheduled for 2026-12-15T09:00:00.000Z at Jobcentret, mødelokale 3.',
      },
      {
        version: 2,
        actorName: 'Bo Kristensen',
        actorDepartment: 'SOCIAL',
        kind: 'AGREEMENT_ADDED',
        facts: { department: 'SOCIAL', what: agreement.what },
        summary: `Agreement added for SOCIAL: ${agreement.what}`,
      },
      {
        version: 1,
        actorName: 'Anna Mortensen',
        actorDepartment: 'EMPLOYMENT',
        kind: 'PLAN_CREATED',
        facts: { coordinator: 'Anna Mortensen', department: 'EMPLOYMENT' },
        summary: 'The plan was made (DRAFT), coordinated by Anna Mortensen (EMPLOYMENT).',
      },
    ]);
  });

  it('of two edits based on the same version, one is saved and the other gets CONFLICT', async () => {
    const [anna, bo] = await Promise.all([
      as('cw-emp-1', FOLLOW_UP, { cpr: jonas.cpr, expectedVersion: 5, date: '2027-01-10' }),
      as('cw-soc-1', ADD_AGREEMENT, {
        cpr: jonas.cpr,
        expectedVersion: 5,
        agreement: { what: 'Bo ringer til Jonas hver fredag.', responsibleDepartment: 'SOCIAL' },
      }),
    ]);
    const outcomes = [anna, bo].map((r) => (r.errors ? r.errors[0]!.extensions : 'saved'));
    expect(outcomes.filter((o) => o === 'saved')).toHaveLength(1);
    expect(outcomes.find((o) => o !== 'saved')).toEqual({
      code: 'CONFLICT',
      expectedVersion: 5,
      currentVersion: 6,
      serviceName: 'plan',
    });
    expect((await as(jonas.cpr, JOINT, { cpr: jonas.cpr })).data.citizen.plan.joint.version).toBe(6);
  });

  it("Jonas withdraws: Bo loses the joint part at once but keeps his own section, and Anna's list no longer shows Jonas", async () => {
    expect((await as('cw-emp-1', 'query { myCoordinatedPlans { cpr } }')).data.myCoordinatedPlans).toContainEqual({
      cpr: jonas.cpr,
    });
    const withdrawn = await as(jonas.cpr, 'mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { status } }', {
      id: consentId,
    });
    expect(withdrawn.data.withdrawConsent.status).toBe('WITHDRAWN');

    const bo = await as('cw-soc-1', JOINT, { cpr: jonas.cpr });
    expect(bo.data.citizen.plan).toEqual({ joint: null, social: { department: 'SOCIAL' } });
    expect(errorCodesByPath(bo)).toEqual({ 'citizen.plan.joint': 'CONSENT_REQUIRED' });
    expect((await as('cw-emp-1', 'query { myCoordinatedPlans { cpr } }')).data.myCoordinatedPlans).not.toContainEqual({
      cpr: jonas.cpr,
    });
    const write = await as('cw-soc-1', ADD_AGREEMENT, { cpr: jonas.cpr, expectedVersion: 6, agreement });
    expect(codes(write)).toEqual(['CONSENT_REQUIRED']);

    // The plan records the withdrawal (delivered from the consent service through the outbox).
    const history = await eventually(
      async () => (await as(jonas.cpr, JOINT, { cpr: jonas.cpr })).data.citizen.plan.joint.history,
      (h: Array<{ factsJson: string | null }>) => h.length === 7,
    );
    expect(withFacts(history)[0]).toEqual({
      version: 7,
      actorName: 'Samtykkeservicen',
      actorDepartment: null,
      kind: 'CONSENT_WITHDRAWN',
      facts: { consentId },
      summary: `The citizen withdrew consent ${consentId}: departments it no longer names lose the joint part.`,
    });
  });

  it("Jonas's inbox holds his receipts and notifications in order, and Digital Post got the same after it came back up", async () => {
    const expected = [
      'PLAN_REQUESTED',
      'CONSENT_GIVEN',
      'PLAN_REQUEST_ANSWERED',
      'PLAN_CREATED',
      'MEETING_SCHEDULED',
      'PLAN_ACTIVATED',
      'CONSENT_WITHDRAWN',
    ];
    const inbox = await eventually(
      async () =>
        (await as(jonas.cpr, INBOX, { cpr: jonas.cpr })).data.citizen.inbox as Array<{
          id: string;
          kind: string;
          body: string;
          consentId: string | null;
          receiptJson: string | null;
        }>,
      (messages) => messages.length === expected.length,
    );
    expect(inbox.map((m) => m.kind)).toEqual(expected);
    // What Jonas reads about his plan is Danish, with the meeting's time as Danes write it (Copenhagen time).
    expect(inbox.slice(4, 6).map((m) => m.body)).toEqual([
      'Du er inviteret til et fælles møde om din plan tirsdag den 15. december 2026 kl. 10.00 på Jobcentret, mødelokale 3. ' +
        'Du har ret til at tage en bisidder med.',
      'Du har sagt ja til din fælles plan. Den er nu aktiv, og afdelingerne arbejder efter den.',
    ]);

    const given = JSON.parse(inbox[1]!.receiptJson!);
    expect(given).toMatchObject({
      event: 'GIVEN',
      consentId,
      jurisdiction: 'DK',
      principal: { cpr: '111175-XXXX', grantorCapacity: 'SELF' },
      purpose: { code: 'ONE_PLAN' },
      collection: { method: 'WRITTEN', recordedBy: 'cw-emp-1', documentRef: 'ESDH-2026-JONAS-SAMTYKKE' },
      provisions: [
        {
          effect: 'PERMIT',
          sources: ['EMPLOYMENT', 'SOCIAL'],
          recipients: ['EMPLOYMENT', 'SOCIAL'],
          categories: ['CASE', 'PLAN'],
        },
      ],
      sensitiveCategories: [],
      status: 'ACTIVE',
    });
    expect(given.howToWithdraw).toContain('trække samtykket tilbage');
    expect(JSON.parse(inbox[6]!.receiptJson!)).toMatchObject({ event: 'WITHDRAWN', consentId, status: 'WITHDRAWN' });
    expect(inbox.map((m) => m.receiptJson ?? '').join('')).not.toContain(jonas.cpr);

    const delivered = await eventually(
      async () => digitalPost.received,
      (r) => r.length === expected.length,
    );
    expect(delivered.map((r) => r.id).sort()).toEqual(inbox.map((m) => m.id).sort());
    expect(digitalPost.attempts()).toBeGreaterThanOrEqual(expected.length + 2);
  });

  it("Jonas's access log records the caseworkers' reads of his joint part too, the refused one after his withdrawal included", async () => {
    const log = await as(
      jonas.cpr,
      'query MyAccessLog($cpr: ID!) { citizen(cpr: $cpr) { accessLog(first: 500) { actorName ownerDepartment categories decision } } }',
      { cpr: jonas.cpr },
    );
    const reads = (
      log.data.citizen.accessLog as Array<{
        actorName: string;
        ownerDepartment: string | null;
        categories: string[];
        decision: string;
      }>
    )
      .filter((e) => e.ownerDepartment === null)
      .map((e) => [e.actorName, e.categories, e.decision]);
    // Anna read it as coordinator; Bo asked again after the withdrawal and was refused.
    expect(reads).toEqual(
      expect.arrayContaining([
        ['Anna Mortensen', ['PLAN'], 'DISCLOSED'],
        ['Bo Kristensen', ['PLAN'], 'DENIED'],
      ]),
    );
  });

  it("Jonas's access log records every caseworker's write into his joint plan", async () => {
    const log = await as(
      jonas.cpr,
      'query MyAccessLog($cpr: ID!) { citizen(cpr: $cpr) { accessLog { actorName actorDepartment ownerDepartment categories decision operationName } } }',
      {
        cpr: jonas.cpr,
      },
    );
    const writes = (log.data.citizen.accessLog as Array<{ operationName: string | null }>)
      .filter((e) => e.operationName?.startsWith('jointPlan.'))
      .reverse();
    expect(writes.slice(0, 3)).toEqual([
      {
        actorName: 'Anna Mortensen',
        actorDepartment: 'EMPLOYMENT',
        ownerDepartment: 'EMPLOYMENT',
        categories: ['PLAN'],
        decision: 'DISCLOSED',
        operationName: 'jointPlan.create',
      },
      {
        actorName: 'Bo Kristensen',
        actorDepartment: 'SOCIAL',
        ownerDepartment: 'SOCIAL',
        categories: ['PLAN'],
        decision: 'DISCLOSED',
        operationName: 'jointPlan.addAgreement',
      },
      {
        actorName: 'Bo Kristensen',
        actorDepartment: 'SOCIAL',
        ownerDepartment: 'SOCIAL',
        categories: ['PLAN'],
        decision: 'DISCLOSED',
        operationName: 'jointPlan.scheduleMeeting',
      },
    ]);
  });

  it('the receipt is also a printable document, without the whole CPR', async () => {
    const result = await as(
      jonas.cpr,
      'query ConsentReceipt($cpr: ID!) { citizen(cpr: $cpr) { consents { id receipt { event status } receiptDocument } } }',
      {
        cpr: jonas.cpr,
      },
    );
    const [consent] = result.data.citizen.consents;
    expect(consent.receipt).toEqual({ event: 'WITHDRAWN', status: 'WITHDRAWN' });
    expect(consent.receiptDocument).toMatch(/^<!doctype html>/);
    expect(consent.receiptDocument).toContain('<h1>Kvittering for tilbagekaldt samtykke</h1>');
    expect(consent.receiptDocument).toContain('111175-XXXX');
    expect(consent.receiptDocument).not.toContain(jonas.cpr);
  });

  it('the request is answered with a reason the citizen sees when a department declines', async () => {
    const asked = await as(sofie.cpr, 'mutation { requestOnePlan(departments: [SOCIAL]) { id } }');
    const declined = await as(
      'cw-soc-1',
      'mutation AnswerPlanRequest($id: ID!, $r: String) { answerPlanRequest(id: $id, accept: false, declineReason: $r) { status } }',
      {
        id: asked.data.requestOnePlan.id,
        r: 'Du har kun en sag hos os; vi aftaler en plan direkte med dig.',
      },
    );
    expect(declined.data.answerPlanRequest.status).toBe('DECLINED');
    const mine = await as(
      sofie.cpr,
      'query MyPlanRequests($cpr: ID!) { citizen(cpr: $cpr) { planRequests { status declineReason } } }',
      { cpr: sofie.cpr },
    );
    expect(mine.data.citizen.planRequests).toEqual([
      { status: 'DECLINED', declineReason: 'Du har kun en sag hos os; vi aftaler en plan direkte med dig.' },
    ]);
  });
});

describe('who may not write the joint plan', () => {
  let federation: TestFederation;
  const as = async (who: string, query: string, variables: Record<string, unknown> = {}) =>
    graphql<any>(federation.gateway.url, query, { token: await tokenFor(who), variables });
  const GOALS =
    'mutation SetCitizenGoals($cpr: ID!, $v: Int!) { setCitizenGoals(cpr: $cpr, expectedVersion: $v, goals: ["Et andet mål"]) { version } }';
  const AGREEMENT =
    'mutation AddAgreement($cpr: ID!, $v: Int!) { addAgreement(cpr: $cpr, expectedVersion: $v, agreement: { what: "Noget", responsibleDepartment: CHILDREN }) { version } }';
  const peterVersion = async () =>
    (await as(peter.cpr, 'query MyOnePlan($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version } } } }', { cpr: peter.cpr }))
      .data.citizen.plan.joint.version;

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it("Clara (children, not a party) cannot change Peter's plan, nor tell it from a citizen who has none", async () => {
    const peters = await as('cw-chi-1', AGREEMENT, { cpr: peter.cpr, v: 1 });
    const jonass = await as('cw-chi-1', AGREEMENT, { cpr: jonas.cpr, v: 1 });
    expect(peters.data).toBeNull();
    expect(peters.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['CONSENT_REQUIRED', 'The citizen has not consented to your department taking part in a joint plan.'],
    ]);
    expect(jonass.errors).toEqual(peters.errors);
    expect(codes(await as('cw-chi-1', 'mutation { createOnePlan(input: { cpr: "0101804321" }) { id } }'))).toEqual([
      'CONSENT_REQUIRED',
    ]);
    expect(await peterVersion()).toBe(1);
  });

  it('an auditor cannot change a plan', async () => {
    expect(codes(await as('auditor', GOALS, { cpr: peter.cpr, v: 1 }))).toEqual(['FORBIDDEN']);
    expect(codes(await as('auditor', 'mutation { createOnePlan(input: { cpr: "0101804321" }) { id } }'))).toEqual(['FORBIDDEN']);
  });

  it("Jonas cannot edit Peter's goals; Peter cannot add agreements to his own plan, only his goals", async () => {
    expect(codes(await as(jonas.cpr, GOALS, { cpr: peter.cpr, v: 1 }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(peter.cpr, AGREEMENT, { cpr: peter.cpr, v: 1 }))).toEqual(['FORBIDDEN']);
    expect(await peterVersion()).toBe(1);
  });

  it("Anna cannot write Sofie's plan: Sofie's consent has expired", async () => {
    expect(codes(await as('cw-emp-1', 'mutation { createOnePlan(input: { cpr: "0303950008" }) { id } }'))).toEqual([
      'CONSENT_REQUIRED',
    ]);
    expect(codes(await as('cw-emp-1', GOALS, { cpr: sofie.cpr, v: 1 }))).toEqual(['CONSENT_REQUIRED']);
  });

  it('Bo (a party, not the coordinator) cannot hand over coordination; Anna can, only to a party department', async () => {
    const HAND_OVER =
      'mutation HandOver($cpr: ID!, $v: Int!, $to: ID!) { handOverCoordination(cpr: $cpr, expectedVersion: $v, toCaseworkerId: $to) { version coordinatingCaseworker { id } } }';
    expect(codes(await as('cw-soc-1', HAND_OVER, { cpr: peter.cpr, v: 1, to: 'cw-soc-1' }))).toEqual(['FORBIDDEN']);
    // Naming a colleague must not let Clara probe whose consent makes which department a party.
    for (const cpr of [peter.cpr, jonas.cpr]) {
      expect(codes(await as('cw-chi-1', HAND_OVER, { cpr, v: 1, to: 'cw-emp-1' }))).toEqual(['CONSENT_REQUIRED']);
    }
    const toClara = await as('cw-emp-1', HAND_OVER, { cpr: peter.cpr, v: 1, to: 'cw-chi-1' });
    expect(toClara.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', "That caseworker's department does not take part in the citizen's plan."],
    ]);
    const toBo = await as('cw-emp-1', HAND_OVER, { cpr: peter.cpr, v: 1, to: 'cw-soc-1' });
    expect(toBo.data.handOverCoordination).toEqual({ version: 2, coordinatingCaseworker: { id: 'cw-soc-1' } });
  });

  it("only the consent service, signing as itself, can put a message in a citizen's inbox, and each signature only once", async () => {
    const forged = {
      id: 'NOTE-forged',
      cpr: peter.cpr,
      kind: 'PLAN_ENDED',
      createdAt: Date.now(),
      subject: 'Din plan er afsluttet',
      body: 'Ring til os.',
      consentId: null,
      receipt: null,
    };
    const inboxUrl = new URL(INBOX_API_PATH, federation.subgraphs.get('plan')!.url);
    /** A POST signed with `key` as `issuer` for `actor`, over this exact body, for the plan subgraph. */
    const signed = async (key: JWK, issuer: string, actor: Actor, body: unknown) => {
      const json = JSON.stringify(body);
      const signer = await createAssertionSigner(key, issuer);
      const assertion = await signer.sign({ audience: 'plan', method: 'POST', path: INBOX_API_PATH, body: json, actor });
      return { headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: assertion }, body: json };
    };
    const post = async (request: { headers: Record<string, string>; body: string }) =>
      (await fetch(inboxUrl, { method: 'POST', ...request })).status;
    const gatewayKey = federation.gatewayKeys.privateJwk;
    const consentKey = readPrivateJwk(devKeyFiles('consent').privateJwk);
    const consentService: Actor = { role: 'SERVICE', id: INBOX_SENDER, name: INBOX_SENDER };

    // Unsigned: refused before the route.
    expect(await post({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) })).toBe(401);
    // The gateway's key speaks for users, never into the inbox: not for Clara, not for Peter, not even "as" the consent service.
    expect(await post(await signed(gatewayKey, GATEWAY_ISSUER, { role: 'CASEWORKER', ...CASEWORKERS.clara }, forged))).toBe(403);
    const peterActor: Actor = { role: 'CITIZEN', id: 'citizen-010180', name: 'Peter Hansen', cpr: peter.cpr };
    expect(await post(await signed(gatewayKey, GATEWAY_ISSUER, peterActor, forged))).toBe(403);
    expect(await post(await signed(gatewayKey, GATEWAY_ISSUER, consentService, forged))).toBe(403);
    // The consent service's key may act only as the consent service; the plan subgraph's own key is no caller of itself.
    expect(await post(await signed(consentKey, INBOX_SENDER, { role: 'CASEWORKER', ...CASEWORKERS.clara }, forged))).toBe(401);
    const planKey = readPrivateJwk(devKeyFiles('plan').privateJwk);
    expect(
      await post(await signed(planKey, 'enplan-plan', { role: 'SERVICE', id: 'enplan-plan', name: 'enplan-plan' }, forged)),
    ).toBe(401);
    // Signed over one body, sent with another: refused.
    const tampered = await signed(consentKey, INBOX_SENDER, consentService, forged);
    expect(await post({ ...tampered, body: JSON.stringify({ ...forged, body: 'Ring til 12 34 56 78.' }) })).toBe(401);
    // The consent service itself: a malformed message is refused; a replay of its signed call is refused.
    expect(await post(await signed(consentKey, INBOX_SENDER, consentService, { ...forged, cpr: 'not a cpr' }))).toBe(400);
    const genuine = await signed(consentKey, INBOX_SENDER, consentService, { ...forged, id: 'NOTE-genuine' });
    expect(await post(genuine)).toBe(200);
    expect(await post(genuine)).toBe(401);

    const inbox = await as(peter.cpr, 'query MyInbox($cpr: ID!) { citizen(cpr: $cpr) { inbox { id } } }', { cpr: peter.cpr });
    expect(inbox.data.citizen.inbox).toEqual([{ id: 'NOTE-genuine' }]);
    expect(
      codes(await as('cw-emp-1', 'query MyInbox($cpr: ID!) { citizen(cpr: $cpr) { inbox { id } } }', { cpr: peter.cpr })),
    ).toEqual(['FORBIDDEN']);
  });

  it('a stale version gets CONFLICT, and an ended plan takes no more changes', async () => {
    expect((await as('cw-soc-1', GOALS, { cpr: peter.cpr, v: 1 })).errors?.[0]?.extensions).toEqual({
      code: 'CONFLICT',
      expectedVersion: 1,
      currentVersion: 2,
      serviceName: 'plan',
    });
    const ended = await as(
      'cw-soc-1',
      'mutation EndOnePlan($cpr: ID!) { endOnePlan(cpr: $cpr, expectedVersion: 2, reason: "Peter er i job.") { status endedReason } }',
      {
        cpr: peter.cpr,
      },
    );
    expect(ended.data.endOnePlan).toEqual({ status: 'ENDED', endedReason: 'Peter er i job.' });
    const after = await as(peter.cpr, GOALS, { cpr: peter.cpr, v: 3 });
    expect(after.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'The plan has ended; it can no longer be changed.'],
    ]);
  });

  it('with the consent service down, a write is refused (it could be neither allowed nor recorded) and nothing changes', async () => {
    const { lars } = PERSONAS;
    const larsVersion = async () =>
      (await as(lars.cpr, 'query MyOnePlan($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version } } } }', { cpr: lars.cpr }))
        .data.citizen.plan.joint.version;
    await federation.stopSubgraph('consent');
    expect(codes(await as('cw-soc-1', GOALS, { cpr: lars.cpr, v: 1 }))).toEqual(['CONSENT_UNAVAILABLE']);
    expect(await larsVersion()).toBe(1);
  });
});

describe('who may read a consent', () => {
  let federation: TestFederation;
  const consentsOf = async (who: string, cpr: string) =>
    graphql<any>(federation.gateway.url, 'query Consents($cpr: ID!) { citizen(cpr: $cpr) { consents { id } } }', {
      token: await tokenFor(who),
      variables: { cpr },
    });

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it("Clara (children, not named) learns nothing of Peter's consent, not even that there is one", async () => {
    const peters = await consentsOf('cw-chi-1', peter.cpr);
    expect(peters).toMatchObject({ data: { citizen: { consents: [] } } });
    expect(peters.errors).toBeUndefined();
    expect((await consentsOf('cw-chi-1', jonas.cpr)).data).toEqual(peters.data);
  });

  it('Peter himself, an auditor and Anna (jobcentre, named) read it', async () => {
    for (const who of [peter.cpr, 'auditor', 'cw-emp-1']) {
      expect((await consentsOf(who, peter.cpr)).data.citizen.consents).toEqual([{ id: 'CON-000001' }]);
    }
  });

  it("Clara cannot withdraw Peter's consent: the same answer as for an id that does not exist", async () => {
    const withdraw = async (id: string) =>
      graphql<any>(federation.gateway.url, 'mutation W($id: ID!) { withdrawConsent(id: $id) { status } }', {
        token: await tokenFor('cw-chi-1'),
        variables: { id },
      });
    const peters = await withdraw('CON-000001');
    const none = await withdraw('CON-999999');
    expect(peters.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'No consent with that id that you may withdraw.'],
    ]);
    expect(peters.errors).toEqual(none.errors);
    expect((await consentsOf(peter.cpr, peter.cpr)).data.citizen.consents).toEqual([{ id: 'CON-000001' }]);
  });
});
