/**
 * Finding the citizens who could benefit (docs/design.md rule 14, issue #30), over real HTTP: the finder
 * in the plan subgraph asks each department its one yes/no question; the coordinating function sees
 * a masked CPR and a count and can only invite; every checked citizen's access log says so.
 */
import { CASEWORKERS, FINDING_FIELD, PERSONAS, municipality, organisationOf, registeredSubgraphs, type Actor } from '@enplan/lib';
import type { PlanSubgraphInstance } from '@enplan/subgraph-plan/src/server';
import { FindingOffError } from '@enplan/subgraph-plan/src/finding/CandidateFinder';
import { signedAsGateway } from './devSigning';
import { startDigitalPost, type DigitalPostReceiver } from './digitalPostReceiver';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';
import { eventually } from './redisTestSupport';

const { peter, mette, ali, sofie, jonas, lars } = PERSONAS;
const DEPARTMENTS = registeredSubgraphs()
  .filter((s) => s.kind === 'department')
  .map((s) => s.name);
const LEGAL_BASIS = 'Lov om en samlet plan § 3 (kommunalbestyrelsens beslutning af 1. december 2026)';
const DAY_MS = 86_400_000;

const STATUS = 'query { finding { enabled legalBasis threshold retentionDays } }';
const CANDIDATES = 'query Candidates { findingCandidates { id maskedCpr departmentCount foundAt invitedAt } }';
const INVITE = 'mutation Invite($id: ID!) { inviteFindingCandidate(id: $id) { maskedCpr invitedAt } }';
const OPT_OUT = 'mutation { setDoNotLookForMe(doNotLookForMe: true) }';
const ACCESS_LOG = 'query Log($cpr: ID!) { citizen(cpr: $cpr) { accessLog { actorName actorDepartment decision explanation } } }';
const INBOX = 'query Inbox($cpr: ID!) { citizen(cpr: $cpr) { inbox { kind subject body } } }';

/** The finder's questions each department recorded, per citizen: counted at the subgraphs themselves. */
function finderQuestions(federation: TestFederation, cpr: string): Record<string, number> {
  return Object.fromEntries(
    DEPARTMENTS.map((name) => [
      name,
      federation.subgraphs
        .get(name)!
        .disclosureLog!.forCitizen(cpr)
        .filter((d) => d.actorId === 'enplan-plan').length,
    ]),
  );
}
const askedNothing = Object.fromEntries(DEPARTMENTS.map((name) => [name, 0]));
/** The finder is the municipality's: it asks every municipal department once, never the region's psychiatry (rule 11). */
const MUNICIPAL = registeredSubgraphs()
  .filter((s) => s.kind === 'department' && organisationOf(s.department) === municipality())
  .map((s) => s.name);
const askedOnce = Object.fromEntries(DEPARTMENTS.map((name) => [name, MUNICIPAL.includes(name) ? 1 : 0]));
const callsOnceEach = Object.fromEntries(MUNICIPAL.map((name) => [name, 1]));

const as = async (who: string, query: string, variables?: Record<string, unknown>, federation?: TestFederation) =>
  graphql(federation!.gateway.url, query, { token: await tokenFor(who), ...(variables && { variables }) });

describe('the candidate finder is off by default', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it('the graph says it is off, the coordinating function is refused, a run refuses, and no department is asked', async () => {
    expect((await as('coordinator', STATUS, undefined, federation)).data).toEqual({
      finding: { enabled: false, legalBasis: null, threshold: null, retentionDays: 30 },
    });
    const candidates = await as('coordinator', CANDIDATES, undefined, federation);
    expect(candidates.data).toBeNull();
    expect(candidates.errors?.[0]?.message).toMatch(/switched off/);
    expect(errorCodesByPath(candidates)).toEqual({ findingCandidates: 'FORBIDDEN' });

    const plan = federation.subgraph<PlanSubgraphInstance>('plan');
    await expect(plan.finder.run(plan.findingPopulation())).rejects.toBeInstanceOf(FindingOffError);
    for (const persona of Object.values(PERSONAS)) expect(finderQuestions(federation, persona.cpr)).toEqual(askedNothing);
  });
});

describe('switched on with its legal basis and a threshold of 3 departments', () => {
  let federation: TestFederation;
  let digitalPost: DigitalPostReceiver;
  let clockOffset = 0;
  let plan: PlanSubgraphInstance;
  beforeAll(async () => {
    digitalPost = await startDigitalPost();
    federation = await TestFederation.start({
      now: () => Date.now() + clockOffset,
      digitalPostUrl: digitalPost.url,
      finding: { legalBasis: LEGAL_BASIS, threshold: 3, retentionDays: 30, batchSize: 500 },
    });
    plan = federation.subgraph<PlanSubgraphInstance>('plan');
  });
  afterAll(async () => {
    await federation.stop();
    digitalPost.server.close();
  });

  it('Ali says "do not look for me" in the app; a run then leaves out Peter, Mette, Lars (plans) and Ali before any department is asked', async () => {
    expect((await as(ali.cpr, OPT_OUT, undefined, federation)).data).toEqual({ setDoNotLookForMe: true });
    expect((await as(ali.cpr, 'query { citizen(cpr: "2007901237") { doNotLookForMe } }', undefined, federation)).data).toEqual({
      citizen: { doNotLookForMe: true },
    });

    const report = await plan.finder.run(plan.findingPopulation());

    expect(report).toMatchObject({ considered: 6, leftOut: 4, checked: 2, candidates: 1 });
    expect(report.callsPerDepartment).toEqual(callsOnceEach);
    for (const cpr of [peter.cpr, mette.cpr, lars.cpr, ali.cpr]) expect(finderQuestions(federation, cpr)).toEqual(askedNothing);
    // Jonas and Sofie were asked about once in every department, in one call per department.
    for (const cpr of [jonas.cpr, sofie.cpr]) expect(finderQuestions(federation, cpr)).toEqual(askedOnce);
    for (const name of MUNICIPAL) {
      const calls = federation.subgraphs
        .get(name)!
        .disclosureLog!.forCitizen(jonas.cpr)
        .concat(federation.subgraphs.get(name)!.disclosureLog!.forCitizen(sofie.cpr))
        .map((d) => d.assertionId);
      expect(new Set(calls).size).toBe(1);
    }
  });

  it("every checked citizen's access log has the plain-Danish line, candidate or not; the others' have none", async () => {
    const finderLines = async (cpr: string) =>
      (
        (await as(cpr, ACCESS_LOG, { cpr }, federation)).data!.citizen.accessLog as Array<{
          actorName: string;
          explanation: string | null;
        }>
      ).filter((e) => e.explanation !== null);
    for (const cpr of [jonas.cpr, sofie.cpr]) {
      expect(await finderLines(cpr)).toEqual([
        {
          actorName: 'Kommunens søgning efter borgere til én plan',
          actorDepartment: null,
          decision: 'DISCLOSED',
          explanation:
            'Kommunen undersøgte, om du har sager i flere afdelinger, for at kunne tilbyde dig én samlet plan. ' +
            'Afdelingerne svarede kun ja eller nej; ingen sagsbehandler så dine oplysninger. ' +
            `Lovgrundlag: ${LEGAL_BASIS}`,
        },
      ]);
    }
    for (const cpr of [peter.cpr, ali.cpr]) expect(await finderLines(cpr)).toEqual([]);
  });

  it('the coordinating function sees Jonas as a masked CPR and a count, nothing else, and no case data because of it', async () => {
    const candidates = await as('coordinator', CANDIDATES, undefined, federation);
    expect(candidates.errors).toBeUndefined();
    expect(candidates.data!.findingCandidates).toEqual([
      {
        id: expect.stringMatching(/^CAND-/),
        maskedCpr: '111175-XXXX',
        departmentCount: 4,
        foundAt: expect.any(String),
        invitedAt: null,
      },
    ]);
    const cases = await as(
      'coordinator',
      `query { citizen(cpr: "${jonas.cpr}") { employment { kind } social { kind } } }`,
      undefined,
      federation,
    );
    expect(cases.data).toEqual({ citizen: { employment: null, social: null } });
    expect(Object.keys(errorCodesByPath(cases)).sort()).toEqual(['citizen.employment', 'citizen.social']);
  });

  it.each([
    ['Anna', CASEWORKERS.anna.id],
    ['Bo', CASEWORKERS.bo.id],
    ['Clara', CASEWORKERS.clara.id],
    ['Jonas himself', jonas.cpr],
  ])('%s cannot see the candidates or invite one', async (_, who) => {
    const list = await as(who, CANDIDATES, undefined, federation);
    expect(list.data).toBeNull();
    expect(errorCodesByPath(list)).toEqual({ findingCandidates: 'FORBIDDEN' });
    const id = (await as('coordinator', CANDIDATES, undefined, federation)).data!.findingCandidates[0].id;
    const invite = await as(who, INVITE, { id }, federation);
    expect(errorCodesByPath(invite)).toEqual({ inviteFindingCandidate: 'FORBIDDEN' });
  });

  it("an attack: the yes/no field in a caseworker's query gets nothing; asked of a department directly, it is refused", async () => {
    for (const who of [CASEWORKERS.anna.id, CASEWORKERS.bo.id, CASEWORKERS.clara.id]) {
      const attack = await as(who, `query { citizen(cpr: "${jonas.cpr}") { ${FINDING_FIELD} } }`, undefined, federation);
      expect(attack.data).toBeUndefined();
      expect(attack.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
    const before = finderQuestions(federation, jonas.cpr);
    const anna: Actor = { role: 'CASEWORKER', id: CASEWORKERS.anna.id, name: CASEWORKERS.anna.name, department: 'EMPLOYMENT' };
    const question = `query { _entities(representations: [{ __typename: "Citizen", cpr: "${jonas.cpr}" }]) { ... on Citizen { ${FINDING_FIELD} } } }`;
    // Signed by the gateway as Anna (her own department included): the department refuses.
    for (const name of ['employment', 'social']) {
      const url = federation.subgraphs.get(name)!.url;
      const body = JSON.stringify({ query: question });
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await signedAsGateway(
            { audience: name, method: 'POST', url, body, actor: anna },
            federation.gatewayKeys.privateJwk,
          )),
        },
        body,
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { data?: unknown }).data).toBeUndefined();
    }
    expect(finderQuestions(federation, jonas.cpr)).toEqual(before);
  });

  it('the coordinating function invites Jonas, once: his inbox and Digital Post get the invitation', async () => {
    const [candidate] = (await as('coordinator', CANDIDATES, undefined, federation)).data!.findingCandidates;
    const invited = await as('coordinator', INVITE, { id: candidate.id }, federation);
    expect(invited.data).toEqual({ inviteFindingCandidate: { maskedCpr: '111175-XXXX', invitedAt: expect.any(String) } });
    const again = await as('coordinator', INVITE, { id: candidate.id }, federation);
    expect(errorCodesByPath(again)).toEqual({ inviteFindingCandidate: 'BAD_USER_INPUT' });

    const inbox = await eventually(
      async () =>
        (await as(jonas.cpr, INBOX, { cpr: jonas.cpr }, federation)).data!.citizen.inbox as Array<{
          kind: string;
          subject: string;
          body: string;
        }>,
      (messages) => messages.some((m) => m.kind === 'FINDING_INVITATION'),
    );
    const invitation = inbox.filter((m) => m.kind === 'FINDING_INVITATION');
    expect(invitation).toEqual([
      { kind: 'FINDING_INVITATION', subject: 'Tilbud om én samlet plan', body: expect.stringContaining(LEGAL_BASIS) },
    ]);
    expect(invitation[0]!.body).toMatch(/Du behøver ikke gøre noget/);
    const posted = await eventually(
      async () => digitalPost.received.filter((m) => m.kind === 'FINDING_INVITATION'),
      (messages) => messages.length > 0,
    );
    expect(posted).toEqual([
      { id: expect.any(String), cpr: jonas.cpr, kind: 'FINDING_INVITATION', subject: 'Tilbud om én samlet plan' },
    ]);
  });

  it('the candidates are gone after the retention period (30 days)', async () => {
    clockOffset = 29 * DAY_MS;
    expect((await as('coordinator', CANDIDATES, undefined, federation)).data!.findingCandidates).toHaveLength(1);
    clockOffset = 30 * DAY_MS + 60_000;
    expect((await as('coordinator', CANDIDATES, undefined, federation)).data).toEqual({ findingCandidates: [] });
    clockOffset = 0;
  });
});
