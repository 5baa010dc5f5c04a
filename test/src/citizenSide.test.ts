import { join } from 'node:path';
import { PERSONAS, openDatabase } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor, type GraphQLResult } from './federation';

const { peter, jonas, ali } = PERSONAS;

describe("the citizen's side, over HTTP", () => {
  let federation: TestFederation;
  const as = async (who: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<any>> =>
    graphql(federation.gateway.url, query, { token: await tokenFor(who), ...(variables && { variables }) });
  const ask = (departments: string[]) =>
    as(jonas.cpr, 'mutation Ask($d: [Department!]!) { requestOnePlan(departments: $d) { id status } }', { d: departments });
  const cancel = (who: string, id: string) =>
    as(who, 'mutation Cancel($id: ID!) { cancelPlanRequest(id: $id) { id status answeredAt } }', { id });
  const requestsSeenBy = async (caseworker: string) =>
    (
      (await as(caseworker, '{ planRequestsForMyDepartment { id } }')).data.planRequestsForMyDepartment as Array<{ id: string }>
    ).map((r) => r.id);

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  describe('a citizen cancels a request for one plan nobody has answered', () => {
    let first: string;

    it('Jonas asks for EMPLOYMENT only by mistake, takes it back, and Anna no longer sees it', async () => {
      first = (await ask(['EMPLOYMENT'])).data.requestOnePlan.id;
      expect(await requestsSeenBy('cw-emp-1')).toContain(first);

      const cancelled = await cancel(jonas.cpr, first);
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data.cancelPlanRequest).toEqual({ id: first, status: 'CANCELLED', answeredAt: expect.any(String) });
      expect(await requestsSeenBy('cw-emp-1')).not.toContain(first);
      const mine = await as(jonas.cpr, `{ citizen(cpr: "${jonas.cpr}") { planRequests { id status } } }`);
      expect(mine.data.citizen.planRequests).toContainEqual({ id: first, status: 'CANCELLED' });
    });

    it('Anna can no longer answer the cancelled request, and Jonas can ask again at once, for both departments', async () => {
      const answer = await as('cw-emp-1', 'mutation { answerPlanRequest(id: "' + first + '", accept: true) { id } }');
      expect(errorCodesByPath(answer)).toEqual({ answerPlanRequest: 'BAD_USER_INPUT' });

      const again = await ask(['EMPLOYMENT', 'SOCIAL']);
      expect(again.errors).toBeUndefined();
      expect(again.data.requestOnePlan.status).toBe('PENDING');
      expect(await requestsSeenBy('cw-soc-1')).toContain(again.data.requestOnePlan.id);
      // Tidy for the next test: the pending request is Jonas's to cancel.
      expect((await cancel(jonas.cpr, again.data.requestOnePlan.id)).data.cancelPlanRequest.status).toBe('CANCELLED');
    });

    it('nobody else can cancel it, and the refusal is the same as for a request that does not exist', async () => {
      const pending = (await ask(['SOCIAL'])).data.requestOnePlan.id as string;
      const refusal = {
        message: 'You have no request with that id waiting for an answer.',
        code: 'BAD_USER_INPUT',
      };
      const refusedFor = async (who: string, id: string) => {
        const result = await cancel(who, id);
        expect(result.data).toBeNull();
        return { message: result.errors?.[0]?.message, code: result.errors?.[0]?.extensions?.code };
      };
      expect(await refusedFor(peter.cpr, pending)).toEqual(refusal);
      expect(await refusedFor(peter.cpr, 'REQ-does-not-exist')).toEqual(refusal);
      expect(await refusedFor('cw-soc-1', pending)).toEqual(refusal);
      expect(await requestsSeenBy('cw-soc-1')).toContain(pending);

      // Once answered, it stays answered: a cancellation comes too late.
      const declined = await as(
        'cw-soc-1',
        `mutation { answerPlanRequest(id: "${pending}", accept: false, declineReason: "Ingen sag hos os.") { status } }`,
      );
      expect(declined.data.answerPlanRequest.status).toBe('DECLINED');
      expect(await refusedFor(jonas.cpr, pending)).toEqual(refusal);
    });
  });

  describe('the coordinator sees that a citizen withdrew, instead of the citizen silently disappearing', () => {
    const NO_LONGER_SHARED = '{ myCoordinatedPlansNoLongerShared { cpr withdrawnAt } }';
    const coordinated = async (who: string) =>
      ((await as(who, '{ myCoordinatedPlans { cpr } }')).data.myCoordinatedPlans as Array<{ cpr: string }>).map((c) => c.cpr);

    it("before: Peter is in Anna's list, and nobody is listed as no longer shared", async () => {
      expect(await coordinated('cw-emp-1')).toContain(peter.cpr);
      expect((await as('cw-emp-1', NO_LONGER_SHARED)).data.myCoordinatedPlansNoLongerShared).toEqual([]);
    });

    it('Peter withdraws: Anna sees that he did, and when; Bo, who does not coordinate his plan, learns nothing', async () => {
      const withdrawn = await as(peter.cpr, 'mutation { withdrawConsent(id: "CON-000001") { withdrawnAt } }');
      const withdrawnAt = withdrawn.data.withdrawConsent.withdrawnAt as string;
      expect(await coordinated('cw-emp-1')).not.toContain(peter.cpr);

      // The withdrawal reaches the plan's history through the consent service's outbox: a moment later.
      let listed: unknown;
      for (let attempt = 0; attempt < 50; attempt += 1) {
        listed = (await as('cw-emp-1', NO_LONGER_SHARED)).data.myCoordinatedPlansNoLongerShared;
        if ((listed as Array<{ withdrawnAt: string | null }>)[0]?.withdrawnAt) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(listed).toEqual([{ cpr: peter.cpr, withdrawnAt }]);

      expect((await as('cw-soc-1', NO_LONGER_SHARED)).data.myCoordinatedPlansNoLongerShared).toEqual([]);
      expect(errorCodesByPath(await as(peter.cpr, NO_LONGER_SHARED))).toEqual({});
      expect((await as(peter.cpr, NO_LONGER_SHARED)).data.myCoordinatedPlansNoLongerShared).toEqual([]);
    });
  });

  describe("server-written texts are kept as facts, so the citizen's app can say them in the citizen's language", () => {
    const inboxOf = async (cpr: string) =>
      (await as(cpr, `{ citizen(cpr: "${cpr}") { inbox { kind body factsJson } } }`)).data.citizen.inbox as Array<{
        kind: string;
        body: string;
        factsJson: string | null;
      }>;
    /** Inbox deliveries go through an outbox: wait (bounded) until a message of `kind` has arrived. */
    const arrived = async (cpr: string, kind: string) => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const found = (await inboxOf(cpr)).filter((m) => m.kind === kind);
        if (found.length > 0) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no ${kind} in the inbox`);
    };

    it('a request names its departments by code, not in a Danish sentence alone', async () => {
      const requested = await arrived(jonas.cpr, 'PLAN_REQUESTED');
      expect(requested.map((m) => JSON.parse(m.factsJson!))).toContainEqual({ departments: ['EMPLOYMENT'] });
      expect(requested.map((m) => m.body)).toContain('Du har bedt om én plan med: EMPLOYMENT.');
    });

    it("a declined request carries the caseworker's name, department and own words as facts", async () => {
      const answered = await arrived(jonas.cpr, 'PLAN_REQUEST_ANSWERED');
      expect(JSON.parse(answered[0]!.factsJson!)).toEqual({
        answer: 'DECLINED',
        caseworker: 'Bo Kristensen',
        department: 'SOCIAL',
        reason: 'Ingen sag hos os.',
      });
    });

    it('a withdrawal receipt carries the consent and the instant, in ISO 8601', async () => {
      const [withdrawn] = await arrived(peter.cpr, 'CONSENT_WITHDRAWN');
      const consents = await as(peter.cpr, `{ citizen(cpr: "${peter.cpr}") { consents { id withdrawnAt } } }`);
      const con1 = (consents.data.citizen.consents as Array<{ id: string; withdrawnAt: string }>).find(
        (c) => c.id === 'CON-000001',
      );
      expect(JSON.parse(withdrawn!.factsJson!)).toEqual({ consentId: 'CON-000001', withdrawnAt: con1!.withdrawnAt });
    });
  });

  it('a withdrawal committed by an attempt that failed before its receipt was queued gets its receipt on the retry, once', async () => {
    const given = await as(ali.cpr, 'mutation Give($input: GiveConsentInput!) { giveConsent(input: $input) { id } }', {
      input: {
        cpr: ali.cpr,
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        provisions: [
          { effect: 'PERMIT', ownerDepartments: ['EMPLOYMENT'], recipientDepartments: ['SOCIAL'], categories: ['CASE'] },
        ],
      },
    });
    const id = given.data.giveConsent.id as string;
    // The first attempt: the withdrawal is in the store, and the service died before it queued the receipt.
    const committedAt = Date.now() - 5_000;
    const db = openDatabase(join(federation.dataDir, 'consent.sqlite'));
    try {
      db.prepare('UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ?').run(committedAt, ali.cpr, id);
    } finally {
      db.close();
    }
    const WITHDRAW = 'mutation Withdraw($id: ID!) { withdrawConsent(id: $id) { status withdrawnAt } }';
    const retried = await as(ali.cpr, WITHDRAW, { id });
    expect(retried.data.withdrawConsent).toEqual({ status: 'WITHDRAWN', withdrawnAt: new Date(committedAt).toISOString() });
    await as(ali.cpr, WITHDRAW, { id }); // and once more: the inbox still holds one receipt

    const receipts = async () =>
      (
        (await as(ali.cpr, `{ citizen(cpr: "${ali.cpr}") { inbox { kind consentId factsJson } } }`)).data.citizen.inbox as Array<{
          kind: string;
          consentId: string | null;
          factsJson: string;
        }>
      ).filter((m) => m.kind === 'CONSENT_WITHDRAWN' && m.consentId === id);
    for (let attempt = 0; attempt < 50 && (await receipts()).length === 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a second copy, were there one
    const found = await receipts();
    expect(found).toHaveLength(1);
    expect(JSON.parse(found[0]!.factsJson)).toEqual({ consentId: id, withdrawnAt: new Date(committedAt).toISOString() });
  });
});
