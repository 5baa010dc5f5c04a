import {
  COORDINATOR_API_PATH,
  MAX_COORDINATOR_QUESTIONS,
  PERSONAS,
  REPRESENTATIVES,
  devKeyFiles,
  readPrivateJwk,
} from '@enplan/lib';
import { signedForThePlan } from '@enplan/subgraph-consent/src/consentNotifications';
import { planCoordinator } from '@enplan/subgraph-consent/src/representation/planCoordinator';
import { capturingProxy } from './capturingProxy';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_JWT_SECRET } from '@enplan/gateway/src/config';
import { demoClaims, issueDemoToken } from '@enplan/gateway/src/auth/demoTokens';
import { TestFederation, graphql, tokenFor, type GraphQLResult } from './federation';

const { lars, jonas, peter, mette, sofie } = PERSONAS;
const { sara, ole } = REPRESENTATIVES;
const SARA_ACTS = `${sara.name} on behalf of ${lars.name}`;
const STRANGER_CPR = '0707070707';

const SARA_ACTS_DA = `${sara.name} på vegne af ${lars.name}`;
const SARA_MASKED = `${sara.cpr.slice(0, 6)}-XXXX`;

/** The citizen's messages of `kinds`, waited for (bounded) until every one of them has arrived. */
async function inboxOf(url: string, who: string, cpr: string, kinds: string[]) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const inbox = (await as(url, who, `{ citizen(cpr: "${cpr}") { inbox { kind subject body factsJson } } }`)).data.citizen
      .inbox as Array<{ kind: string; subject: string; body: string; factsJson: string }>;
    const found = inbox.filter((m) => kinds.includes(m.kind));
    if (found.length >= kinds.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not every one of ${kinds.join(', ')} arrived in the inbox`);
}

/** Inbox deliveries go through an outbox: the citizen's messages about `consentId`, waited for (bounded) until `count` arrived. */
async function inboxAbout(url: string, cpr: string, consentId: string, count: number) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const inbox = (await as(url, cpr, `{ citizen(cpr: "${cpr}") { inbox { kind body consentId receiptJson factsJson } } }`)).data
      .citizen.inbox as Array<{ kind: string; body: string; consentId: string | null; receiptJson: string; factsJson: string }>;
    const about = inbox.filter((m) => m.consentId === consentId);
    if (about.length >= count) return about;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${count} messages about ${consentId} in the inbox`);
}

/** A request as `who` (a demo identity), acting for `actFor` when given (the X-Act-For header). */
async function as(
  url: string,
  who: string,
  query: string,
  { actFor, variables, token }: { actFor?: string; variables?: Record<string, unknown>; token?: string } = {},
): Promise<GraphQLResult<any>> {
  return graphql(url, query, {
    token: token ?? (await tokenFor(who)),
    ...(variables && { variables }),
    headers: actFor ? { 'x-act-for': actFor } : {},
  });
}

const READ_PLAN = (cpr: string) =>
  `query ReadPlan { citizen(cpr: "${cpr}") { employment { kind status } social { kind } plan { employment { goals { description } } social { goals { description } } } } }`;
const READ_LOG = (cpr: string) =>
  `query ReadLog { citizen(cpr: "${cpr}") { accessLog(first: 50) { actorName decision kind operationName } } }`;
const READ_INBOX = (cpr: string) => `query ReadInbox { citizen(cpr: "${cpr}") { inbox { subject } } }`;
const ASK_FOR_PLAN = 'mutation AskForPlan { requestOnePlan(departments: [EMPLOYMENT, SOCIAL]) { status } }';

describe('representatives act for the citizen within the powers granted (rule 13), over HTTP', () => {
  let federation: TestFederation;
  const gateway = () => federation.gateway.url;
  const larsLog = async () =>
    (await as(gateway(), lars.cpr, READ_LOG(lars.cpr))).data.citizen.accessLog as Array<Record<string, string>>;

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation?.stop());

  it("Sara reads Lars's plan and his log, and his log says she did, on his behalf", async () => {
    const plan = await as(gateway(), 'sara', READ_PLAN(lars.cpr), { actFor: lars.cpr });
    expect(plan.errors).toBeUndefined();
    expect(plan.data.citizen.employment).toEqual({ kind: expect.any(String), status: expect.any(String) });
    expect(plan.data.citizen.social).toEqual({ kind: expect.any(String) });
    // Exactly what Lars himself is shown.
    expect(plan.data).toEqual((await as(gateway(), lars.cpr, READ_PLAN(lars.cpr))).data);

    const log = await as(gateway(), 'sara', READ_LOG(lars.cpr), { actFor: lars.cpr });
    expect(log.errors).toBeUndefined();
    expect(log.data.citizen.accessLog).toContainEqual({
      actorName: SARA_ACTS,
      decision: 'DISCLOSED',
      kind: 'READ',
      operationName: 'ReadPlan',
    });
    expect(await larsLog()).toContainEqual({
      actorName: SARA_ACTS,
      decision: 'DISCLOSED',
      kind: 'READ',
      operationName: 'ReadLog',
    });
    // Both names, for the reader's app to say in its language; a caseworker's entry names no one.
    const named = await as(
      gateway(),
      lars.cpr,
      `{ citizen(cpr: "${lars.cpr}") { accessLog(first: 50) { actorName actorDepartment representativeName representedName } } }`,
    );
    expect(named.data.citizen.accessLog).toContainEqual({
      actorName: SARA_ACTS,
      actorDepartment: null,
      representativeName: sara.name,
      representedName: lars.name,
    });
    for (const entry of named.data.citizen.accessLog.filter((e: { actorDepartment: string | null }) => e.actorDepartment))
      expect(entry).toMatchObject({ representativeName: null, representedName: null });
  });

  it('Sara cannot ask for a plan for Lars, nor read his inbox: her powers do not cover it, and the refusal is logged', async () => {
    const ask = await as(gateway(), 'sara', ASK_FOR_PLAN, { actFor: lars.cpr });
    expect(ask.data).toBeUndefined();
    expect(ask.errors).toEqual([
      expect.objectContaining({
        message: 'Your power of representation does not cover this: REQUEST_PLAN.',
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    const inbox = await as(gateway(), 'sara', READ_INBOX(lars.cpr), { actFor: lars.cpr });
    expect(inbox.data).toBeUndefined();
    expect(inbox.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Your power of representation does not cover this: RECEIVE_INBOX.', 'FORBIDDEN'],
    ]);
    // Nor can she pass a power on, or manage his powers: no representative may.
    const powers = await as(gateway(), 'sara', `{ citizen(cpr: "${lars.cpr}") { representatives { id } } }`, {
      actFor: lars.cpr,
    });
    expect(powers.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await larsLog()).toContainEqual({
      actorName: SARA_ACTS,
      decision: 'DENIED',
      kind: 'CHANGE',
      operationName: 'AskForPlan',
    });
    expect(await larsLog()).toContainEqual({
      actorName: SARA_ACTS,
      decision: 'DENIED',
      kind: 'READ',
      operationName: 'ReadInbox',
    });
  });

  describe("a citizen she does not represent, or a forged claim, gets exactly a stranger's answer", () => {
    const stranger = async (query: string) => as(gateway(), peter.cpr, query);

    it.each([
      ['plan', READ_PLAN(jonas.cpr)],
      ['log', READ_LOG(jonas.cpr)],
      ['inbox', READ_INBOX(jonas.cpr)],
    ])('Sara acting for Jonas: his %s is refused exactly as it is to Peter', async (_, query) => {
      const answer = await as(gateway(), 'sara', query, { actFor: jonas.cpr });
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(answer).toEqual(await stranger(query));
    });

    it('a token that claims to represent Jonas (a forged claim) changes nothing: the power comes only from the consent service', async () => {
      const forged = await issueDemoToken(
        {
          ...demoClaims('sara')!,
          act_for: jonas.cpr,
          representation: JSON.stringify({ powerId: 'FM-forged', citizenName: jonas.name, powers: ['READ_PLAN'] }),
        },
        { secret: DEV_JWT_SECRET, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE },
      );
      for (const query of [READ_PLAN(jonas.cpr), READ_LOG(jonas.cpr)]) {
        expect(await as(gateway(), 'sara', query, { token: forged, actFor: jonas.cpr })).toEqual(await stranger(query));
        expect(await as(gateway(), 'sara', query, { token: forged })).toEqual(await stranger(query));
      }
    });

    it("a malformed X-Act-For, or one naming the representative herself, is the person's own request", async () => {
      const own = await as(gateway(), 'sara', READ_PLAN(lars.cpr));
      expect(await as(gateway(), 'sara', READ_PLAN(lars.cpr), { actFor: 'not-a-cpr' })).toEqual(own);
      expect(await as(gateway(), 'sara', READ_PLAN(lars.cpr), { actFor: sara.cpr })).toEqual(own);
      expect(own).toEqual(await stranger(READ_PLAN(lars.cpr)));
    });
  });

  it("Ole, Jonas's personal ombud, asks for a plan for Jonas, and cannot give a consent for him", async () => {
    // As himself Ole sees nothing of Jonas: the answer of any role without case data (the coordinating function's).
    const alone = await as(gateway(), ole.id, READ_PLAN(jonas.cpr));
    expect(new Set(alone.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(alone).toEqual(await as(gateway(), 'coordinator', READ_PLAN(jonas.cpr)));

    const ask = await as(gateway(), ole.id, ASK_FOR_PLAN, { actFor: jonas.cpr });
    expect(ask.errors).toBeUndefined();
    expect(ask.data).toEqual({ requestOnePlan: { status: 'PENDING' } });

    const give = await as(
      gateway(),
      ole.id,
      `mutation GiveForJonas { giveConsent(input: { cpr: "${jonas.cpr}", validUntil: "2099-01-01",
        provisions: [{ effect: PERMIT, ownerDepartments: [EMPLOYMENT], recipientDepartments: [SOCIAL], categories: [CASE] }] }) { id } }`,
      { actFor: jonas.cpr },
    );
    expect(give.data).toBeUndefined();
    expect(give.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Your power of representation does not cover this: MANAGE_CONSENTS.', 'FORBIDDEN'],
    ]);
    const jonasLog = (await as(gateway(), jonas.cpr, READ_LOG(jonas.cpr))).data.citizen.accessLog;
    const OLE_ACTS = `${ole.name} on behalf of ${jonas.name}`;
    expect(jonasLog).toContainEqual({ actorName: OLE_ACTS, decision: 'DISCLOSED', kind: 'CHANGE', operationName: 'AskForPlan' });
    expect(jonasLog).toContainEqual({ actorName: OLE_ACTS, decision: 'DENIED', kind: 'CHANGE', operationName: 'GiveForJonas' });
    // Jonas's request shows who made it for him.
    const requests = await as(gateway(), jonas.cpr, `{ citizen(cpr: "${jonas.cpr}") { planRequests { status } } }`);
    expect(requests.data.citizen.planRequests).toContainEqual({ status: 'PENDING' });
  });

  it("Ole attends the joint meeting: invited by default, and Anna, the coordinator, sees who stands at Jonas's side", async () => {
    const request = (
      await as(gateway(), jonas.cpr, `{ citizen(cpr: "${jonas.cpr}") { planRequests { id status } } }`)
    ).data.citizen.planRequests.find((r: { status: string }) => r.status === 'PENDING');
    const consent = await as(
      gateway(),
      'cw-emp-1',
      `mutation { giveConsent(input: { cpr: "${jonas.cpr}", evidenceMethod: WRITTEN, documentRef: "ESDH-JONAS-1", validUntil: "${new Date(Date.now() + 100 * 86_400_000).toISOString()}",
        provisions: [{ effect: PERMIT, ownerDepartments: [EMPLOYMENT, SOCIAL], recipientDepartments: [EMPLOYMENT, SOCIAL], categories: [CASE, PLAN] }] }) { status } }`,
    );
    expect(consent.data).toEqual({ giveConsent: { status: 'ACTIVE' } });
    const accepted = await as(
      gateway(),
      'cw-emp-1',
      `mutation { answerPlanRequest(id: "${request.id}", accept: true) { status } }`,
    );
    expect(accepted.errors).toBeUndefined();
    const plan = await as(
      gateway(),
      'cw-emp-1',
      `{ citizen(cpr: "${jonas.cpr}") { plan { joint { version } }
      representatives { status representative { kind name organisation } } } }`,
    );
    expect(plan.data.citizen.representatives).toEqual([
      { status: 'ACTIVE', representative: { kind: 'PERSONAL_OMBUD', name: ole.name, organisation: ole.organisation } },
    ]);
    const meeting = await as(
      gateway(),
      'cw-emp-1',
      `mutation { scheduleJointMeeting(cpr: "${jonas.cpr}", expectedVersion: ${plan.data.citizen.plan.joint.version},
        meeting: { at: "2099-03-01T09:00:00Z", place: "Jobcenter København", participants: [EMPLOYMENT, SOCIAL] }) { meetings { bisidder } } }`,
    );
    const INVITED = `${ole.name}, personligt ombud (${ole.organisation})`;
    expect(meeting.data.scheduleJointMeeting.meetings).toEqual([{ bisidder: INVITED }]);
    const olesView = await as(
      gateway(),
      ole.id,
      `{ citizen(cpr: "${jonas.cpr}") { plan { joint { meetings { at place bisidder } } } } }`,
      {
        actFor: jonas.cpr,
      },
    );
    expect(olesView.errors).toBeUndefined();
    expect(olesView.data.citizen.plan.joint.meetings).toEqual([
      { at: '2099-03-01T09:00:00.000Z', place: 'Jobcenter København', bisidder: INVITED },
    ]);

    // He writes Jonas's own goals as Jonas (WRITE_PLAN): the plan's history names him, on Jonas's behalf.
    const version = (
      await as(gateway(), ole.id, `{ citizen(cpr: "${jonas.cpr}") { plan { joint { version } } } }`, { actFor: jonas.cpr })
    ).data.citizen.plan.joint.version;
    const goals = await as(
      gateway(),
      ole.id,
      `mutation { setCitizenGoals(cpr: "${jonas.cpr}", expectedVersion: ${version}, goals: ["Et job med faste tider"]) {
        citizenGoals { text } history { actorName actorDepartment representativeName representedName } } }`,
      { actFor: jonas.cpr },
    );
    expect(goals.errors).toBeUndefined();
    expect(goals.data.setCitizenGoals.citizenGoals).toEqual([{ text: 'Et job med faste tider' }]);
    expect(goals.data.setCitizenGoals.history).toContainEqual({
      actorName: `${ole.name} on behalf of ${jonas.name}`,
      actorDepartment: null,
      // Both names, for the reader's app to say in its language ("Ole Bisgaard på vegne af Jonas Berg").
      representativeName: ole.name,
      representedName: jonas.name,
    });
  });

  it("who represents a citizen is told to the plan's coordinator, never to the region's coordinator or a department outside: they get the stranger's empty answer", async () => {
    const STANDING = `query Standing($cpr: ID!) { citizen(cpr: $cpr) { representatives { representative { name } } } }`;
    const standing = async (who: string, cpr: string) =>
      (await as(gateway(), who, STANDING, { variables: { cpr } })).data?.citizen?.representatives;
    // Anna coordinates Jonas's plan (made above), Bo coordinates Lars's.
    expect(await standing('cw-emp-1', jonas.cpr)).toEqual([{ representative: { name: ole.name } }]);
    expect(await standing('cw-soc-1', lars.cpr)).toEqual([{ representative: { name: sara.name } }]);
    // Hanne (Region Hovedstaden), Clara (CHILDREN) and Eva (CARE) coordinate neither.
    for (const outsider of ['reg-psy-1', 'cw-chi-1', 'cw-car-1']) {
      expect(await standing(outsider, jonas.cpr)).toEqual([]);
      expect(await standing(outsider, lars.cpr)).toEqual([]);
      expect(await standing(outsider, STRANGER_CPR)).toEqual([]);
    }
  });

  it("Sara withdraws Lars's consent for him: it is withdrawn at once, by her, and his log says so", async () => {
    const withdraw = await as(
      gateway(),
      'sara',
      'mutation WithdrawForLars { withdrawConsent(id: "CON-000005") { status withdrawnBy } }',
      {
        actFor: lars.cpr,
      },
    );
    expect(withdraw.errors).toBeUndefined();
    expect(withdraw.data).toEqual({ withdrawConsent: { status: 'WITHDRAWN', withdrawnBy: demoClaims('sara')!.sub } });
    expect(await larsLog()).toContainEqual({
      actorName: SARA_ACTS,
      decision: 'DISCLOSED',
      kind: 'CHANGE',
      operationName: 'WithdrawForLars',
    });
    // Bo's next look at Lars's employment case from SOCIAL is refused: the consent is gone.
    const bo = await as(gateway(), 'cw-soc-1', `{ citizen(cpr: "${lars.cpr}") { employment { status } } }`);
    expect(bo.errors?.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);
  });

  it("Sara gives a consent for Lars: the consent, its receipt and Lars's own view name her, on his behalf, and the power; so does her withdrawal", async () => {
    const ACT = `givenByRepresentative { powerId citizenName text representative { kind name reference } }
      withdrawnByRepresentative { powerId text }`;
    const given = await as(
      gateway(),
      'sara',
      `mutation GiveForLars($validUntil: String!) { giveConsent(input: { cpr: "${lars.cpr}", validUntil: $validUntil,
        provisions: [{ effect: PERMIT, ownerDepartments: [EMPLOYMENT], recipientDepartments: [SOCIAL], categories: [CASE] }] }) {
        id grantor { cpr capacity } ${ACT} receipt { principal { grantorCpr grantorCapacity } representative { text powerId } } receiptDocument } }`,
      { actFor: lars.cpr, variables: { validUntil: new Date(Date.now() + 100 * 86_400_000).toISOString() } },
    );
    expect(given.errors).toBeUndefined();
    const consent = given.data.giveConsent;
    // The grantor is Sara, under the power of attorney Lars gave her (FM-000001), not Lars himself.
    expect(consent.grantor).toEqual({ cpr: sara.cpr, capacity: 'POWER_OF_ATTORNEY' });
    expect(consent.givenByRepresentative).toEqual({
      powerId: 'FM-000001',
      citizenName: lars.name,
      text: SARA_ACTS_DA,
      representative: { kind: 'PERSON', name: sara.name, reference: SARA_MASKED },
    });
    expect(consent.withdrawnByRepresentative).toBeNull();
    expect(consent.receipt).toEqual({
      principal: { grantorCpr: SARA_MASKED, grantorCapacity: 'POWER_OF_ATTORNEY' },
      representative: { text: SARA_ACTS_DA, powerId: 'FM-000001' },
    });
    expect(consent.receiptDocument).toContain(
      `<th scope="row">Givet af</th><td>${SARA_ACTS_DA} (${SARA_MASKED}, fuldmagt FM-000001)</td>`,
    );
    expect(consent.receiptDocument).not.toContain(sara.cpr);

    // Lars sees who gave it for him, in his consents and in the receipt in his inbox.
    const mine = await as(
      gateway(),
      lars.cpr,
      `{ citizen(cpr: "${lars.cpr}") { consents { id givenByRepresentative { text } } } }`,
    );
    expect(mine.data.citizen.consents).toContainEqual({ id: consent.id, givenByRepresentative: { text: SARA_ACTS_DA } });
    const [receipt] = await inboxAbout(gateway(), lars.cpr, consent.id, 1);
    expect(receipt!.body).toMatch(new RegExp(`^Samtykke ${consent.id} til Én plan er givet af ${SARA_ACTS_DA}, gyldigt til `));
    expect(JSON.parse(receipt!.factsJson)).toMatchObject({ representative: sara.name, citizenName: lars.name });
    expect(JSON.parse(receipt!.receiptJson).representative.text).toBe(SARA_ACTS_DA);
    expect(receipt!.receiptJson).not.toContain(sara.cpr);

    const withdrawn = await as(
      gateway(),
      'sara',
      `mutation WithdrawForLars2 { withdrawConsent(id: "${consent.id}") { status ${ACT} receipt { event representative { text } } } }`,
      { actFor: lars.cpr },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawConsent).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnByRepresentative: { powerId: 'FM-000001', text: SARA_ACTS_DA },
      receipt: { event: 'WITHDRAWN', representative: { text: SARA_ACTS_DA } },
    });
    const messages = await inboxAbout(gateway(), lars.cpr, consent.id, 2);
    expect(messages.find((m) => m.kind === 'CONSENT_WITHDRAWN')?.body).toContain(` af ${SARA_ACTS_DA}.`);
  });

  it('a consent Lars gives himself names no representative', async () => {
    const own = await as(
      gateway(),
      lars.cpr,
      `mutation { giveConsent(input: { cpr: "${lars.cpr}", validUntil: "${new Date(Date.now() + 86_400_000).toISOString()}",
        provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [EMPLOYMENT], categories: [CASE] }] }) {
        grantor { cpr capacity } givenByRepresentative { text } receipt { representative { text } } } }`,
    );
    expect(own.data.giveConsent).toEqual({
      grantor: { cpr: lars.cpr, capacity: 'SELF' },
      givenByRepresentative: null,
      receipt: { representative: null },
    });
  });

  it("giving, changing and revoking a power sends a receipt to the citizen's inbox and to the representative's", async () => {
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const give = (extra: string) =>
      as(
        gateway(),
        mette.cpr,
        `mutation { givePowerOfRepresentation(input: { cpr: "${mette.cpr}", representativeKind: PERSON,
          representativeCpr: "${sara.cpr}", representativeName: "${sara.name}", validUntil: "${validUntil}", ${extra} }) { id } }`,
      );
    const first = (await give('powers: [READ_PLAN]')).data.givePowerOfRepresentation.id as string;
    const second = (await give(`powers: [READ_PLAN, READ_ACCESS_LOG], supersedes: "${first}"`)).data.givePowerOfRepresentation
      .id as string;
    const revoked = await as(gateway(), mette.cpr, `mutation { revokePowerOfRepresentation(id: "${second}") { status } }`);
    expect(revoked.data).toEqual({ revokePowerOfRepresentation: { status: 'REVOKED' } });

    const KINDS = ['POWER_GIVEN', 'POWER_CHANGED', 'POWER_REVOKED'];
    const metteGot = await inboxOf(gateway(), mette.cpr, mette.cpr, KINDS);
    expect(metteGot.map((m) => [m.kind, m.subject])).toEqual([
      ['POWER_GIVEN', 'Kvittering for fuldmagt'],
      ['POWER_CHANGED', 'Kvittering for ændret fuldmagt'],
      ['POWER_REVOKED', 'Kvittering for tilbagekaldt fuldmagt'],
    ]);
    expect(metteGot[0]!.body).toMatch(
      new RegExp(`^Du har givet ${sara.name} fuldmagt \\(${first}\\) til at læse planen på dine vegne, til og med `),
    );
    expect(metteGot[1]!.body).toContain(
      `${second} erstatter ${first}. ${sara.name} kan nu læse planen, se, hvem der har set oplysningerne på dine vegne`,
    );
    expect(metteGot[2]!.body).toBe(
      `Fuldmagt ${second} til ${sara.name} er tilbagekaldt. ${sara.name} kan ikke længere handle på dine vegne.`,
    );
    expect(JSON.parse(metteGot[1]!.factsJson)).toMatchObject({
      powerId: second,
      supersedes: first,
      representative: sara.name,
      citizenName: mette.name,
      powers: ['READ_PLAN', 'READ_ACCESS_LOG'],
      recipient: 'CITIZEN',
    });

    // Sara gets her own receipts, in her own inbox; her CPR is the address, never in the text.
    const saraGot = await inboxOf(gateway(), 'sara', sara.cpr, KINDS);
    expect(saraGot.map((m) => m.kind)).toEqual(KINDS);
    expect(saraGot[0]!.body).toMatch(
      new RegExp(`^${mette.name} har givet dig fuldmagt \\(${first}\\) til at læse planen på ${mette.name}s vegne`),
    );
    expect(saraGot[2]!.body).toBe(
      `Fuldmagt ${second} fra ${mette.name} er tilbagekaldt. Du kan ikke længere handle på ${mette.name}s vegne.`,
    );
    expect(JSON.parse(saraGot[2]!.factsJson)).toMatchObject({ recipient: 'REPRESENTATIVE', revokedAt: expect.any(String) });
    for (const message of [...metteGot, ...saraGot]) expect(message.body).not.toContain(sara.cpr);
  });

  it("the powers in force are seen by the citizen's coordinator, the representative and the ombud named for the citizen; by anyone else exactly as an unknown citizen's", async () => {
    const POWERS_OF = (cpr: string) => `{ citizen(cpr: "${cpr}") { representatives { id status } } }`;
    const seen = async (who: string, cpr: string) => {
      const answer = await as(gateway(), who, POWERS_OF(cpr));
      expect(answer.errors).toBeUndefined();
      return answer.data.citizen.representatives as Array<{ id: string; status: string }>;
    };
    const SARAS = [{ id: 'FM-000001', status: 'ACTIVE' }];
    // Bo coordinates Lars's joint plan; Sara, signed in as herself, sees the powers she holds.
    expect(await seen('cw-soc-1', lars.cpr)).toEqual(SARAS);
    expect((await as(gateway(), 'sara', '{ powersToActFor { id status } }')).data.powersToActFor).toEqual(SARAS);
    // Ole, Jonas's personal ombud, sees who stands at Jonas's side, as himself.
    expect(await seen(ole.id, jonas.cpr)).toEqual([{ id: 'FM-000002', status: 'ACTIVE' }]);
    // Anyone else (Anna is not Lars's coordinator, Bo not Jonas's) gets, byte for byte, what they get for Sofie, who has no powers.
    for (const [who, cpr] of [
      ['cw-emp-1', lars.cpr],
      ['cw-chi-1', lars.cpr],
      ['cw-soc-1', jonas.cpr],
      [ole.id, lars.cpr],
      [peter.cpr, lars.cpr],
      ['sara', jonas.cpr],
    ] as const) {
      const answer = await as(gateway(), who, POWERS_OF(cpr));
      expect(JSON.stringify(answer).replaceAll(cpr, 'CPR')).toBe(
        JSON.stringify(await as(gateway(), who, POWERS_OF(sofie.cpr))).replaceAll(sofie.cpr, 'CPR'),
      );
    }
    expect(await seen('cw-emp-1', lars.cpr)).toEqual([]);
    // Who coordinates a plan is the consent service's question alone: the plan subgraph refuses an unsigned call.
    const direct = await fetch(new URL(COORDINATOR_API_PATH, federation.subgraphs.get('plan')!.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cpr: lars.cpr }),
    });
    expect(direct.status).toBe(401);
    expect(await direct.text()).not.toContain('cw-soc-1');
  });

  it("who coordinates a caseload's citizens is one question to the plan subgraph, answered per citizen, and nothing when it cannot be told", async () => {
    const route = () => new URL(COORDINATOR_API_PATH, federation.subgraphs.get('plan')!.url).href;
    const proxy = await capturingProxy(route);
    try {
      const signingKey = readPrivateJwk(devKeyFiles('consent').privateJwk);
      const coordinatorOf = planCoordinator({ planUrl: proxy.url, signingKey });
      // Asked in one turn, as the representatives of a caseload are: one call names all three.
      const answers = await Promise.all([lars, jonas, sofie].map((citizen) => coordinatorOf(citizen.cpr)));
      expect(answers).toEqual(['cw-soc-1', 'cw-emp-1', null]);
      expect(proxy.captured.map((call) => JSON.parse(call.body))).toEqual([{ cprs: [lars.cpr, jonas.cpr, sofie.cpr] }]);

      // The plan subgraph answers only the question as the protocol asks it, signed by the consent service.
      const sign = signedForThePlan(signingKey);
      const ask = async (question: unknown) => {
        const url = new URL(route());
        const body = JSON.stringify(question);
        return fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await sign({ url, body })) },
          body,
        });
      };
      expect((await ask({ cpr: lars.cpr })).status).toBe(400);
      expect((await ask({ cprs: [] })).status).toBe(400);
      expect((await ask({ cprs: Array(MAX_COORDINATOR_QUESTIONS + 1).fill(lars.cpr) })).status).toBe(400);
      expect((await ask({ cprs: [lars.cpr, 'DROP TABLE'] })).status).toBe(400);

      // Nobody answers: every citizen asked is CONSENT_UNAVAILABLE, never "no coordinator".
      const unreachable = planCoordinator({ planUrl: 'http://127.0.0.1:9', signingKey, timeoutMs: 500 });
      const failed = await Promise.allSettled([lars, sofie].map((citizen) => unreachable(citizen.cpr)));
      expect(
        failed.map((f) => f.status === 'rejected' && (f.reason as { extensions?: { code?: string } }).extensions?.code),
      ).toEqual(['CONSENT_UNAVAILABLE', 'CONSENT_UNAVAILABLE']);
    } finally {
      proxy.server.close();
    }
  });
});
